"""Take screenshots of the built site (site/) at desktop and mobile width, light and dark, into screenshots/."""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from mlprep.browser import launch_chromium, serve_directory


def open_first_answers(page) -> None:
    for summary in page.locator("details summary").all()[:2]:
        summary.click()


def start_drill(page) -> None:
    page.locator("#mlp-explorer[data-ready='true']").wait_for()
    page.get_by_role("button", name="Practise these").click()
    page.get_by_role("button", name="Show answer (Space)").click()
    page.locator(".mlp-drill__answer").wait_for()
    page.locator(".mlp-drill").scroll_into_view_if_needed()


ACTIONS = {"answers": open_first_answers, "drill": start_drill}
PAGES = {
    "home": "",
    "explore": "explore/?difficulty=hard&company=meta",
    "drill": "explore/?category=ml-fundamentals&difficulty=easy",
    "answers": "questions/deep-learning/",
    "questions": "questions/",
    "category": "questions/ml-fundamentals/",
    "company": "companies/google/",
    "role": "roles/ml-engineer/",
    "resources": "resources/",
    "strategies": "strategies/",
    "contributing": "contributing/",
}
VIEWPORTS = {"desktop": (1280, 900), "mobile": (390, 844)}
SCHEMES = ("light", "dark")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--pages", nargs="*", default=list(PAGES), choices=list(PAGES))
    parser.add_argument("--full-page", action="store_true", help="capture the whole page, not the first screen")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serve_directory(args.site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for viewport, (width, height) in VIEWPORTS.items():
            for scheme in SCHEMES:
                context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
                page = context.new_page()
                for name in args.pages:
                    page.goto(base + PAGES[name], wait_until="networkidle")
                    if name in ACTIONS:
                        ACTIONS[name](page)
                        page.wait_for_timeout(400)  # let the header's title cross-fade finish after the scroll
                    target = args.out / f"{name}-{viewport}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=args.full_page)
                    print(target)
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
