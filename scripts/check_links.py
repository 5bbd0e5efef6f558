"""Check every internal link of the built site with linkchecker, against the site served on 127.0.0.1.

External links are not fetched here (no network at test time); `make links` checks those.
"""

import argparse
import subprocess
import sys
from pathlib import Path

from mlprep.browser import serve_directory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site/)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html not found: build the site first (make build)", file=sys.stderr)
        return 1
    linkchecker = Path(sys.executable).with_name("linkchecker")
    with serve_directory(args.site) as base:
        command = [str(linkchecker), "--no-status", "--no-warnings", "--threads", "4", "--timeout", "10", base]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
