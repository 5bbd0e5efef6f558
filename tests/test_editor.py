"""Editor support: .vscode/settings.json maps every data file to the schema its first line names, and the file fits it."""

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT
from jsonschema.validators import validator_for

from mlprep.loader import load_document

SETTINGS = ROOT / ".vscode" / "settings.json"
EXTENSIONS = ROOT / ".vscode" / "extensions.json"
DATA_FILES = sorted((ROOT / "data").rglob("*.yml"))
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as yaml-language-server reads it: `*` and `?` stay within one folder, `**/` spans folders."""
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:[^/]+/)*", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out)


def schema_globs() -> dict[str, list[str]]:
    mapping = json.loads(SETTINGS.read_text(encoding="utf-8"))["yaml.schemas"]
    return {schema: [globs] if isinstance(globs, str) else list(globs) for schema, globs in mapping.items()}


def matching_schemas(relative: str) -> list[tuple[str, str]]:
    """Every (schema, glob) pair of the settings whose glob matches a repository-relative path."""
    return [
        (schema, glob)
        for schema, globs in schema_globs().items()
        for glob in globs
        if glob_regex(glob.removeprefix("/")).fullmatch(relative)
    ]


def test_glob_regex() -> None:
    assert glob_regex("data/questions/*.yml").fullmatch("data/questions/nlp.yml")
    assert not glob_regex("data/questions/*.yml").fullmatch("data/questions/old/nlp.yml")
    assert not glob_regex("data/*.yml").fullmatch("data/companies/google.yml")
    assert glob_regex("data/**/*.yml").fullmatch("data/companies/google.yml")
    assert glob_regex("data/**/*.yml").fullmatch("data/roles.yml")


def test_settings_name_existing_schemas_and_recommend_the_yaml_extension() -> None:
    mapping = schema_globs()
    assert mapping
    for schema in mapping:
        assert (ROOT / schema).resolve().is_file(), f"{schema} in .vscode/settings.json does not exist"
    assert sorted((ROOT / schema).resolve() for schema in mapping) == sorted((ROOT / "schemas").glob("*.schema.json"))
    assert "redhat.vscode-yaml" in json.loads(EXTENSIONS.read_text(encoding="utf-8"))["recommendations"]


def test_there_are_data_files() -> None:
    assert len(DATA_FILES) >= 4 + 13


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT / "data").as_posix())
def test_data_file_is_mapped_to_its_modeline_schema_and_fits_it(path: Path) -> None:
    relative = path.relative_to(ROOT).as_posix()
    matches = matching_schemas(relative)
    assert len(matches) == 1, f"{relative} is matched by {len(matches)} globs of .vscode/settings.json: {matches}"
    mapped = (ROOT / matches[0][0]).resolve()
    assert mapped.is_file()

    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    modeline = MODELINE.match(first_line)
    assert modeline, f"{relative}: the first line is not `# yaml-language-server: $schema=...`"
    assert (path.parent / modeline.group(1)).resolve() == mapped, f"{relative}: settings and first line name different schemas"

    document, findings = load_document(path, relative)
    assert document is not None, findings
    schema = json.loads(mapped.read_text(encoding="utf-8"))
    validator = validator_for(schema)(schema)
    errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document.data)]
    assert not errors, f"{relative}: {errors}"
