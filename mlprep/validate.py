"""The one validator: load every file of data/, check shape, then cross-file rules."""

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mlprep.findings import Finding, errors
from mlprep.loader import Document, load_document
from mlprep.rules import RULES, Bank
from mlprep.schema import check_shape

DATA_KINDS = {"categories.yml": "categories", "roles.yml": "roles", "resources.yml": "resources"}
REQUIRED_FILES = tuple(DATA_KINDS)
FOLDER_KINDS = {"questions": "questions", "companies": "company"}


@dataclass
class Report:
    bank: Bank
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return errors(self.findings)


def kind_of(relative: Path) -> str | None:
    """Which schema a file under data/ follows, from where it sits."""
    if relative.suffix != ".yml":
        return None
    if len(relative.parts) == 1:
        return DATA_KINDS.get(relative.name)
    if len(relative.parts) == 2:
        return FOLDER_KINDS.get(relative.parts[0])
    return None


def display_path(file: Path) -> str:
    """The path as printed in findings: relative to the working directory when below it."""
    try:
        return file.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return file.resolve().as_posix()


def validate(data_dir: Path, *, max_year: int | None = None) -> Report:
    findings = [
        Finding(display_path(data_dir / name), 1, 1, "E008", f"{name} is missing")
        for name in REQUIRED_FILES
        if not (data_dir / name).is_file()
    ]
    documents: dict[str, list[Document]] = {}
    for file in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        shown = display_path(file)
        kind = kind_of(file.relative_to(data_dir))
        if kind is None:
            findings.append(Finding(shown, 1, 1, "E007", "this file is not a known kind of data file"))
            continue
        document, load_findings = load_document(file, shown)
        findings += load_findings
        if document is not None:
            findings += check_shape(document, kind)
            documents.setdefault(kind, []).append(document)
    bank = Bank(documents, max_year if max_year is not None else date.today().year + 1)
    for rule in RULES:
        findings += rule(bank)
    return Report(bank, sorted(set(findings)))


def default_data_dir() -> Path:
    """data/ beside this package, unless MLPREP_DATA_DIR names another (the benchmark uses that)."""
    return Path(os.environ.get("MLPREP_DATA_DIR", Path(__file__).resolve().parent.parent / "data"))
