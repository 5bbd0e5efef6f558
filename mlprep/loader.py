"""Strict YAML loading that keeps the line and column of every key and value.

PyYAML alone keeps the last of two duplicate keys and applies YAML 1.1 typing
(`no` becomes False, `1:30` becomes 90). This loader composes the node tree with
PyYAML, then builds plain Python values itself with the YAML 1.2 core rules, so
`no` stays the word "no" and only `true`/`false` are booleans.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mlprep.findings import Finding

MAX_BYTES = 1 << 20

NodePath = tuple[str | int, ...]
Position = tuple[int, int]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_TAB_INDENT = re.compile(r"^( *)\t", re.MULTILINE)  # the first tab of an indent, after any spaces
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


@dataclass
class Document:
    """A loaded data file: its values and where each key and value stands."""

    path: str
    data: Any
    values: dict[NodePath, Position] = field(default_factory=dict)
    keys: dict[NodePath, Position] = field(default_factory=dict)

    def position(self, where: NodePath, *, key: bool = False) -> Position:
        """Position of a key or value; falls back to the closest enclosing node."""
        if key and where in self.keys:
            return self.keys[where]
        while where not in self.values and where:
            where = where[:-1]
        return self.values.get(where, (1, 1))

    def finding(self, where: NodePath, code: str, message: str, hint: str = "", *, key: bool = False) -> Finding:
        line, col = self.position(where, key=key)
        return Finding(self.path, line, col, code, message, hint)


class _Refused(Exception):
    """A construct the loader refuses (anchor, alias, complex key, several documents), at an event."""

    def __init__(self, event: yaml.Event, message: str, code: str = "E001") -> None:
        self.event, self.message, self.code = event, message, code


# libyaml's parser when PyYAML was built with it (the wheels are), else the pure-Python one.
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_document(file: Path, display_path: str) -> tuple[Document | None, list[Finding]]:
    """Load one YAML file; on a file-level problem return None and the findings."""
    raw = file.read_bytes()
    if len(raw) > MAX_BYTES:
        message = f"file is {len(raw)} bytes, over the limit of {MAX_BYTES} bytes (1 MiB)"
        return None, [Finding(display_path, 1, 1, "E006", message)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [_not_utf8(display_path, raw, error)]
    tabs = _tab_indents(display_path, text)
    if tabs:
        return None, tabs
    builder = _Builder(display_path)
    try:
        data = builder.build_stream(yaml.parse(text, Loader=_PARSER))
    except _Refused as refused:
        mark = refused.event.start_mark
        return None, [Finding(display_path, mark.line + 1, mark.column + 1, refused.code, refused.message)]
    except yaml.YAMLError as error:
        return None, [_syntax_finding(display_path, error)]
    return Document(display_path, data, builder.values, builder.keys), builder.findings


def _not_utf8(path: str, raw: bytes, error: UnicodeDecodeError) -> Finding:
    line = raw.count(b"\n", 0, error.start) + 1
    col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
    byte = raw[error.start]
    return Finding(path, line, col, "E005", f"byte 0x{byte:02x} is not valid UTF-8")


def _tab_indents(path: str, text: str) -> list[Finding]:
    return [
        Finding(path, text.count("\n", 0, tab.start()) + 1, len(tab.group(1)) + 1, "E004", "line is indented with a tab")
        for tab in _TAB_INDENT.finditer(text)
    ]


def _syntax_finding(path: str, error: yaml.YAMLError) -> Finding:
    mark = getattr(error, "problem_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    if context and context_mark and context_mark.line + 1 != line:
        context += f" that starts at line {context_mark.line + 1}"
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    return Finding(path, line, col, "E001", message)


def _plain_scalar(text: str) -> Any:
    """Resolve an unquoted scalar by the YAML 1.2 core schema."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


class _Builder:
    """Builds dicts, lists and scalars straight from the parser's events, noting every position.

    Working on events rather than PyYAML's node graph keeps libyaml's speed, and lets the loader
    refuse anchors, aliases and duplicate keys where they occur.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.values: dict[NodePath, Position] = {}
        self.keys: dict[NodePath, Position] = {}
        self.findings: list[Finding] = []

    def build_stream(self, events: Iterator[yaml.Event]) -> Any:
        data = None
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Refused(event, "invalid YAML: the file holds more than one document")
                data = self.build(events, next(events), ())
        return data

    def build(self, events: Iterator[yaml.Event], event: yaml.Event, where: NodePath) -> Any:
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event, f"alias '*{event.anchor}' is not allowed", "E003")
        if event.anchor is not None:
            raise _Refused(event, f"anchor '&{event.anchor}' is not allowed", "E003")
        self.values[where] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.ScalarEvent):
            return _plain_scalar(event.value) if event.implicit[0] else event.value
        if isinstance(event, yaml.SequenceStartEvent):
            return self._sequence(events, where)
        return self._mapping(events, where)

    def _sequence(self, events: Iterator[yaml.Event], where: NodePath) -> list[Any]:
        items: list[Any] = []
        while not isinstance(event := next(events), yaml.SequenceEndEvent):
            items.append(self.build(events, event, where + (len(items),)))
        return items

    def _mapping(self, events: Iterator[yaml.Event], where: NodePath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not isinstance(key_event := next(events), yaml.MappingEndEvent):
            if not isinstance(key_event, yaml.ScalarEvent):
                raise _Refused(key_event, "invalid YAML: a key must be plain text, not a list or mapping")
            key = key_event.value
            position = (key_event.start_mark.line + 1, key_event.start_mark.column + 1)
            value_event = next(events)
            if key in result:
                first_line = self.keys[where + (key,)][0]
                self.findings.append(Finding(self.path, *position, "E002", f"duplicate key '{key}' (first at line {first_line})"))
                self.build(events, value_event, where + ("(duplicate)", key))
                continue
            self.keys[where + (key,)] = position
            result[key] = self.build(events, value_event, where + (key,))
        return result
