"""MkDocs hook: validate data/ once per build and add the pages rendered from it.

All the work is in the `mlprep` package (also run by scripts/validate.py and
scripts/generate.py); this file only connects it to MkDocs events.
"""

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from mlprep.codes import CODES
from mlprep.dataset import build_dataset
from mlprep.export import write_anki_deck
from mlprep.findings import Finding
from mlprep.forked import Forked
from mlprep.render import DECK_URI, GeneratedPage, render_site, site_nav
from mlprep.validate import default_data_dir, validate

log = logging.getLogger("mkdocs.plugins.data_pages")
_pages: list[GeneratedPage] = []
_deck_jobs: list[Callable[[Path], None]] = []  # the deck to write, once on_files knows site_dir is clean
_deck_writers: list[Forked[None]] = []


def log_line(finding: Finding) -> None:
    """Errors and warnings as MkDocs counts them; a gap (W302) is shown without failing --strict."""
    if finding.severity == "error":
        log.error(str(finding))
    elif CODES[finding.code].fails_strict:
        log.warning(str(finding))
    else:
        log.info(str(finding))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    report = validate(default_data_dir())
    for finding in report.findings:
        log_line(finding)
    if report.errors:
        raise PluginError(f"data/ has {len(report.errors)} error(s); fix the lines above and build again.")
    dataset = build_dataset(report.bank)
    _deck_jobs[:] = [partial(write_anki_deck, dataset, config.site_url or "")]
    _pages[:] = render_site(dataset)
    config.nav = site_nav(dataset)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for page in _pages:
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        file = File.generated(config, page.src_uri, content=page.content)
        file.edit_uri = f"../{page.edit_path}"  # edit_uri points at docs/; the data lives beside it
        files.append(file)
    files.append(start_deck(config))
    return files


def start_deck(config: MkDocsConfig) -> File:
    """Write the Anki deck on another core while MkDocs renders the pages; it lands in site_dir itself.

    The placeholder exists from the start, so MkDocs sees source and destination as one file and
    copies nothing; the writer replaces it atomically when the deck is complete.
    """
    target = Path(config.site_dir) / DECK_URI
    target.parent.mkdir(parents=True, exist_ok=True)
    target.touch()
    _deck_writers[:] = [Forked(partial(_deck_jobs[0], target))]
    return File.generated(config, DECK_URI, abs_src_path=str(target))


def on_post_build(config: MkDocsConfig) -> None:
    for writer in _deck_writers:
        try:
            writer.result()
        except Exception as error:
            raise PluginError(f"writing {DECK_URI} failed: {error}") from error


def on_build_error(error: Exception) -> None:
    for writer in _deck_writers:
        writer.cancel()
