"""Render the dataset into Markdown pages through the Jinja2 templates in templates/."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from mlprep.dataset import Company, Dataset, Question
from mlprep.export import CSV_FIELDS, question_record, questions_csv, questions_json

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = ROOT / "templates"
HOME_TEMPLATE = ROOT / "docs" / "index.md"
ANKI_DECK = "ml-interview-prep.apkg"
DECK_URI = f"api/{ANKI_DECK}"  # written by export.write_anki_deck, not returned with the pages

RESOURCE_KINDS = {
    "book": "Books",
    "interview-course": "Interview courses",
    "course": "Courses",
    "practice-platform": "Practice platforms",
    "question-bank": "Question banks",
    "mock-interview": "Mock interviews",
    "engineering-blog": "Engineering blogs",
    "tool": "Tools and libraries",
    "mathematics": "Mathematics and statistics",
    "video": "Videos and YouTube channels",
    "community": "Communities",
}
DIFFICULTIES = ("easy", "medium", "hard")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|&])")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


@dataclass(frozen=True)
class GeneratedPage:
    """A page or file of the site made from data: where it goes, what it holds, which source to edit."""

    src_uri: str
    content: str
    edit_path: str


def markdown_text(value: str) -> str:
    """Escape text so Markdown shows it as written and never turns it into markup or HTML."""
    return _MARKDOWN_SPECIAL.sub(lambda m: _ENTITIES.get(m.group(1), "\\" + m.group(1)), value)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([TEMPLATE_DIR, HOME_TEMPLATE.parent]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # `{#id}` is Markdown's heading-anchor syntax, so Jinja comments use another marker.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["md"] = markdown_text
    env.tests["contains"] = lambda values, item: item in values
    return env


def site_context(dataset: Dataset) -> dict[str, Any]:
    questions = dataset.questions
    return {
        "data": dataset,
        "categories": {category.id: category for category in dataset.categories},
        "companies": {company.id: company for company in dataset.companies},
        "roles": {role.id: role for role in dataset.roles},
        "questions_by_id": {question.id: question for question in questions},
        "resource_kinds": RESOURCE_KINDS,
        "difficulties": DIFFICULTIES,
        "counts": {
            "questions": len(questions),
            "wordings": sum(len(q.wordings) for q in questions),
            "categories": len(dataset.categories),
            "companies": len(dataset.companies),
            "companies_with_process": sum(1 for c in dataset.companies if c.stages),
            "resources": len(dataset.resources),
            "roles": len(dataset.roles),
            "reports": sum(len(q.asked) for q in questions),
        },
    }


def difficulty_counts(questions: list[Question]) -> dict[str, int]:
    counts = Counter(question.difficulty for question in questions)
    return {level: counts[level] for level in DIFFICULTIES}


def questions_by_year(dataset: Dataset, company: Company) -> list[tuple[int, list[Question]]]:
    """The questions a company asked, grouped by year, newest year first."""
    by_year: dict[int, list[Question]] = defaultdict(list)
    for question in dataset.questions:
        for year in sorted({asked.year for asked in question.asked if asked.company == company.id}):
            by_year[year].append(question)
    return sorted(by_year.items(), reverse=True)


def render_site(dataset: Dataset) -> list[GeneratedPage]:
    env = environment()
    context = site_context(dataset)
    context.update(difficulty_counts=difficulty_counts, questions_by_year=questions_by_year, csv_fields=CSV_FIELDS)
    context["sample"] = question_record(dataset.questions[0]) if dataset.questions else {}

    def page(src_uri: str, template: str, edit_path: str, **extra: Any) -> GeneratedPage:
        return GeneratedPage(src_uri, env.get_template(template).render(**context, **extra), edit_path)

    pages = [
        page("index.md", HOME_TEMPLATE.name, "docs/index.md"),
        page("questions/index.md", "questions_index.md.j2", dataset.sources["categories"]),
        page("companies/index.md", "companies_index.md.j2", dataset.companies[0].source if dataset.companies else "data"),
        page("roles/index.md", "roles_index.md.j2", dataset.sources["roles"]),
        page("resources.md", "resources.md.j2", dataset.sources["resources"]),
    ]
    for category in dataset.categories:
        source = category.source or dataset.sources["categories"]
        pages.append(page(f"questions/{category.id}.md", "category.md.j2", source, category=category))
    for company in dataset.companies:
        pages.append(page(f"companies/{company.id}.md", "company.md.j2", company.source, company=company))
    for role in dataset.roles:
        pages.append(page(f"roles/{role.id}.md", "role.md.j2", dataset.sources["roles"], role=role))
    pages.append(page("api/index.md", "api.md.j2", "templates/api.md.j2", deck=ANKI_DECK))
    pages.append(page("explore.md", "explore.md.j2", "templates/explore.md.j2", labels=explorer_labels(dataset)))
    return pages + export_files(dataset)


def explorer_labels(dataset: Dataset) -> dict[str, Any]:
    """Display names the explorer shows for ids (questions.json carries ids only)."""
    return {
        "categories": {category.id: category.title for category in dataset.categories},
        "categoryOrder": {category.id: category.order for category in dataset.categories},
        "companies": {company.id: company.name for company in dataset.companies},
        "roles": {role.id: role.title for role in dataset.roles},
    }


def export_files(dataset: Dataset) -> list[GeneratedPage]:
    """The question bank as JSON and CSV, for other tools (documented on /api/; the deck is written apart)."""
    source = dataset.sources["categories"]
    return [
        GeneratedPage("api/questions.json", questions_json(dataset), source),
        GeneratedPage("api/questions.csv", questions_csv(dataset), source),
    ]


def site_nav(dataset: Dataset) -> list[Any]:
    """The navigation, in the order the data gives (categories by `order`, companies by name)."""
    return [
        {"Home": "index.md"},
        {"Explore": "explore.md"},
        {"Questions": ["questions/index.md", *[{c.title: f"questions/{c.id}.md"} for c in dataset.categories]]},
        {"Companies": ["companies/index.md", *[{c.name: f"companies/{c.id}.md"} for c in dataset.companies]]},
        {"Roles": ["roles/index.md", *[{r.title: f"roles/{r.id}.md"} for r in dataset.roles]]},
        {"Resources": "resources.md"},
        {"Strategies": "strategies.md"},
        {"Contributing": "contributing.md"},
        {"Tags": "tags.md"},
        {"API": "api/index.md"},
    ]
