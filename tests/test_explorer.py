"""The explorer and practice mode in the system Chromium: facets, URL state, progress, export and import."""

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser
FACET_VALUES = {
    "category": lambda q: {q["category"]},
    "difficulty": lambda q: {q["difficulty"]},
    "company": lambda q: {a["company"] for a in q["asked"]},
    "year": lambda q: {str(a["year"]) for a in q["asked"]},
    "role": lambda q: set(q["roles"]),
    "tag": lambda q: set(q["tags"]),
}
PROGRESS_KEY = "mlprep.progress.v1"


@pytest.fixture(scope="module")
def questions(built_site: Path) -> list[dict]:
    return json.loads((built_site / "api" / "questions.json").read_text(encoding="utf-8"))


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile that records every request."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.requests = []  # type: ignore[attr-defined]
    context.on("request", lambda request: context.requests.append(request.url))  # type: ignore[attr-defined]
    yield context
    hosts = {urlsplit(url).hostname for url in context.requests if urlsplit(url).scheme in {"http", "https"}}  # type: ignore[attr-defined]
    assert hosts <= {"127.0.0.1"}, hosts
    context.close()


def expected(questions: list[dict], filters: dict[str, set[str]], text: str = "") -> list[str]:
    words = text.lower().split()

    def keep(q: dict) -> bool:
        haystack = " ".join([q["question"], *q["aliases"], *q["tags"]]).lower()
        facets_ok = all(not chosen or FACET_VALUES[key](q) & chosen for key, chosen in filters.items())
        return facets_ok and all(word in haystack for word in words)

    return [q["id"] for q in questions if keep(q)]


def open_explorer(page: Page, base: str, query: str = "") -> None:
    page.goto(f"{base}explore/{query}")
    page.locator("#mlp-explorer[data-ready='true']").wait_for()


def shown_ids(page: Page) -> list[str]:
    more = page.locator(".mlp-explorer__main > button.md-button")
    while more.is_visible():
        more.click()
    return page.locator(".mlp-result").evaluate_all("items => items.map(item => item.dataset.id)")


def count(page: Page) -> int:
    return int(page.locator(".mlp-explorer__count").inner_text().split()[0])


def state(page: Page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{PROGRESS_KEY}') || 'null'") or "null") or {}


CASES = [
    {"difficulty": {"hard"}},
    {"category": {"llms"}},
    {"company": {"meta"}},
    {"year": {"2025"}},
    {"role": {"mlops-engineer"}},
    {"tag": {"transformers"}},
    {"company": {"meta"}, "difficulty": {"hard"}, "year": {"2024"}},
    {"category": {"ml-system-design", "mlops"}, "company": {"google", "amazon"}},
    {"difficulty": {"easy", "medium"}, "role": {"ai-engineer"}, "year": {"2023", "2025"}},
]


@pytest.mark.parametrize("filters", CASES, ids=lambda f: "&".join(f"{k}={','.join(sorted(v))}" for k, v in f.items()))
def test_facets_give_exactly_the_questions_of_the_json(
    context: BrowserContext, base: str, questions: list[dict], filters: dict
) -> None:
    page = context.new_page()
    query = "?" + "&".join(f"{key}={','.join(sorted(values))}" for key, values in filters.items())
    open_explorer(page, base, query)
    ids = expected(questions, filters)
    assert count(page) == len(ids)
    assert shown_ids(page) == ids
    for key, values in filters.items():
        for value in values:
            assert page.locator(f".mlp-facet[data-facet='{key}'] input[value='{value}']").is_checked()


def test_facet_counts_and_text_filter(context: BrowserContext, base: str, questions: list[dict]) -> None:
    page = context.new_page()
    open_explorer(page, base, "?company=meta")
    for difficulty in ("easy", "medium", "hard"):
        label = page.locator(f".mlp-facet[data-facet='difficulty'] input[value='{difficulty}'] ~ .mlp-count")
        assert int(label.inner_text()) == len(expected(questions, {"company": {"meta"}, "difficulty": {difficulty}}))
    page.locator(".mlp-explorer__search").click()
    page.keyboard.type("design system")
    assert shown_ids(page) == expected(questions, {"company": {"meta"}}, "design system")
    assert parse_qs(urlsplit(page.url).query) == {"company": ["meta"], "q": ["design system"]}


def test_url_state_round_trips_through_clicks_back_forward_and_reload(
    context: BrowserContext, base: str, questions: list[dict]
) -> None:
    page = context.new_page()
    open_explorer(page, base)
    assert count(page) == len(questions)
    page.locator(".mlp-facet[data-facet='difficulty'] input[value='hard']").check()
    page.locator(".mlp-facet[data-facet='company'] input[value='google']").check()
    page.wait_for_function("location.search.includes('company=google')")
    assert parse_qs(urlsplit(page.url).query) == {"difficulty": ["hard"], "company": ["google"]}
    both = expected(questions, {"difficulty": {"hard"}, "company": {"google"}})
    assert shown_ids(page) == both
    page.go_back()
    page.wait_for_function("!location.search.includes('company')")
    assert count(page) == len(expected(questions, {"difficulty": {"hard"}}))
    assert not page.locator(".mlp-facet[data-facet='company'] input[value='google']").is_checked()
    page.go_forward()
    page.wait_for_function("location.search.includes('company=google')")
    page.locator("#mlp-explorer[data-ready='true']").wait_for()
    assert shown_ids(page) == both
    page.reload()
    page.locator("#mlp-explorer[data-ready='true']").wait_for()
    assert shown_ids(page) == both
    page.get_by_role("button", name="Clear all").click()
    assert count(page) == len(questions) and urlsplit(page.url).query == ""


def test_keyboard_alone_filters_and_drills(context: BrowserContext, base: str, questions: list[dict]) -> None:
    page = context.new_page()
    open_explorer(page, base, "?category=statistics-math")
    page.locator(".mlp-facet[data-facet='difficulty'] input[value='easy']").focus()
    page.keyboard.press("Space")
    page.wait_for_function("location.search.includes('difficulty=easy')")
    assert parse_qs(urlsplit(page.url).query) == {"category": ["statistics-math"], "difficulty": ["easy"]}
    picked = expected(questions, {"category": {"statistics-math"}, "difficulty": {"easy"}})
    assert shown_ids(page) == picked
    page.get_by_role("button", name="Practise these").focus()
    page.keyboard.press("Enter")
    for _ in picked:
        page.locator(".mlp-drill__question").wait_for()
        page.keyboard.press("Space")
        page.locator(".mlp-drill__answer").wait_for()
        page.keyboard.press("1")
    page.locator(".mlp-drill__done").wait_for()
    assert sorted(state(page)["questions"]) == sorted(picked)
    assert {entry["state"] for entry in state(page)["questions"].values()} == {"knew"}
    page.keyboard.press("Escape")
    assert page.locator(".mlp-drill").is_hidden()


def test_drill_reveals_the_answer_and_progress_survives_reload(context: BrowserContext, base: str, questions: list[dict]) -> None:
    page = context.new_page()
    open_explorer(page, base, "?category=nlp&difficulty=easy")
    picked = expected(questions, {"category": {"nlp"}, "difficulty": {"easy"}})
    page.get_by_role("button", name="Practise these").click()
    marks = {}
    assert len(picked) >= 1
    for result, key in list(zip(["review", "unknown", "knew"], ["2", "3", "1"], strict=True))[: len(picked)]:
        question = page.locator(".mlp-drill__question").inner_text()
        page.get_by_role("button", name="Show answer (Space)").click()
        answer = page.locator(".mlp-drill__answer")
        answer.wait_for()
        assert "Open on its page" in answer.inner_text()
        marks[question] = result
        page.keyboard.press(key)
    by_text = {q["question"]: q["id"] for q in questions}
    page.reload()
    page.locator("#mlp-explorer[data-ready='true']").wait_for()
    stored = state(page)["questions"]
    assert {by_text[text]: stored[by_text[text]]["state"] for text in marks} == {by_text[t]: r for t, r in marks.items()}
    first = by_text[next(iter(marks))]
    assert (
        page.locator(f".mlp-result[data-id='{first}'] .mlp-state-tag").inner_text()
        == {"review": "Review", "unknown": "Didn't know", "knew": "Knew it"}[marks[next(iter(marks))]]
    )


def test_state_is_visible_and_settable_on_the_category_page(context: BrowserContext, base: str) -> None:
    page = context.new_page()
    page.goto(f"{base}questions/ml-fundamentals/")
    control = page.locator(".mlp-progress-control[data-question='bias-variance-tradeoff']")
    control.get_by_role("button", name="Review").click()
    page.reload()
    control = page.locator(".mlp-progress-control[data-question='bias-variance-tradeoff']")
    assert control.get_by_role("button", name="Review").get_attribute("aria-pressed") == "true"
    assert control.get_by_role("button", name="Knew it").get_attribute("aria-pressed") == "false"
    entry = state(page)["questions"]["bias-variance-tradeoff"]
    assert (entry["state"], entry["box"]) == ("review", 1)


def test_export_then_import_on_a_fresh_profile(browser: Browser, context: BrowserContext, base: str, tmp_path: Path) -> None:
    page = context.new_page()
    page.goto(f"{base}questions/ml-fundamentals/")
    page.locator(".mlp-progress-control[data-question='bias-variance-tradeoff'] button[data-result='knew']").click()
    page.locator(".mlp-progress-control[data-question='overfitting'] button[data-result='unknown']").click()
    exported = state(page)["questions"]
    open_explorer(page, base)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    file = tmp_path / "progress.json"
    download.value.save_as(file)
    assert json.loads(file.read_text())["questions"] == exported

    fresh = browser.new_context()
    other = fresh.new_page()
    open_explorer(other, base)
    # This profile has a newer state for one question: the import must keep it.
    other.evaluate(
        "([key, now]) => localStorage.setItem(key, JSON.stringify({version: 1, questions: {overfitting: {state: 'knew', box: 2, due: 1, updated: now}}}))",
        [PROGRESS_KEY, 10**13],
    )
    other.locator(".mlp-explorer__import").set_input_files(str(file))
    expect(other.locator(".mlp-explorer__message")).to_have_text("Imported: 1 new, 0 updated, 1 kept (yours were newer).")
    merged = state(other)["questions"]
    assert merged["bias-variance-tradeoff"] == exported["bias-variance-tradeoff"]
    assert merged["overfitting"]["state"] == "knew"
    fresh.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all", "This file is not JSON. Choose a file exported from this site."),
        (
            '{"format": "other", "version": 1, "questions": {}}',
            "This file is not a progress export of this site (format mlprep-progress, version 1).",
        ),
        (
            '{"format": "mlprep-progress", "version": 1, "questions": {"x": {"state": "maybe", "box": 1, "due": 1, "updated": 1}}}',
            'The entry for "x" is malformed; nothing was imported.',
        ),
    ],
    ids=["not-json", "wrong-format", "bad-entry"],
)
def test_malformed_import_changes_nothing(context: BrowserContext, base: str, tmp_path: Path, content: str, message: str) -> None:
    page = context.new_page()
    open_explorer(page, base)
    page.evaluate(
        "key => localStorage.setItem(key, JSON.stringify({version: 1, questions: {dropout: {state: 'review', box: 1, due: 5, updated: 7}}}))",
        PROGRESS_KEY,
    )
    before = page.evaluate(f"localStorage.getItem('{PROGRESS_KEY}')")
    file = tmp_path / "bad.json"
    file.write_text(content)
    page.locator(".mlp-explorer__import").set_input_files(str(file))
    expect(page.locator(".mlp-explorer__message")).to_have_text(message)
    assert page.evaluate(f"localStorage.getItem('{PROGRESS_KEY}')") == before


def test_reset_asks_first(context: BrowserContext, base: str) -> None:
    page = context.new_page()
    open_explorer(page, base)
    page.evaluate(
        "key => localStorage.setItem(key, JSON.stringify({version: 1, questions: {dropout: {state: 'review', box: 1, due: 5, updated: 7}}}))",
        PROGRESS_KEY,
    )
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset progress").click()
    assert state(page)["questions"] != {}
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    assert state(page) == {}
