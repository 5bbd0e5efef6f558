"""The built site: nothing in data/ is lost on the way to the HTML and the search index."""

import html
import json
from functools import cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, deck_contents

from mlprep.dataset import Dataset, build_dataset
from mlprep.export import question_url
from mlprep.validate import default_data_dir, validate

GUIDES = yaml.safe_load((FIXTURES / "guides.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    report = validate(default_data_dir())
    assert report.errors == [], "\n".join(map(str, report.errors))
    return build_dataset(report.bank)


@pytest.fixture(scope="module")
def search_index(built_site: Path) -> dict[str, dict]:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {entry["location"]: entry for entry in index["docs"]}


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    return soup(site / url / "index.html")


def heading(element) -> str:
    """A heading's own text, without the permalink sign."""
    return "".join(element.find_all(string=True, recursive=False)).strip()


def all_hrefs(site: Path) -> set[str]:
    return {a["href"] for path in site.rglob("*.html") for a in soup(path).find_all("a", href=True)}


def test_every_question_has_its_anchor_and_search_entry(built_site: Path, search_index: dict, dataset: Dataset) -> None:
    assert len(dataset.questions) > 0
    for question in dataset.questions:
        heading = page(built_site, f"questions/{question.category}").find(id=question.id)
        assert heading is not None and heading.name == "h2", question.id
        entry = search_index[f"questions/{question.category}/#{question.id}"]
        assert html.unescape(entry["title"]) == question.question
        for wording in question.aliases:
            assert wording in html.unescape(entry["text"]), (question.id, wording)
        for link in question.links:
            assert heading.find_next("a", href=link.archived or link.url) is not None, (question.id, link.url)
        if question.answer:
            details = heading.find_next("details")
            assert details.find_previous("h2") is heading, question.id
            lists = details.find_all("ul", recursive=False)
            assert len(lists[0].find_all("li", recursive=False)) == len(question.answer.key_points), question.id
            assert "Key points" in entry["text"] and "Pitfalls" in entry["text"], question.id


def test_every_report_reaches_the_question_and_the_company_page(built_site: Path, dataset: Dataset) -> None:
    for question in dataset.questions:
        for asked in question.asked:
            company_page = page(built_site, f"companies/{asked.company}")
            year = company_page.find(id=f"questions-{asked.year}")
            assert year is not None, (asked.company, asked.year)
            links = year.find_next("ul").find_all("a", href=f"../../questions/{question.category}/#{question.id}")
            assert len(links) == 1, (question.id, asked)
            chip = page(built_site, f"questions/{question.category}").find(
                "a", title=f"Asked at {heading(company_page.h1)} in {asked.year}"
            )
            assert chip is not None


def test_every_cross_reference_is_shown(built_site: Path, dataset: Dataset) -> None:
    for question in dataset.questions:
        for other in question.also_in:
            related = page(built_site, f"questions/{other}").find(id="related-questions")
            assert related.find_next("a", href=f"../{question.category}/#{question.id}") is not None


def test_every_company_role_category_and_resource_has_its_page(built_site: Path, search_index: dict, dataset: Dataset) -> None:
    for category in dataset.categories:
        assert heading(page(built_site, f"questions/{category.id}").h1) == category.title
    for company in dataset.companies:
        company_page = page(built_site, f"companies/{company.id}")
        assert heading(company_page.h1) == company.name
        for stage in company.stages:
            assert stage.name in company_page.get_text()
    for role in dataset.roles:
        role_page = page(built_site, f"roles/{role.id}")
        assert heading(role_page.h1) == role.title
        for interview_type in role.interview_types:
            assert all(topic in role_page.get_text() for topic in interview_type.topics)
    resources = page(built_site, "resources")
    for resource in dataset.resources:
        assert resources.find(id=resource.id).name == "h3"
        assert resources.find("a", href=resource.archived or resource.url) is not None
        assert html.unescape(search_index[f"resources/#{resource.id}"]["title"]) == resource.title


def test_home_counts(built_site: Path, dataset: Dataset) -> None:
    stats = [div.get_text(" ", strip=True) for div in page(built_site, "").select(".mlp-stats > div")]
    assert stats == [
        f"{len(dataset.questions)} questions",
        f"{len(dataset.categories)} categories",
        f"{len(dataset.companies)} companies",
        f"{len(dataset.resources)} resources",
    ]


def test_generated_pages_edit_their_yaml_source(built_site: Path) -> None:
    edit = page(built_site, "questions/nlp").find("a", title="Edit this page")
    assert edit["href"] == "https://github.com/mlprep/ml-interview-prep/edit/main/data/questions/nlp.yml"
    edit = page(built_site, "strategies").find("a", title="Edit this page")
    assert edit["href"] == "https://github.com/mlprep/ml-interview-prep/edit/main/docs/strategies.md"


def test_the_anki_deck_written_beside_the_build_is_complete(built_site: Path, dataset: Dataset) -> None:
    notes, _ = deck_contents(built_site / "api" / "ml-interview-prep.apkg")
    permalinks = sorted(fields[5] for fields in notes)
    assert permalinks == sorted(f"https://mlprep.github.io/ml-interview-prep/{question_url(q)}" for q in dataset.questions)
    assert not list((built_site / "api").glob("*.part"))


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        document = soup(path)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in document.find_all(tag):
                value = element.get(attribute, "")
                if tag == "link" and not {"stylesheet", "preload", "icon", "modulepreload"} & set(element.get("rel", [])):
                    continue
                assert not value.startswith(("http:", "https:", "//")), (path, value)


# The source guides: every wording, link, company and role (tests/fixtures/guides.yml, extracted once).


def test_guides_fixture_counts() -> None:
    assert len(GUIDES["questions"]) == 205
    assert len(GUIDES["links"]) == len(set(GUIDES["links"])) == 131


def test_every_guide_wording_is_in_the_search_index(search_index: dict) -> None:
    text = "\n".join(entry["title"] + "\n" + entry["text"] for entry in search_index.values())
    missing = [q["text"] for q in GUIDES["questions"] if q["text"] not in text]
    assert missing == []


def test_every_guide_link_is_on_some_page(built_site: Path, dataset: Dataset) -> None:
    """Every link is an href, or, once marked dead, named on the page beside its archived copy."""
    dead = {link.url for q in dataset.questions for link in q.links if link.status == "dead"}
    dead |= {resource.url for resource in dataset.resources if resource.status == "dead"}
    hrefs = all_hrefs(built_site)
    assert [link for link in GUIDES["links"] if link not in hrefs and link not in dead] == []


def test_every_guide_report_is_on_its_question(dataset: Dataset) -> None:
    by_wording = {wording: question for question in dataset.questions for wording in question.wordings}
    for mention in GUIDES["questions"]:
        question = by_wording[mention["text"]]
        for asked in mention.get("asked", []):
            assert (asked["company"], asked["year"]) in {(a.company, a.year) for a in question.asked}, mention["text"]


def test_every_guide_company_and_role_has_its_page(built_site: Path) -> None:
    for company in GUIDES["companies"]:
        assert (built_site / "companies" / company / "index.html").is_file()
    for role in GUIDES["roles"]:
        assert (built_site / "roles" / role / "index.html").is_file()
