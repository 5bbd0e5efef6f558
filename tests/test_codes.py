"""One fixture per validator code: the exact lines the validator prints for it."""

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import CODE_FIXTURES, ROOT, make_data_dir, mkdocs_build

from mlprep.codes import CODES
from mlprep.validate import validate

FIXTURE_DIRS = sorted(path for path in CODE_FIXTURES.iterdir() if path.is_dir())


FIXTURE_MAX_YEAR = 2026
NEXT_YEAR = date.today().year + 1


def expected_lines(fixture: Path, max_year: int = FIXTURE_MAX_YEAR) -> list[str]:
    """The fixture's lines; written with 2026 as the last allowed year, as the validator is told in-process."""
    text = (fixture / "expected.txt").read_text(encoding="utf-8")
    return text.replace(f"2000..{FIXTURE_MAX_YEAR}", f"2000..{max_year}").splitlines()


def test_every_code_has_a_fixture() -> None:
    assert [path.name for path in FIXTURE_DIRS] == sorted(CODES)


@pytest.mark.parametrize("parallel", [False, True], ids=["one-core", "two-cores"])
@pytest.mark.parametrize("fixture", FIXTURE_DIRS, ids=lambda path: path.name)
def test_fixture_gives_exactly_its_lines(fixture: Path, parallel: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_data_dir(tmp_path, fixture)
    monkeypatch.chdir(tmp_path)
    report = validate(Path("data"), max_year=FIXTURE_MAX_YEAR, parallel=parallel)
    lines = [str(finding) for finding in report.findings]
    assert lines == expected_lines(fixture)
    assert fixture.name in {finding.code for finding in report.findings}


@pytest.mark.parametrize("fixture", FIXTURE_DIRS, ids=lambda path: path.name)
def test_command_line_prints_the_lines_and_fails_on_errors(fixture: Path, tmp_path: Path) -> None:
    make_data_dir(tmp_path, fixture)
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "data"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    expected = expected_lines(fixture, NEXT_YEAR)
    errors = sum(1 for line in expected if ": E" in line)
    summary = f"{errors} error(s), {len(expected) - errors} warning(s) in data"
    assert result.stderr.splitlines() == [*expected, summary]
    is_error = CODES[fixture.name].severity == "error"
    assert result.returncode == (1 if is_error else 0)


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "not-strict"])
@pytest.mark.parametrize("fixture", FIXTURE_DIRS, ids=lambda path: path.name)
def test_build_stops_with_the_same_lines(fixture: Path, strict: bool, tmp_path: Path) -> None:
    data = make_data_dir(tmp_path, fixture)
    result = mkdocs_build(tmp_path / "site", data, strict=strict)
    is_error = CODES[fixture.name].severity == "error"
    if is_error or (strict and CODES[fixture.name].fails_strict):
        assert result.returncode == 1
        assert not (tmp_path / "site" / "index.html").exists() or not is_error
    else:
        assert result.returncode == 0
    # MkDocs runs from the repository, so the temporary data folder shows as an absolute path.
    logged = [line.split(" -  ", 1)[1].replace(f"{tmp_path}/", "") for line in result.stderr.splitlines() if " -  " in line]
    for line in expected_lines(fixture, NEXT_YEAR):
        assert line in logged


def test_contributing_table_matches_the_codes() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([EW]\d{3}) \| (\w+) \| (.+?) \| (.+?) \|$", text, flags=re.MULTILINE)
    assert rows == [(code, c.severity, c.meaning, c.fix) for code, c in CODES.items()]
