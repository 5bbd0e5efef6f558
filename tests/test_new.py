"""The scaffold: scripts/new.py adds a valid entry in the right place, or leaves data/ untouched."""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_data_dir

from mlprep.loader import load_document
from mlprep.scaffold import make_id
from mlprep.validate import validate


def new(tmp_path: Path, *args: str, answers: str = "") -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "scripts" / "new.py"), "--data", "data", *args]
    return subprocess.run(command, cwd=tmp_path, input=answers, capture_output=True, text=True, check=False)


def entries(path: Path) -> list:
    document, findings = load_document(path, path.name)
    assert findings == []
    return document.data


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_data_dir(tmp_path)


def test_make_id_skips_filler_words_and_avoids_taken_ids() -> None:
    assert make_id("What is the curse of dimensionality?", set()) == "curse-dimensionality"
    assert (
        make_id("What is the curse of dimensionality?", {"curse-dimensionality", "curse-dimensionality-2"})
        == "curse-dimensionality-3"
    )
    assert make_id("How would you design a feature store for a large ML org?", set()) == "design-feature-store-large-ml-org"


def test_question_from_options(tmp_path: Path, data: Path) -> None:
    result = new(
        tmp_path,
        "question",
        "--category",
        "deep-learning",
        "--question",
        "Why is dropout turned off at inference time?",
        "--difficulty",
        "medium",
        "--tags",
        "regularization, dropout",
        "--roles",
        "ml-engineer",
        "--company",
        "acme",
        "--year",
        "2025",
        "--link-title",
        "Dropout paper",
        "--link-url",
        "https://jmlr.org/papers/v15/srivastava14a.html",
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "data/questions/deep-learning.yml:12:3: W302 1 of 2 questions have no answer outline yet (first: 'dropout-turned-off-inference-time')"
        " (hint: Write an `answer` for each (see the style guide); the site lists them without one meanwhile.)",
        "added to data/questions/deep-learning.yml; the validator found no error",
    ]
    assert entries(data / "questions" / "deep-learning.yml")[-1] == {
        "id": "dropout-turned-off-inference-time",
        "question": "Why is dropout turned off at inference time?",
        "difficulty": "medium",
        "tags": ["regularization", "dropout"],
        "roles": ["ml-engineer"],
        "asked": [{"company": "acme", "year": 2025}],
        "links": [{"title": "Dropout paper", "url": "https://jmlr.org/papers/v15/srivastava14a.html"}],
    }
    assert [finding.code for finding in validate(data).findings] == ["W302"]


def test_question_asked_for_at_the_prompt_gets_a_unique_id(tmp_path: Path, data: Path) -> None:
    answers = "ml-fundamentals\nExplain the bias-variance tradeoff again.\nmedium\n"
    first = new(tmp_path, "question", answers=answers)
    second = new(
        tmp_path, "question", "--question", "Explain the bias variance tradeoff again?", answers="nlp\nml-fundamentals\nhard\n"
    )
    assert (first.returncode, second.returncode) == (0, 0), second.stderr
    ids = [entry["id"] for entry in entries(data / "questions" / "ml-fundamentals.yml")]
    assert ids[-2:] == ["bias-variance-tradeoff-again", "bias-variance-tradeoff-again-2"]
    # "nlp" is not a category of this data set, so the prompt asked again.
    assert second.stdout.count("Category (behavioral | deep-learning | ml-coding | ml-fundamentals | ml-system-design): ") == 2


def test_resource_goes_after_the_last_of_its_kind(tmp_path: Path, data: Path) -> None:
    resources = data / "resources.yml"
    course = "- id: a-course\n  title: A Course\n  url: https://example.org/course\n  kind: course\n  cost: free\n  topics: [mlops]\n  description: A course.\n"
    resources.write_text(resources.read_text(encoding="utf-8") + course, encoding="utf-8")
    result = new(
        tmp_path,
        "resource",
        "--title",
        "Another Book",
        "--url",
        "https://example.org/another",
        "--kind",
        "book",
        "--cost",
        "free",
        "--topics",
        "statistics",
        "--description",
        "A second book.",
    )
    assert result.returncode == 0, result.stderr
    assert [entry["id"] for entry in entries(resources)] == ["example-book", "another-book", "a-course"]


def test_company_file_is_created(tmp_path: Path, data: Path) -> None:
    result = new(tmp_path, "company", "--name", "Hugging Face", "--summary", "Open models and open interviews.")
    assert result.returncode == 0, result.stderr
    created = data / "companies" / "hugging-face.yml"
    assert created.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schemas/company.schema.json\n"
        'name: "Hugging Face"\nsummary: "Open models and open interviews."\n'
    )


def test_invalid_entry_is_not_kept(tmp_path: Path, data: Path) -> None:
    before = {path: path.read_bytes() for path in data.rglob("*.yml")}
    result = new(tmp_path, "question", "--category", "deep-learning", "--question", "Why <b>bold</b>?", "--difficulty", "easy")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/questions/deep-learning.yml:12:3: W302 1 of 2 questions have no answer outline yet (first: 'b-bold-b')"
        " (hint: Write an `answer` for each (see the style guide); the site lists them without one meanwhile.)",
        "data/questions/deep-learning.yml:13:13: E208 HTML markup '<b>' is not allowed in text"
        " (hint: Use Markdown instead of HTML, or put code in backticks.)",
        "1 error(s): the entry was not kept",
    ]
    assert {path: path.read_bytes() for path in data.rglob("*.yml")} == before
