"""The exports: JSON and CSV agree with the data, and the Anki deck is a valid package with one note per question."""

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from conftest import MINIMAL

from mlprep.dataset import Dataset, build_dataset
from mlprep.export import anki_deck, questions_csv, questions_json
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
    package.write_bytes(anki_deck(dataset, "https://example.org/site/"))
    with zipfile.ZipFile(package) as archive:
        assert "collection.anki2" in archive.namelist()
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        notes = db.execute("select flds from notes").fetchall()
        decks = json.loads(db.execute("select decks from col").fetchone()[0])
    assert len(notes) == len(dataset.questions)
    questions = sorted(fields.split("\x1f")[0] for (fields,) in notes)
    assert questions == sorted(
        q.question.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#x27;").replace('"', "&quot;")
        for q in dataset.questions
    )
    names = {deck["name"] for deck in decks.values()}
    assert {f"ML Interview Prep::{c.title}" for c in dataset.categories} <= names
