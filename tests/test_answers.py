"""Answers: every runnable snippet runs, and formulas render in the browser with no request to another host."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import MINIMAL, mkdocs_build
from playwright.sync_api import Browser

from mlprep.browser import serve_directory
from mlprep.dataset import Question, build_dataset
from mlprep.validate import default_data_dir, validate


def questions(data_dir: Path) -> list[Question]:
    return build_dataset(validate(data_dir).bank).questions


RUNNABLE = [
    q for data in (default_data_dir(), MINIMAL) for q in questions(data) if q.answer and q.answer.code and q.answer.code.runnable
]


@pytest.mark.parametrize("question", RUNNABLE, ids=lambda q: q.id)
def test_runnable_snippet_runs(question: Question) -> None:
    code = compile(question.answer.code.source, f"<answer of {question.id}>", "exec")
    exec(code, {"__name__": f"answer_{question.id.replace('-', '_')}"})


def test_a_failing_snippet_would_fail() -> None:
    with pytest.raises(AssertionError):
        exec(compile("import numpy as np\nassert np.allclose(np.ones(2), 0)", "<broken>", "exec"), {})


@pytest.mark.browser
def test_formulas_render_without_requests_elsewhere(browser: Browser, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(site, MINIMAL, strict=False)
    assert result.returncode == 0, result.stderr
    with serve_directory(site) as base:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + "questions/ml-fundamentals/", wait_until="networkidle")
        page.locator("#bias-variance ~ details summary").first.click()
        formula = page.locator("details .arithmatex .katex").first
        formula.wait_for()
        assert "variance" in formula.inner_text()
        assert page.locator("details .arithmatex .katex-html").count() == 1
        page.close()
    assert {urlsplit(url).hostname for url in requests} == {"127.0.0.1"}
    assert any(url.endswith("katex.min.js") for url in requests)
    assert any(url.endswith(".woff2") for url in requests)
