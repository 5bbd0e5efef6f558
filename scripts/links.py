"""Check every external link of data/ and write links.md and links.csv into reports/.

Each URL is fetched once (HEAD, then GET when HEAD is refused), with retries for timeouts, connection errors
and 5xx. Exit 1 when a link fails that the data does not already mark `status: dead`. The data is never changed.
"""

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlprep import links  # noqa: E402
from mlprep.dataset import build_dataset  # noqa: E402
from mlprep.validate import default_data_dir, validate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="the data folder (default: data/)")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="folder for links.md and links.csv (default: reports/)")
    parser.add_argument("--workers", type=int, default=8, help="URLs checked at once (default: 8)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each request (default: 10)")
    parser.add_argument("--retries", type=int, default=2, help="retries after a timeout, connection error or 5xx (default: 2)")
    parser.add_argument(
        "--backoff", type=float, default=1.0, help="seconds before the first retry, doubled after each (default: 1)"
    )
    args = parser.parse_args(argv)

    report = validate(args.data)
    if report.errors:
        for finding in report.errors:
            print(finding, file=sys.stderr)
        print(f"links: {len(report.errors)} error(s) in {args.data}: fix the data first (make validate)", file=sys.stderr)
        return 2
    targets = links.collect_targets(build_dataset(report.bank))
    results = links.check_all(targets, workers=args.workers, timeout=args.timeout, retries=args.retries, backoff=args.backoff)

    csv_path, md_path = args.out / "links.csv", args.out / "links.md"
    rows = links.build_rows(targets, results, links.previous_first_seen(csv_path), date.today())
    args.out.mkdir(parents=True, exist_ok=True)
    csv_path.write_text(links.render_csv(rows), encoding="utf-8")
    md_path.write_text(links.render_markdown(rows, datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")), encoding="utf-8")
    print(links.summary(rows, md_path), file=sys.stderr)
    return 1 if links.new_failures(rows) else 0


if __name__ == "__main__":
    sys.exit(main())
