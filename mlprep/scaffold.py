"""Add a new entry to the data: pick a free id, write the YAML where it belongs, keep the rest of the file as it is."""

import re
from pathlib import Path
from typing import Any

import yaml

from mlprep.loader import Document

_WORD = re.compile(r"[a-z0-9]+")
_SKIP = frozenset(
    "a an and are as at by can describe do does explain for how in is it of on or the to what when which why with would you your".split()
)
SCHEMA_LINE = "# yaml-language-server: $schema={}\n"


def make_id(text: str, taken: set[str], max_words: int = 6) -> str:
    """A kebab-case id from the first meaningful words of a text, with -2, -3... if it is taken."""
    words = [word for word in _WORD.findall(text.lower()) if word not in _SKIP][:max_words] or ["entry"]
    base = "-".join(words)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


class _DataStyleDumper(yaml.SafeDumper):
    """Indents lists under their key, as the data files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def entry_yaml(entry: dict[str, Any]) -> str:
    """One list item as YAML text, in the style of the data files."""
    return yaml.dump([entry], Dumper=_DataStyleDumper, sort_keys=False, allow_unicode=True, width=1000)


def append_entry(file: Path, entry: dict[str, Any], schema: str) -> None:
    """Append a list item at the end of a data file, creating the file with its schema line if needed."""
    text = file.read_text(encoding="utf-8") if file.exists() else SCHEMA_LINE.format(schema)
    if not text.endswith("\n"):
        text += "\n"
    file.write_text(text + entry_yaml(entry), encoding="utf-8")


def insert_after_group(file: Path, document: Document, entry: dict[str, Any], key: str) -> None:
    """Insert a list item after the last item sharing entry[key] (resources are grouped by kind), else at the end."""
    items = document.data
    same = [index for index, item in enumerate(items) if isinstance(item, dict) and item.get(key) == entry[key]]
    if not same or same[-1] + 1 == len(items):
        append_entry(file, entry, "")
        return
    next_item_line = document.position((same[-1] + 1,))[0]  # the line of the next item's "- "
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(next_item_line - 1, entry_yaml(entry))
    file.write_text("".join(lines), encoding="utf-8")
