"""Machine-readable exports of the question bank: /api/questions.json, /api/questions.csv and an Anki deck."""

import csv
import hashlib
import html
import io
import json
import os
from pathlib import Path
from typing import Any

import genanki
import markdown

from mlprep.dataset import Answer, Dataset, Question

DECK_NAME = "ML Interview Prep"
# Stable ids: Anki recognises the same model and decks across downloads, so re-importing updates notes.
ANKI_MODEL_ID = 1_704_321_881
CSV_FIELDS = ["id", "question", "category", "difficulty", "asked", "tags", "roles", "url"]


def question_url(question: Question) -> str:
    """Site-relative permalink of a question: its category page and its anchor."""
    return f"questions/{question.category}/#{question.id}"


def question_record(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "question": question.question,
        "aliases": question.aliases,
        "category": question.category,
        "difficulty": question.difficulty,
        "asked": [{"company": asked.company, "year": asked.year} for asked in question.asked],
        "tags": question.tags,
        "roles": question.roles,
        "links": [{"title": link.title, "url": link.archived or link.url} for link in question.links],
        "has_answer": question.answer is not None,
        "reviewed": bool(question.answer and question.answer.reviewed),
        "url": question_url(question),
    }


def questions_json(dataset: Dataset) -> str:
    return json.dumps([question_record(q) for q in dataset.questions], ensure_ascii=False, separators=(",", ":"))


def questions_csv(dataset: Dataset) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for question in dataset.questions:
        record = question_record(question)
        record["asked"] = ";".join(f"{a['company']}:{a['year']}" for a in record["asked"])
        record["tags"] = ";".join(record["tags"])
        record["roles"] = ";".join(record["roles"])
        writer.writerow({field: record[field] for field in CSV_FIELDS})
    return buffer.getvalue()


def _stable_id(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) + (1 << 30)


def _answer_html(answer: Answer | None) -> str:
    if answer is None:
        return "<p><em>No answer outline yet.</em></p>"
    parts = ["**Key points**", *[f"- {point}" for point in answer.key_points], ""]
    if answer.example:
        parts += ["**Example**", "", answer.example, ""]
    if answer.code:
        parts += [f"```{answer.code.language}", answer.code.source.rstrip(), "```", ""]
    parts += ["**Pitfalls**", *[f"- {pitfall}" for pitfall in answer.pitfalls]]
    return _MARKDOWN.reset().convert("\n".join(parts))


# One converter for every note: building a Markdown instance per call dominates the deck's cost.
_MARKDOWN = markdown.Markdown(extensions=["fenced_code"])


ANKI_MODEL = genanki.Model(
    ANKI_MODEL_ID,
    "ML Interview Prep question",
    fields=[{"name": name} for name in ("Question", "Answer", "Links", "Category", "Difficulty", "Permalink")],
    templates=[
        {
            "name": "Question first",
            "qfmt": "<div class=meta>{{Category}} · {{Difficulty}}</div><h3>{{Question}}</h3>",
            "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}<div class=links>{{Links}}</div><p><a href='{{Permalink}}'>On the site</a></p>",
        }
    ],
    css=".card { font-family: sans-serif; text-align: left; } .meta { color: #777; font-size: 0.8em; }",
)


def write_anki_deck(dataset: Dataset, site_url: str, target: Path) -> None:
    """Write the .apkg package (one sub-deck per category, one note per question) to target, atomically."""
    titles = {category.id: category.title for category in dataset.categories}
    decks = {cid: genanki.Deck(_stable_id(cid), f"{DECK_NAME}::{title}") for cid, title in titles.items()}
    for question in dataset.questions:
        links = "".join(
            f"<li><a href='{html.escape(link.archived or link.url)}'>{html.escape(link.title)}</a></li>"
            for link in question.links
        )
        fields = [
            html.escape(question.question),
            _answer_html(question.answer),
            f"<ul>{links}</ul>" if links else "",
            titles[question.category],
            question.difficulty,
            site_url + question_url(question),
        ]
        decks[question.category].add_note(genanki.Note(model=ANKI_MODEL, fields=fields, guid=genanki.guid_for(question.id)))
    partial = target.with_name(target.name + ".part")  # a reader never sees half a package
    genanki.Package(list(decks.values())).write_to_file(str(partial))
    os.replace(partial, target)
