"""The schema files: well formed, documented, closed; and every data file names its schema."""

import json
from pathlib import Path

import pytest
from conftest import ROOT
from jsonschema import Draft202012Validator

from mlprep.validate import default_data_dir, kind_of

SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))
DATA_FILES = sorted(default_data_dir().rglob("*.yml"))


def objects(schema: dict) -> list[dict]:
    """Every object-typed subschema."""
    found = [schema] if schema.get("type") == "object" else []
    for value in schema.values():
        if isinstance(value, dict):
            found += objects(value)
    return found


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_closed_and_documented(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    found = objects(schema)
    assert len(found) >= 1
    for subschema in found:
        assert subschema["additionalProperties"] is False
        for name, field in subschema["properties"].items():
            assert field.get("description"), f"{path.name}: {name} has no description"


def test_there_are_data_files() -> None:
    assert len(DATA_FILES) >= 4 + 13


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(default_data_dir()).as_posix())
def test_data_file_names_the_schema_of_its_kind(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first_line.startswith(prefix)
    schema = (path.parent / first_line.removeprefix(prefix)).resolve()
    assert schema == ROOT / "schemas" / f"{kind_of(path.relative_to(default_data_dir()))}.schema.json"
