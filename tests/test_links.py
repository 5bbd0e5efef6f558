"""The external link checker, entirely offline: a local HTTP server on 127.0.0.1 plays every kind of link."""

import csv
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT, make_data_dir

from mlprep import links
from mlprep.dataset import build_dataset
from mlprep.links import DEAD, ERROR, MARKED_DEAD, OK, REDIRECTED, TIMEOUT, UNREACHABLE, Place, Result, Row, Target
from mlprep.validate import validate

TIMEOUT_S = 1.5  # generous: a loaded 2-core runner must still answer the quick routes in time
SLOW_S = 30.0  # how long /slow would sleep; the fixture wakes it at teardown
ROUTES = {"/ok": (200, ""), "/moved": (301, "/ok"), "/moved-gone": (302, "/gone"), "/gone": (404, ""), "/removed": (410, "")}
ROUTES |= {"/broken": (500, ""), "/slow": (200, "")}


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        self.server.log.append((self.command, self.path))
        if self.path == "/slow":
            self.server.stop.wait(SLOW_S)
        status, location = ROUTES.get(self.path, (404, ""))
        if self.path.startswith("/nohead/"):  # refuses HEAD with the status in its path, serves GET
            status = int(self.path.rsplit("/", 1)[1]) if self.command == "HEAD" else 200
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.log: list[tuple[str, str]] = []
        self.stop = threading.Event()
        self.base = f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client gave up on /slow before the answer: a broken pipe is expected

    def requests_for(self, path: str) -> list[str]:
        return [method for method, logged in self.log if logged == path]


@pytest.fixture
def server() -> Iterator[_Server]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.stop.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def refused_url() -> str:
    """A port nothing listens on: bound, read, closed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def links_yaml(urls: list[str], dead: dict[str, str] | None = None, indent: str = "  ") -> str:
    """A `links:` list; URLs in `dead` are marked dead with the archived copy given there."""
    text = f"{indent}links:\n"
    for url in urls:
        text += f"{indent}  - title: A page\n{indent}    url: {url}\n"
        if dead and url in dead:
            text += f"{indent}    status: dead\n{indent}    archived: {dead[url]}\n"
    return text


def links_data(
    root: Path,
    questions: dict[str, list[str]],
    resource: str,
    *,
    company: tuple[str, ...] = (),
    dead: dict[str, str] | None = None,
) -> Path:
    """The minimal data set with its question, company and resource links pointing where the test says."""
    data = make_data_dir(root)
    text = "".join(
        f"- id: {qid}\n  question: Which link is {qid}?\n  difficulty: easy\n" + links_yaml(urls, dead)
        for qid, urls in questions.items()
    )
    (data / "questions" / "ml-fundamentals.yml").write_text(text, encoding="utf-8")
    resources = data / "resources.yml"
    resources.write_text(resources.read_text(encoding="utf-8").replace("https://example.org/book", resource), encoding="utf-8")
    if company:
        with (data / "companies" / "acme.yml").open("a", encoding="utf-8") as file:
            file.write(links_yaml(list(company), dead, indent=""))
    assert validate(data).errors == []
    return data


def run_cli(root: Path, data: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "scripts" / "links.py"), "--data", str(data.relative_to(root)), "--out", "reports"]
    command += ["--timeout", str(TIMEOUT_S), "--retries", "0", "--backoff", "0", *extra]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False, timeout=60)


def read_csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return {row["url"]: row for row in csv.DictReader(file)}


def test_each_endpoint_gets_its_exact_outcome(server: _Server, refused_url: str) -> None:
    base = server.base
    paths = ["/ok", "/moved", "/moved-gone", "/gone", "/removed", "/broken", "/slow", "/nohead/405"]
    targets = [Target(base + path, [Place("f.yml", "q")]) for path in paths] + [Target(refused_url, [Place("f.yml", "q")])]
    results = links.check_all(targets, timeout=TIMEOUT_S, retries=0, backoff=0)
    seen = {r.url.removeprefix(base): (r.outcome, r.status, r.redirect_status, r.redirect_target, r.detail) for r in results}
    assert seen == {
        "/ok": (OK, 200, 0, "", "200 OK"),
        "/moved": (REDIRECTED, 200, 301, f"{base}/ok", "200 OK"),
        "/moved-gone": (DEAD, 404, 302, f"{base}/gone", "404 Not Found"),
        "/gone": (DEAD, 404, 0, "", "404 Not Found"),
        "/removed": (DEAD, 410, 0, "", "410 Gone"),
        "/broken": (ERROR, 500, 0, "", "500 Internal Server Error"),
        "/slow": (TIMEOUT, 0, 0, "", "no answer within 1.5 s"),
        "/nohead/405": (OK, 200, 0, "", "200 OK"),
        refused_url: (UNREACHABLE, 0, 0, "", "connection refused"),
    }
    assert [r.shown_status for r in results[:2]] == [200, 301]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r.checked_at) for r in results)


@pytest.mark.parametrize("refusal", [403, 405, 501])
def test_head_refused_falls_back_to_get(server: _Server, refusal: int) -> None:
    result = links.check_url(f"{server.base}/nohead/{refusal}", timeout=TIMEOUT_S, retries=2, backoff=0)
    assert (result.outcome, result.status) == (OK, 200)
    assert server.requests_for(f"/nohead/{refusal}") == ["HEAD", "GET"]


def test_head_that_works_is_the_only_request(server: _Server) -> None:
    links.check_url(f"{server.base}/gone", timeout=TIMEOUT_S, retries=2, backoff=0)
    links.check_url(f"{server.base}/moved", timeout=TIMEOUT_S, retries=2, backoff=0)
    assert server.log == [("HEAD", "/gone"), ("HEAD", "/moved"), ("HEAD", "/ok")]  # 404 is not retried


def test_5xx_and_timeouts_are_retried(server: _Server) -> None:
    broken = links.check_url(f"{server.base}/broken", timeout=TIMEOUT_S, retries=2, backoff=0)
    slow = links.check_url(f"{server.base}/slow", timeout=TIMEOUT_S, retries=1, backoff=0)
    assert (broken.outcome, broken.status, slow.outcome) == (ERROR, 500, TIMEOUT)
    assert server.requests_for("/broken") == ["HEAD"] * 3
    assert server.requests_for("/slow") == ["HEAD"] * 2


def test_each_url_is_checked_once_and_keeps_every_place(server: _Server, tmp_path: Path) -> None:
    gone, ok = f"{server.base}/gone", f"{server.base}/ok"
    data = links_data(tmp_path, {"first": [gone, ok], "second": [gone]}, resource=ok, company=(gone,))
    targets = links.collect_targets(build_dataset(validate(data).bank))
    questions, company, resources = (
        (data / name).resolve().as_posix() for name in ("questions/ml-fundamentals.yml", "companies/acme.yml", "resources.yml")
    )
    assert [(t.url, [str(p) for p in t.places]) for t in targets] == [
        (gone, [f"{questions}#first", f"{questions}#second", f"{company}#acme"]),
        (ok, [f"{questions}#first", f"{resources}#example-book"]),
    ]
    results = links.check_all(targets, timeout=TIMEOUT_S, retries=0, backoff=0)
    assert [r.outcome for r in results] == [DEAD, OK]
    assert sorted(server.log) == [("HEAD", "/gone"), ("HEAD", "/ok")]


def test_first_seen_failing_is_carried_over(server: _Server, tmp_path: Path) -> None:
    gone, removed, ok = (f"{server.base}{path}" for path in ("/gone", "/removed", "/ok"))
    data = links_data(tmp_path, {"first": [gone, removed, ok]}, resource=ok)
    (tmp_path / "reports").mkdir()
    previous = f"{','.join(links.CSV_COLUMNS)}\n{gone},dead,404,,2024-05-01,,\n{ok},dead,404,,2024-01-01,,\n"
    (tmp_path / "reports" / "links.csv").write_text(previous, encoding="utf-8")
    result = run_cli(tmp_path, data)
    assert result.returncode == 1, result.stderr
    rows = read_csv(tmp_path / "reports" / "links.csv")
    assert {url: row["first_seen_failing"] for url, row in rows.items()} == {
        gone: "2024-05-01",
        removed: date.today().isoformat(),
        ok: "",
    }
    assert rows[gone]["used_in"] == "data/questions/ml-fundamentals.yml#first"
    assert (rows[gone]["outcome"], rows[gone]["status"], rows[ok]["outcome"], rows[ok]["status"]) == ("dead", "404", "ok", "200")


def test_rows_date_failures_and_keep_marked_dead_history() -> None:
    targets = [Target(url, [Place("f.yml", "q")]) for url in ("a", "b", "c", "d")]
    results = [Result("a", DEAD, 404), Result("b", TIMEOUT), Result("c", OK, 200), Result("d", MARKED_DEAD)]
    previous = {"a": "2024-05-01", "c": "2024-02-02", "d": "2023-03-03"}
    rows = links.build_rows(targets, results, previous, date(2025, 6, 7))
    assert [row.first_seen_failing for row in rows] == ["2024-05-01", "2025-06-07", "", "2023-03-03"]


def test_report_suggests_the_dead_edit_and_the_redirect_target(server: _Server, tmp_path: Path) -> None:
    removed, moved, ok = (f"{server.base}{path}" for path in ("/removed", "/moved", "/ok"))
    data = links_data(tmp_path, {"first": [removed, moved]}, resource=ok)
    result = run_cli(tmp_path, data)
    assert result.returncode == 1, result.stderr
    report = (tmp_path / "reports" / "links.md").read_text(encoding="utf-8")
    year = date.today().year
    edit = f"```yaml\nurl: {removed}\nstatus: dead\narchived: https://web.archive.org/web/{year}/{removed}\n```"
    assert edit in report
    assert "| dead | 1 |\n| error | 0 |" in report
    assert f"| {moved} | 301 Moved Permanently | {ok} | data/questions/ml-fundamentals.yml#first |" in report
    assert report.index("## Failing links (1)") < report.index(f"### {removed}") < report.index("## Redirects (1)")
    assert read_csv(tmp_path / "reports" / "links.csv")[moved]["redirect_target"] == ok
    assert result.stderr.strip().splitlines() == [
        "links: 3 URLs (1 ok, 1 redirected, 1 dead); 1 new failing; report in reports/links.md"
    ]


def test_exit_code_is_1_for_a_new_dead_link(server: _Server, tmp_path: Path) -> None:
    data = links_data(tmp_path, {"first": [f"{server.base}/gone"]}, resource=f"{server.base}/ok")
    assert run_cli(tmp_path, data).returncode == 1


def test_exit_code_is_0_when_the_dead_link_is_marked_dead(server: _Server, tmp_path: Path) -> None:
    gone, ok = f"{server.base}/gone", f"{server.base}/ok"
    data = links_data(tmp_path, {"first": [gone]}, resource=ok, company=(gone,), dead={gone: ok})
    result = run_cli(tmp_path, data)
    assert result.returncode == 0, result.stderr
    assert server.requests_for("/gone") == []  # marked dead everywhere: not fetched
    rows = read_csv(tmp_path / "reports" / "links.csv")
    assert (rows[gone]["outcome"], rows[gone]["status"], rows[gone]["checked_at"]) == ("marked dead", "", "")
    assert rows[ok]["used_in"] == (
        "data/questions/ml-fundamentals.yml#first (archived copy); data/companies/acme.yml#acme (archived copy); data/resources.yml#example-book"
    )
    report = (tmp_path / "reports" / "links.md").read_text(encoding="utf-8")
    assert "| marked dead | 1 |" in report and "## Failing links (0)" in report


def test_a_link_dead_in_one_place_only_is_still_checked(server: _Server, tmp_path: Path) -> None:
    gone, ok = f"{server.base}/gone", f"{server.base}/ok"
    data = links_data(tmp_path, {"first": [gone]}, resource=ok, company=(gone,), dead={gone: ok})
    (data / "questions" / "deep-learning.yml").write_text(
        "- id: dropout\n  question: What is dropout and why is it used?\n  difficulty: medium\n" + links_yaml([gone]),
        encoding="utf-8",
    )
    assert run_cli(tmp_path, data).returncode == 1
    assert server.requests_for("/gone") == ["HEAD"]


def test_csv_columns() -> None:
    row = Row(Target("u", [Place("f.yml", "q"), Place("g.yml", "r", archived_copy=True)]), Result("u", REDIRECTED, 200, 308, "v"))
    assert links.render_csv([row]) == (
        "url,outcome,status,redirect_target,first_seen_failing,checked_at,used_in\nu,redirected,308,v,,,f.yml#q; g.yml#r (archived copy)\n"
    )


def test_invalid_data_is_refused_before_any_request(server: _Server, tmp_path: Path) -> None:
    data = links_data(tmp_path, {"first": [f"{server.base}/ok"]}, resource=f"{server.base}/ok")
    (data / "roles.yml").write_text("- id: [\n", encoding="utf-8")
    result = run_cli(tmp_path, data)
    assert result.returncode == 2 and "fix the data first" in result.stderr
    assert server.log == [] and not (tmp_path / "reports").exists()
