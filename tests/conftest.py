"""Shared fixtures: data folders built from tests/fixtures, and one strict build of the real site."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from mlprep.browser import launch_chromium, serve_directory

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"
CODE_FIXTURES = FIXTURES / "codes"
MIB = 1 << 20


def make_data_dir(root: Path, overlay: Path | None = None) -> Path:
    """Copy the minimal valid data set to root/data, then apply an error fixture's changes."""
    data = root / "data"
    shutil.copytree(MINIMAL, data)
    if overlay is None:
        return data
    if (overlay / "data").is_dir():
        shutil.copytree(overlay / "data", data, dirs_exist_ok=True)
    for name in _lines(overlay / "delete.txt"):
        (root / name).unlink()
    for name in _lines(overlay / "pad.txt"):
        with (root / name).open("a", encoding="utf-8") as file:
            file.write("# padding\n" * (MIB // 10 + 1))
    return data


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split() if path.is_file() else []


def mkdocs_build(site_dir: Path, data_dir: Path | None = None, *, strict: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if data_dir is not None:
        env["MLPREP_DATA_DIR"] = str(data_dir)
    command = [str(Path(sys.executable).with_name("mkdocs")), "build", "--site-dir", str(site_dir)]
    command += ["--strict"] if strict else []
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def deck_contents(package: Path) -> tuple[list[list[str]], set[str]]:
    """An .apkg package's notes (their fields) and deck names, read from its SQLite collection."""
    with zipfile.ZipFile(package) as archive, tempfile.TemporaryDirectory() as folder:
        archive.extract("collection.anki2", folder)
        with sqlite3.connect(Path(folder) / "collection.anki2") as db:
            notes = [fields.split("\x1f") for (fields,) in db.execute("select flds from notes")]
            decks = json.loads(db.execute("select decks from col").fetchone()[0])
        db.close()
    return notes, {deck["name"] for deck in decks.values()}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """The system Chromium, headless, driven by Playwright (never a downloaded browser)."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def base(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1."""
    with serve_directory(built_site) as url:
        yield url
