"""The site in the system Chromium over http://127.0.0.1: search lands on the question, nothing leaves the machine."""

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


@pytest.fixture
def site_page(browser: Browser, base: str) -> Iterator[tuple[Page, str, list[str]]]:
    """A fresh page on the served site, with every request URL it makes and no JavaScript dialog allowed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("dialog", lambda dialog: pytest.fail(f"a page opened a dialog: {dialog.message}"))
    yield page, base, requests
    context.close()


def search(page: Page, keywords: str) -> None:
    page.locator("label.md-search__icon, input.md-search__input").first.click()
    page.keyboard.type(keywords, delay=20)
    page.locator(".md-search-result__item").first.wait_for()


def test_search_lands_on_the_question_anchor(site_page: tuple[Page, str, list[str]]) -> None:
    page, base, _ = site_page
    page.goto(base)
    search(page, "bias variance tradeoff")
    page.locator(".md-search-result a[href*='#bias-variance-tradeoff']").first.click()
    page.wait_for_url("**#bias-variance-tradeoff")
    address = urlsplit(page.url)
    assert (address.path, address.fragment) == ("/questions/ml-fundamentals/", "bias-variance-tradeoff")
    heading = page.locator("h2#bias-variance-tradeoff")
    assert heading.inner_text().startswith("Explain the bias-variance tradeoff.")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 900


@pytest.mark.parametrize(
    ("keywords", "path", "anchor"),
    [
        ("speculative decoding", "/questions/llms/", "efficient-llm-inference"),
        ("STAR framework", "/strategies/", None),
    ],
)
def test_search_finds_other_pages(site_page: tuple[Page, str, list[str]], keywords: str, path: str, anchor: str | None) -> None:
    page, base, _ = site_page
    page.goto(base + "companies/")
    search(page, keywords)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
    landing = [urlsplit(href) for href in hrefs if urlsplit(href).path == path]
    assert landing, hrefs
    if anchor:
        assert anchor in {address.fragment for address in landing}


def test_no_request_leaves_127_0_0_1(site_page: tuple[Page, str, list[str]]) -> None:
    page, base, requests = site_page
    for path in ["", "questions/", "questions/nlp/", "companies/google/", "roles/mlops-engineer/", "resources/", "strategies/"]:
        page.goto(base + path, wait_until="networkidle")
    search(page, "transformer")
    page.wait_for_load_state("networkidle")
    assert len(requests) > 10
    hosts = {urlsplit(url).hostname for url in requests if urlsplit(url).scheme in {"http", "https", "ws", "wss"}}
    assert hosts == {"127.0.0.1"}


def test_dark_mode_toggle(site_page: tuple[Page, str, list[str]]) -> None:
    page, base, _ = site_page
    page.goto(base)
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    after = page.locator("body").get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}
