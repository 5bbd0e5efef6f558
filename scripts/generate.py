"""Write the whole docs tree (hand-written pages plus the pages rendered from data/) into a folder.

Any tool that reads mkdocs.yml but runs no hooks can then build the site from that folder;
--config also writes a copy of mkdocs.yml that points at it, with the navigation filled in
and no hooks:
    python scripts/generate.py --out build/docs --config build/mkdocs.yml
    mkdocs build -f build/mkdocs.yml
"""

import argparse
import shutil
import sys
from pathlib import Path

import yaml

from mlprep.dataset import build_dataset
from mlprep.export import write_anki_deck
from mlprep.render import DECK_URI, ROOT, render_site, site_nav
from mlprep.validate import default_data_dir, validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="folder to write the Markdown tree into")
    parser.add_argument("--config", type=Path, help="also write a hook-free copy of mkdocs.yml building from --out")
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="the data folder (default: data/)")
    args = parser.parse_args(argv)
    report = validate(args.data)
    for finding in report.findings:
        print(finding, file=sys.stderr)
    if report.errors:
        print(f"{len(report.errors)} error(s): nothing written", file=sys.stderr)
        return 1
    dataset = build_dataset(report.bank)
    shutil.copytree(ROOT / "docs", args.out, dirs_exist_ok=True)
    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url", "")
    pages = render_site(dataset)
    for page in pages:
        target = args.out / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
    write_anki_deck(dataset, site_url, args.out / DECK_URI)
    if args.config:
        config = hookless_config(args.out, site_nav(dataset), args.config.parent)
        args.config.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    print(f"wrote {len(pages)} generated pages into {args.out}", file=sys.stderr)
    return 0


def hookless_config(docs_dir: Path, nav: list, config_dir: Path) -> dict:
    """mkdocs.yml with the given docs folder and nav, no hooks, and paths that work from config_dir."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = str(docs_dir.resolve())
    config["site_dir"] = str((config_dir / "site").resolve())
    config["nav"] = nav
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            extension["pymdownx.snippets"]["base_path"] = [str(ROOT)]
    return config


if __name__ == "__main__":
    sys.exit(main())
