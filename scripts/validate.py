"""Validate data/: print every finding as path:line:col: CODE message (hint) and exit 1 on any error."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlprep.validate import default_data_dir, validate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", nargs="?", type=Path, default=default_data_dir(), help="the data folder (default: data/)")
    args = parser.parse_args(argv)
    report = validate(args.data_dir)
    for finding in report.findings:
        print(finding, file=sys.stderr)
    count = len(report.errors)
    warnings = len(report.findings) - count
    print(f"{count} error(s), {warnings} warning(s) in {args.data_dir}", file=sys.stderr)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
