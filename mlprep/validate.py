"""The one validator: load every file of data/, check shape, then cross-file rules."""

import os
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from mlprep.findings import Finding, errors
from mlprep.forked import Forked
from mlprep.loader import Document, load_document
from mlprep.rules import RULES, Bank
from mlprep.schema import check_shape

DATA_KINDS = {"categories.yml": "categories", "roles.yml": "roles", "resources.yml": "resources"}
REQUIRED_FILES = tuple(DATA_KINDS)
PARALLEL_FROM_BYTES = 1 << 20  # below this, forking costs more than it saves
CHILD_SHARE = 0.7  # of the bytes: the rules take this process about half as long as the schema checks
FOLDER_KINDS = {"questions": "questions", "companies": "company"}


class LoadedFile(NamedTuple):
    document: Document
    kind: str
    size: int


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


def validate(data_dir: Path, *, max_year: int | None = None, parallel: bool | None = None) -> Report:
    """Every finding of data_dir; `parallel` (default: for large data) checks shapes on a second core."""
    findings = [
        Finding(display_path(data_dir / name), 1, 1, "E008", f"{name} is missing")
        for name in REQUIRED_FILES
        if not (data_dir / name).is_file()
    ]
    loaded: list[LoadedFile] = []
    for file in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        shown = display_path(file)
        kind = kind_of(file.relative_to(data_dir))
        if kind is None:
            findings.append(Finding(shown, 1, 1, "E007", "this file is not a known kind of data file"))
            continue
        document, load_findings = load_document(file, shown)
        findings += load_findings
        if document is not None:
            loaded.append(LoadedFile(document, kind, file.stat().st_size))
    documents: dict[str, list[Document]] = {}
    for each in loaded:
        documents.setdefault(each.kind, []).append(each.document)
    bank = Bank(documents, max_year if max_year is not None else date.today().year + 1)
    if parallel is None:
        parallel = sum(each.size for each in loaded) >= PARALLEL_FROM_BYTES
    findings += check_shapes_beside_rules(loaded, bank) if parallel else check_shapes(loaded) + run_rules(bank)
    return Report(bank, sorted(set(findings)))


def check_shapes(loaded: list[LoadedFile]) -> list[Finding]:
    return [finding for each in loaded for finding in check_shape(each.document, each.kind)]


def run_rules(bank: Bank) -> list[Finding]:
    return [finding for rule in RULES for finding in rule(bank)]


def check_shapes_beside_rules(loaded: list[LoadedFile], bank: Bank) -> list[Finding]:
    """A forked child checks the first files' shapes (CHILD_SHARE of the bytes) while this process runs the rules."""
    running = list(accumulate((each.size for each in loaded), initial=0))
    split = next((index for index, upto in enumerate(running) if upto >= CHILD_SHARE * running[-1]), len(loaded))
    child = Forked(lambda: check_shapes(loaded[:split]))
    findings = run_rules(bank) + check_shapes(loaded[split:])
    return findings + child.result()


def default_data_dir() -> Path:
    """data/ beside this package, unless MLPREP_DATA_DIR names another (the benchmark uses that)."""
    return Path(os.environ.get("MLPREP_DATA_DIR", Path(__file__).resolve().parent.parent / "data"))
