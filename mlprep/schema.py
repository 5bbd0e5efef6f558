"""First layer of validation: the shape of each file, checked against schemas/*.schema.json."""

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from mlprep.findings import Finding
from mlprep.loader import Document, NodePath

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "a mapping",
    "number": "a number",
    "boolean": "true or false",
}


@cache
def schema_validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def check_shape(document: Document, kind: str) -> list[Finding]:
    findings: list[Finding] = []
    for error in schema_validator(kind).iter_errors(document.data):
        findings.extend(_findings_for(document, error))
    return findings


def describe(value: Any) -> str:
    """How a value reads in a message: the text 'no', the number 3, a list..."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    return _TYPE_NAMES["array" if isinstance(value, list) else "object"]


def field_name(where: NodePath) -> str:
    """Readable name of the field at a path: 'difficulty', 'year', 'tags[2]'."""
    if not where:
        return "the file"
    last = where[-1]
    if isinstance(last, int):
        return f"{field_name(where[:-1])}[{last}]" if len(where) > 1 else f"entry {last + 1}"
    return last


def _findings_for(document: Document, error: ValidationError) -> Iterator[Finding]:
    where = tuple(error.absolute_path)
    name = field_name(where)
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed:
                yield document.finding(where + (key,), "E101", f"unknown field '{key}'", _allowed_hint(key, allowed), key=True)
    elif error.validator == "required":
        missing = re.match(r"'(.+)' is a required property", error.message)
        label = _entry_label(error.instance)
        yield document.finding(
            where, "E102", f"{label} is missing the required field '{missing.group(1) if missing else error.message}'"
        )
    elif error.validator == "dependentRequired":
        for trigger, needed in error.validator_value.items():
            for name in needed:
                if trigger in error.instance and name not in error.instance:
                    yield document.finding(where + (trigger,), "E102", f"'{name}' is required when '{trigger}' is set")
    elif error.validator == "type":
        expected = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        yield document.finding(where, "E103", f"'{name}' must be {expected}, got {describe(error.instance)}")
    elif error.validator == "enum":
        allowed_values = ", ".join(str(v) for v in error.validator_value)
        yield document.finding(where, "E104", f"'{name}' must be one of: {allowed_values}; got {describe(error.instance)}")
    else:
        form = error.schema.get("errorMessage", error.message)
        yield document.finding(where, "E105", f"'{name}' is badly formed: {form}; got {describe(error.instance)}")


def _entry_label(instance: Any) -> str:
    if isinstance(instance, dict) and isinstance(instance.get("id"), str):
        return f"entry '{instance['id']}'"
    return "this entry"


def _allowed_hint(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    listed = ", ".join(allowed)
    return f"did you mean '{close[0]}'? allowed: {listed}" if close else f"allowed: {listed}"
