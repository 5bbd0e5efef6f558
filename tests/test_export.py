"""The exports: JSON and CSV agree with the data, and the Anki deck is a valid package with one note per question."""

import csv
import html
import io
import json
from pathlib import Path

import pytest
from conftest import MINIMAL, deck_contents

from mlprep.dataset import Dataset, build_dataset
from mlprep.export import question_url, questions_csv, questions_json, write_anki_deck
from mlprep.validate import default_data_dir, validate


@pytest.fixture(scope="module", params=[MINIMAL, default_data_dir()], ids=["minimal", "real"])
def dataset(request: pytest.FixtureRequest) -> Dataset:
    return build_dataset(validate(request.param).bank)


def test_json_has_one_object_per_question(dataset: Dataset) -> None:
    records = json.loads(questions_json(dataset))
    assert [r["id"] for r in records] == [q.id for q in dataset.questions]
    for record, question in zip(records, dataset.questions, strict=True):
        assert record["url"] == f"questions/{question.category}/#{question.id}"
        assert record["asked"] == [{"company": a.company, "year": a.year} for a in question.asked]
        assert set(record) >= {"id", "question", "category", "difficulty", "asked", "tags", "roles", "url"}


def test_minimal_json_record_exactly() -> None:
    records = json.loads(questions_json(build_dataset(validate(MINIMAL).bank)))
    assert records[1] == {
        "id": "cross-validation",
        "question": "What is cross-validation?",
        "aliases": [],
        "category": "ml-fundamentals",
        "difficulty": "easy",
        "asked": [{"company": "acme", "year": 2024}],
        "tags": [],
        "roles": [],
        "links": [{"title": "A page that died", "url": "https://web.archive.org/web/2024/https://example.org/gone"}],
        "has_answer": True,
        "reviewed": False,
        "url": "questions/ml-fundamentals/#cross-validation",
    }


def test_csv_matches_json(dataset: Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(questions_csv(dataset))))
    records = json.loads(questions_json(dataset))
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert row["id"] == record["id"] and row["question"] == record["question"]
        assert row["asked"] == ";".join(f"{a['company']}:{a['year']}" for a in record["asked"])


def test_anki_package_is_valid_with_one_note_per_question(dataset: Dataset, tmp_path: Path) -> None:
    package = tmp_path / "deck.apkg"
    write_anki_deck(dataset, "https://example.org/site/", package)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]  # the partial file was renamed
    notes, names = deck_contents(package)
    assert len(notes) == len(dataset.questions)
    questions = sorted(fields[0] for fields in notes)
    assert questions == sorted(html.escape(q.question) for q in dataset.questions)
    assert sorted(fields[5] for fields in notes) == sorted(
        f"https://example.org/site/{question_url(q)}" for q in dataset.questions
    )
    assert {f"ML Interview Prep::{c.title}" for c in dataset.categories} <= names
