"""The validated data as typed records, ready for the templates."""

from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from pathlib import PurePosixPath
from types import UnionType
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

from mlprep.rules import Bank

T = TypeVar("T")


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    status: str = ""
    archived: str = ""


@dataclass(frozen=True)
class Asked:
    company: str
    year: int


@dataclass
class Code:
    language: str
    source: str
    runnable: bool = False
    complexity: str = ""


@dataclass
class Star:
    situation: str
    task: str
    action: str
    result: str


@dataclass
class Answer:
    key_points: list[str]
    pitfalls: list[str]
    example: str = ""
    code: Code | None = None
    star: Star | None = None
    follow_ups: list[str] = field(default_factory=list)
    reviewed: bool = False


@dataclass
class Question:
    id: str
    question: str
    difficulty: str
    category: str = ""
    source: str = ""
    aliases: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    asked: list[Asked] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    answer: Answer | None = None
    also_in: list[str] = field(default_factory=list)
    distinct_from: list[str] = field(default_factory=list)

    @property
    def wordings(self) -> list[str]:
        return [self.question, *self.aliases]


@dataclass
class Category:
    id: str
    title: str
    description: str
    order: int
    source: str = ""
    questions: list[Question] = field(default_factory=list)
    cross_references: list[Question] = field(default_factory=list)


@dataclass
class Stage:
    name: str
    duration: str = ""
    description: str = ""
    activities: list[str] = field(default_factory=list)


@dataclass
class Company:
    name: str
    id: str = ""
    source: str = ""
    summary: str = ""
    process_duration: str = ""
    stages: list[Stage] = field(default_factory=list)
    focus_areas: list[str] = field(default_factory=list)
    evaluation_criteria: list[str] = field(default_factory=list)
    prep_focus: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


@dataclass
class InterviewType:
    name: str
    topics: list[str]


@dataclass
class Role:
    id: str
    title: str
    summary: str
    interview_types: list[InterviewType]


@dataclass
class Resource:
    id: str
    title: str
    url: str
    kind: str
    cost: str
    topics: list[str]
    description: str
    roles: list[str] = field(default_factory=list)
    company: str = ""
    status: str = ""
    archived: str = ""


@dataclass
class Dataset:
    categories: list[Category]
    companies: list[Company]
    roles: list[Role]
    resources: list[Resource]
    sources: dict[str, str]

    @property
    def questions(self) -> list[Question]:
        return [question for category in self.categories for question in category.questions]


@cache
def _field_types(cls: type) -> dict[str, Any]:
    hints = get_type_hints(cls)
    return {item.name: hints[item.name] for item in fields(cls)}


def record(cls: type[T], data: dict[str, Any], **extra: Any) -> T:
    """Build a dataclass from a validated mapping, recursing into lists of records."""
    values = dict(extra)
    for name, hint in _field_types(cls).items():
        if name in data:
            values[name] = _convert(hint, data[name])
    return cls(**values)


def _convert(hint: Any, value: Any) -> Any:
    if get_origin(hint) is UnionType:  # an optional record, `Answer | None`
        hint = next(arg for arg in get_args(hint) if arg is not type(None))
    if get_origin(hint) is list:
        (inner,) = get_args(hint)
        return [_convert(inner, item) for item in value]
    if is_dataclass(hint):
        return record(hint, value)  # type: ignore[arg-type]
    return value


def build_dataset(bank: Bank) -> Dataset:
    """Typed records from a bank that passed validation."""
    categories = sorted((record(Category, item) for _, _, item in bank.entries("categories")), key=lambda c: c.order)
    by_id = {category.id: category for category in categories}
    sources = {kind: bank.of(kind)[0].path for kind in ("categories", "roles", "resources")}
    for document in bank.of("questions"):
        category = by_id[PurePosixPath(document.path).stem]
        category.source = document.path
        category.questions = [record(Question, item, category=category.id, source=document.path) for item in document.data]
    for question in [q for c in categories for q in c.questions]:
        for other in question.also_in:
            by_id[other].cross_references.append(question)
    companies = [
        record(Company, document.data, id=PurePosixPath(document.path).stem, source=document.path)
        for document in bank.of("company")
    ]
    return Dataset(
        categories=categories,
        companies=sorted(companies, key=lambda company: company.name.lower()),
        roles=[record(Role, item) for _, _, item in bank.entries("roles")],
        resources=[record(Resource, item) for _, _, item in bank.entries("resources")],
        sources=sources,
    )
