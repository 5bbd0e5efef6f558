"""Strict YAML loading that keeps the line and column of every key and value.

PyYAML alone keeps the last of two duplicate keys and applies YAML 1.1 typing
(`no` becomes False, `1:30` becomes 90). This loader composes the node tree with
PyYAML, then builds plain Python values itself with the YAML 1.2 core rules, so
`no` stays the word "no" and only `true`/`false` are booleans.
"""

import re
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


class _AnchorOrAlias(Exception):
    def __init__(self, event: yaml.Event) -> None:
        self.event = event


class _StrictLoader(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _AnchorOrAlias(event)
        return super().compose_node(parent, index)


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
    try:
        node = _compose(text)
    except _AnchorOrAlias as found:
        return None, [_anchor_finding(display_path, found.event)]
    except yaml.YAMLError as error:
        return None, [_syntax_finding(display_path, error)]
    builder = _Builder(display_path)
    data = builder.build(node, ()) if node is not None else None
    return Document(display_path, data, builder.values, builder.keys), builder.findings


def _compose(text: str) -> yaml.Node | None:
    loader = _StrictLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _not_utf8(path: str, raw: bytes, error: UnicodeDecodeError) -> Finding:
    line = raw.count(b"\n", 0, error.start) + 1
    col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
    byte = raw[error.start]
    return Finding(path, line, col, "E005", f"byte 0x{byte:02x} is not valid UTF-8")


def _tab_indents(path: str, text: str) -> list[Finding]:
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = re.match(r"[ \t]*", line).group()  # type: ignore[union-attr]
        if "\t" in indent:
            findings.append(Finding(path, number, indent.index("\t") + 1, "E004", "line is indented with a tab"))
    return findings


def _anchor_finding(path: str, event: yaml.Event) -> Finding:
    mark = event.start_mark
    if isinstance(event, yaml.AliasEvent):
        message = f"alias '*{event.anchor}' is not allowed"
    else:
        message = f"anchor '&{event.anchor}' is not allowed"
    return Finding(path, mark.line + 1, mark.column + 1, "E003", message)


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
    """Turns a composed node tree into dicts, lists and scalars, noting positions."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.values: dict[NodePath, Position] = {}
        self.keys: dict[NodePath, Position] = {}
        self.findings: list[Finding] = []

    def build(self, node: yaml.Node, where: NodePath) -> Any:
        self.values[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, where + (index,)) for index, item in enumerate(node.value)]
        return _plain_scalar(node.value) if node.style is None else node.value

    def _mapping(self, node: yaml.MappingNode, where: NodePath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first_line = self.keys[where + (key,)][0]
                self.findings.append(Finding(self.path, *position, "E002", f"duplicate key '{key}' (first at line {first_line})"))
                continue
            self.keys[where + (key,)] = position
            result[key] = self.build(value_node, where + (key,))
        return result
