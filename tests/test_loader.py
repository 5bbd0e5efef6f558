"""The strict YAML loader: what it accepts, what it refuses, and the positions it keeps."""

from pathlib import Path

import pytest

from mlprep.loader import load_document


def load(tmp_path: Path, content: bytes):
    file = tmp_path / "file.yml"
    file.write_bytes(content)
    return load_document(file, "file.yml")


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    document, findings = load(tmp_path, b"\xef\xbb\xbf- id: a\r\n  question: Why?\r\n  difficulty: easy\r\n")
    assert findings == []
    assert document.data == [{"id": "a", "question": "Why?", "difficulty": "easy"}]
    assert document.position((0, "difficulty")) == (3, 15)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("off", "off"),
        ("1:30", "1:30"),
        ("2024-01-01", "2024-01-01"),
        ("0o17", "0o17"),
        ("true", True),
        ("false", False),
        ("2024", 2024),
        ("1.5", 1.5),
        ("~", None),
        ('"2024"', "2024"),
        ("'no'", "no"),
    ],
)
def test_scalars_follow_yaml_1_2_core_rules(tmp_path: Path, text: str, value: object) -> None:
    document, findings = load(tmp_path, f"value: {text}\n".encode())
    assert findings == []
    assert document.data == {"value": value}
    assert type(document.data["value"]) is type(value)


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    document, _ = load(tmp_path, b"- id: a\n  asked:\n    - company: acme\n      year: 2024\n")
    assert document.position((0, "asked", 0, "year")) == (4, 13)
    assert document.position((0, "asked", 0, "year"), key=True) == (4, 7)
    assert document.position((0, "asked", 0, "missing")) == (3, 7)


def test_every_duplicate_key_is_reported(tmp_path: Path) -> None:
    _, findings = load(tmp_path, b"a: 1\nb: 2\na: 3\nb: 4\n")
    assert [str(f) for f in findings] == [
        "file.yml:3:1: E002 duplicate key 'a' (first at line 1) (hint: Keep one of the two keys; YAML would silently drop the first.)",
        "file.yml:4:1: E002 duplicate key 'b' (first at line 2) (hint: Keep one of the two keys; YAML would silently drop the first.)",
    ]


def test_every_tab_indented_line_is_reported(tmp_path: Path) -> None:
    document, findings = load(tmp_path, b"a:\n\t- 1\n  \t- 2\nb: 'tab\tinside is fine'\n")
    assert document is None
    assert [(f.code, f.line, f.col) for f in findings] == [("E004", 2, 1), ("E004", 3, 3)]


def test_alias_is_refused(tmp_path: Path) -> None:
    # An alias without its anchor is still refused, at the alias.
    document, findings = load(tmp_path, b"a: 1\nb: *x\n")
    assert document is None
    assert [(f.code, f.line, f.col, f.message) for f in findings] == [("E003", 2, 4, "alias '*x' is not allowed")]


def test_multiple_documents_are_refused(tmp_path: Path) -> None:
    document, findings = load(tmp_path, b"a: 1\n---\nb: 2\n")
    assert document is None
    assert [(f.code, f.line) for f in findings] == [("E001", 2)]


def test_empty_file_loads_as_nothing(tmp_path: Path) -> None:
    document, findings = load(tmp_path, b"# only a comment\n")
    assert findings == []
    assert document.data is None
