"""External link checker: every outbound URL of the data, fetched once, reported in Markdown and CSV.

It never changes the data: it suggests the edit (`status: dead` plus an `archived` copy) for a maintainer to paste.
"""

import csv
import http
import io
import socket
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

import requests

from mlprep.dataset import Dataset, Link

USER_AGENT = "mlprep-links/0.1 (ML interview prep link checker; +https://github.com/mlprep/ml-interview-prep)"
HEAD_REFUSED = {403, 405, 501}  # servers that answer HEAD with these often serve GET fine
GONE = {404, 410}

OK, REDIRECTED, DEAD, ERROR, TIMEOUT, UNREACHABLE, MARKED_DEAD = (
    "ok",
    "redirected",
    "dead",
    "error",
    "timeout",
    "unreachable",
    "marked dead",
)
OUTCOMES = (OK, REDIRECTED, DEAD, ERROR, TIMEOUT, UNREACHABLE, MARKED_DEAD)
FAILING = (DEAD, ERROR, TIMEOUT, UNREACHABLE)
CSV_COLUMNS = ["url", "outcome", "status", "redirect_target", "first_seen_failing", "checked_at", "used_in"]


@dataclass(frozen=True)
class Place:
    """One use of a URL: the data file, the entry id, and whether it is a link's `url` or its `archived` copy."""

    file: str
    entry: str
    archived_copy: bool = False
    marked_dead: bool = False
    archived: str = ""  # the archived copy given beside a `url`

    def __str__(self) -> str:
        return f"{self.file}#{self.entry}" + (" (archived copy)" if self.archived_copy else "")


@dataclass
class Target:
    url: str
    places: list[Place] = field(default_factory=list)

    @property
    def marked_dead(self) -> bool:
        """Every use marks it dead: the site no longer links to it, so it need not be fetched."""
        return bool(self.places) and all(place.marked_dead for place in self.places)


@dataclass(frozen=True)
class Result:
    url: str
    outcome: str
    status: int = 0  # the final HTTP status; 0 when no answer came
    redirect_status: int = 0  # the status of the first redirect, when redirected
    redirect_target: str = ""  # the final URL, when redirected
    detail: str = ""
    checked_at: str = ""

    @property
    def failing(self) -> bool:
        return self.outcome in FAILING

    @property
    def shown_status(self) -> int:
        """For a redirect, the redirect's own status (301 or 308 says: update the URL); else the final one."""
        return self.redirect_status if self.outcome == REDIRECTED else self.status


@dataclass(frozen=True)
class Row:
    target: Target
    result: Result
    first_seen_failing: str = ""


def collect_targets(dataset: Dataset) -> list[Target]:
    """Every outbound URL of the data, once, with every place it is used; sorted by URL."""
    uses: list[tuple[str, str, str, str, str]] = []  # file, entry id, url, status, archived
    for question in dataset.questions:
        uses += [(question.source, question.id, *_fields(link)) for link in question.links]
    for company in dataset.companies:
        uses += [(company.source, company.id, *_fields(link)) for link in company.links]
    resources = dataset.sources.get("resources", "")
    uses += [(resources, r.id, r.url, r.status, r.archived) for r in dataset.resources]
    targets: dict[str, Target] = {}
    for file, entry, url, status, archived in uses:
        place = Place(file, entry, marked_dead=status == "dead", archived=archived)
        targets.setdefault(url, Target(url)).places.append(place)
        if archived:
            targets.setdefault(archived, Target(archived)).places.append(Place(file, entry, archived_copy=True))
    return sorted(targets.values(), key=lambda target: target.url)


def _fields(link: Link) -> tuple[str, str, str]:
    return link.url, link.status, link.archived


def check_all(
    targets: list[Target], *, workers: int = 8, timeout: float = 10.0, retries: int = 2, backoff: float = 1.0
) -> list[Result]:
    """One result per target, in order; URLs marked dead everywhere are not fetched."""
    urls = [target.url for target in targets if not target.marked_dead]
    check = partial(check_url, timeout=timeout, retries=retries, backoff=backoff)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        fetched = dict(zip(urls, pool.map(check, urls), strict=True))
    return [fetched.get(target.url) or Result(target.url, MARKED_DEAD) for target in targets]


def check_url(url: str, *, timeout: float = 10.0, retries: int = 2, backoff: float = 1.0) -> Result:
    """Fetch one URL, retrying timeouts, connection errors and 5xx after backoff, 2 x backoff, ... seconds."""
    with requests.Session() as session:
        session.headers["User-Agent"] = USER_AGENT
        for attempt in range(retries + 1):
            if attempt:
                time.sleep(backoff * 2 ** (attempt - 1))
            result = _attempt(session, url, timeout)
            if not (result.outcome in (TIMEOUT, UNREACHABLE) or result.status >= 500):
                break
    return replace(result, checked_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def _attempt(session: requests.Session, url: str, timeout: float) -> Result:
    try:
        response = _fetch(session, "HEAD", url, timeout)
        if response.status_code in HEAD_REFUSED:
            response = _fetch(session, "GET", url, timeout)
    except requests.Timeout:
        return Result(url, TIMEOUT, detail=f"no answer within {timeout:g} s")
    except requests.exceptions.SSLError as error:  # an SSLError is also a ConnectionError: the server did answer
        return Result(url, ERROR, detail=f"TLS error: {_innermost(error)}")
    except requests.ConnectionError as error:
        return Result(url, UNREACHABLE, detail=_unreachable_reason(error))
    except (requests.RequestException, ValueError) as error:
        return Result(url, ERROR, detail=f"{type(error).__name__}: {_innermost(error)}")
    return _classify(url, response)


def _fetch(session: requests.Session, method: str, url: str, timeout: float) -> requests.Response:
    # stream=True and close(): the status and headers are all we need, never the body.
    response = session.request(method, url, timeout=timeout, allow_redirects=True, stream=True)
    response.close()
    return response


def _classify(url: str, response: requests.Response) -> Result:
    status = response.status_code
    moved = bool(response.history) and response.url != url
    first = response.history[0].status_code if moved else 0
    target = response.url if moved else ""
    answered = 200 <= status < 300
    outcome = (REDIRECTED if moved else OK) if answered else (DEAD if status in GONE else ERROR)
    return Result(url, outcome, status, first, target, _phrase(status))


def _phrase(status: int) -> str:
    try:
        return f"{status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The chain below a requests error: urllib3 keeps the socket error in `reason` or the first argument."""
    seen: BaseException | None = error
    visited: set[int] = set()
    while seen is not None and id(seen) not in visited:
        visited.add(id(seen))
        yield seen
        reason = getattr(seen, "reason", None)
        first = seen.args[0] if seen.args else None
        nxt = reason if isinstance(reason, BaseException) else first if isinstance(first, BaseException) else None
        seen = nxt or seen.__cause__


def _innermost(error: BaseException) -> str:
    *_, last = _causes(error)
    return str(last) or type(last).__name__


def _unreachable_reason(error: BaseException) -> str:
    for cause in _causes(error):
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, socket.gaierror):
            return "DNS lookup failed"
    return f"cannot connect: {_innermost(error)}"


def previous_first_seen(csv_path: Path) -> dict[str, str]:
    """first_seen_failing of the previous report, by URL; empty when there is none."""
    if not csv_path.is_file():
        return {}
    with csv_path.open(encoding="utf-8", newline="") as file:
        return {row["url"]: row["first_seen_failing"] for row in csv.DictReader(file) if row.get("first_seen_failing")}


def build_rows(targets: list[Target], results: list[Result], previous: dict[str, str], today: date) -> list[Row]:
    """Pair targets with results; a failing URL keeps the date it first failed, a working one has none."""
    rows = []
    for target, result in zip(targets, results, strict=True):
        if result.failing:
            first_seen = previous.get(target.url) or today.isoformat()
        else:
            first_seen = previous.get(target.url, "") if result.outcome == MARKED_DEAD else ""
        rows.append(Row(target, result, first_seen))
    return rows


def new_failures(rows: Iterable[Row]) -> list[Row]:
    """Failing URLs the data does not mark dead yet (URLs marked dead everywhere are not fetched)."""
    return [row for row in rows if row.result.failing]


def render_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        result = row.result
        used_in = "; ".join(str(place) for place in row.target.places)
        status = result.shown_status or ""
        writer.writerow(
            [row.target.url, result.outcome, status, result.redirect_target, row.first_seen_failing, result.checked_at, used_in]
        )
    return out.getvalue()


def archive_url(url: str, year: int) -> str:
    """The Wayback Machine's address for the snapshot nearest that year (it redirects to the closest one)."""
    return f"https://web.archive.org/web/{year}/{url}"


def render_markdown(rows: list[Row], checked_on: str) -> str:
    counts = Counter(row.result.outcome for row in rows)
    places = sum(len(row.target.places) for row in rows)
    lines = [
        "# External links",
        "",
        f"Checked {checked_on}: {len(rows)} distinct URLs used in {places} places. The data is never changed here;",
        "paste the suggested edits yourself, then run `make validate`.",
        "",
        "| Outcome | URLs |",
        "| --- | ---: |",
        *(f"| {outcome} | {counts[outcome]} |" for outcome in OUTCOMES),
        f"| **total** | {len(rows)} |",
        "",
    ]
    failing = sorted(new_failures(rows), key=lambda row: (OUTCOMES.index(row.result.outcome), row.target.url))
    lines += [f"## Failing links ({len(failing)})", ""]
    lines += [line for row in failing for line in _failing_section(row)] or ["None.", ""]
    redirects = [row for row in rows if row.result.outcome == REDIRECTED]
    lines += [f"## Redirects ({len(redirects)})", ""]
    if redirects:
        lines += [
            "Update the URL in data to its target when the move is permanent (301, 308) and the target is the same page.",
            "",
            "| URL | Status | Target | Used in |",
            "| --- | --- | --- | --- |",
        ]
        lines += [
            f"| {_cell(r.target.url)} | {_phrase(r.result.redirect_status)} | {_cell(r.result.redirect_target)} | {_used_in(r)} |"
            for r in redirects
        ]
    else:
        lines.append("None.")
    marked = [row for row in rows if row.result.outcome == MARKED_DEAD]
    lines += ["", f"## Marked dead in data ({len(marked)})", ""]
    if marked:
        lines += ["Not fetched: the site links to the archived copy instead, which is checked with the others.", ""]
        for row in marked:
            copies = sorted({place.archived for place in row.target.places if place.archived})
            lines.append(f"- {row.target.url}: archived copy {', '.join(copies)}; used in {_used_in(row)}")
    else:
        lines.append("None.")
    lines += [
        "",
        f"## Working ({counts[OK]})",
        "",
        f"{counts[OK]} URLs answered 2xx directly; every URL is listed in links.csv.",
        "",
    ]
    return "\n".join(lines)


def _failing_section(row: Row) -> list[str]:
    result = row.result
    since = row.first_seen_failing
    lines = [
        f"### {row.target.url}",
        "",
        f"**{result.outcome}**: {result.detail or result.outcome}"
        + (f" (after a redirect to {result.redirect_target})" if result.redirect_target else "")
        + f"; failing since {since}.",
        "",
        "Used in:",
        "",
        *(f"- `{place.file}`, entry `{place.entry}`{_role(place)}" for place in row.target.places),
        "",
    ]
    if any(not place.archived_copy for place in row.target.places):
        archived = archive_url(row.target.url, int(since[:4]) if since[:4].isdigit() else date.today().year)
        lines += [
            "If it stays down, mark the link dead in each entry above and point at an archived copy. Open the archived",
            f"address first and check it shows the page (other snapshots: https://web.archive.org/web/*/{row.target.url}):",
            "",
            "```yaml",
            f"url: {row.target.url}",
            "status: dead",
            f"archived: {archived}",
            "```",
            "",
        ]
    if any(place.archived_copy for place in row.target.places):
        lines += ["As an archived copy: pick another snapshot on web.archive.org for the dead link it stands for.", ""]
    return lines


def _role(place: Place) -> str:
    if place.archived_copy:
        return " (as the archived copy of a dead link)"
    return " (already marked dead)" if place.marked_dead else ""


def _used_in(row: Row) -> str:
    return "; ".join(_cell(str(place)) for place in row.target.places)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def summary(rows: list[Row], report: Path) -> str:
    counts = Counter(row.result.outcome for row in rows)
    parts = ", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES if counts[outcome])
    return f"links: {len(rows)} URLs ({parts or 'none'}); {len(new_failures(rows))} new failing; report in {report}"
