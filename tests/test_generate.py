"""The hook-free path: scripts/generate.py writes a docs tree that MkDocs (or Zensical) builds without hooks."""

import os
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL, ROOT, deck_contents, mkdocs_build

from mlprep.dataset import build_dataset
from mlprep.validate import validate


def site_files(site: Path) -> set[str]:
    """What a reader can fetch, less the files that record the build itself."""
    skipped = {"sitemap.xml", "sitemap.xml.gz"}
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name not in skipped}


def test_hook_free_build_serves_the_same_files(tmp_path: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    docs, config = tmp_path / "docs", tmp_path / "mkdocs.yml"
    command = [sys.executable, str(ROOT / "scripts" / "generate.py"), "--out", str(docs), "--config", str(config)]
    generated = subprocess.run([*command, "--data", str(MINIMAL)], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert generated.returncode == 0, generated.stderr
    assert "hooks" not in config.read_text(encoding="utf-8")
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    hookless = subprocess.run(
        [mkdocs, "build", "--strict", "-f", str(config)], env=env, capture_output=True, text=True, check=False
    )
    assert hookless.returncode == 0, hookless.stderr
    hooked = mkdocs_build(tmp_path / "hooked", MINIMAL)
    assert hooked.returncode == 0, hooked.stderr
    assert site_files(tmp_path / "site") == site_files(tmp_path / "hooked")
    notes, _ = deck_contents(tmp_path / "site" / "api" / "ml-interview-prep.apkg")
    assert len(notes) == len(build_dataset(validate(MINIMAL).bank).questions)
