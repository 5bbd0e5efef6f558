"""Rendering: data in, Markdown out, without MkDocs."""

import markdown
import pytest
from conftest import MINIMAL

from mlprep.dataset import build_dataset
from mlprep.render import RESOURCE_KINDS, markdown_text, render_site, site_nav
from mlprep.schema import schema_validator
from mlprep.validate import validate


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    report = validate(MINIMAL)
    assert report.findings == []
    return {page.src_uri: page.content for page in render_site(build_dataset(report.bank))}


def test_pages_and_their_addresses(pages: dict[str, str]) -> None:
    assert sorted(pages) == [
        "api/index.md",
        "api/questions.csv",
        "api/questions.json",
        "companies/acme.md",
        "companies/index.md",
        "explore.md",
        "index.md",
        "questions/behavioral.md",
        "questions/deep-learning.md",
        "questions/index.md",
        "questions/ml-coding.md",
        "questions/ml-fundamentals.md",
        "questions/ml-system-design.md",
        "resources.md",
        "roles/index.md",
        "roles/ml-engineer.md",
    ]


def test_question_heading_anchor_is_its_id(pages: dict[str, str]) -> None:
    page = pages["questions/ml-fundamentals.md"]
    assert "## Explain the bias-variance tradeoff. { #bias-variance .mlp-question }\n" in page
    assert "## What is cross-validation? { #cross-validation .mlp-question }\n" in page


def test_question_shows_difficulty_companies_years_links_and_answer(pages: dict[str, str]) -> None:
    html = markdown.markdown(pages["questions/ml-fundamentals.md"], extensions=["attr_list", "md_in_html", "pymdownx.details"])
    section = html.split('id="bias-variance"')[1].split('id="cross-validation"')[0]
    assert '<span class="mlp-badge mlp-badge--medium" title="Difficulty">Medium</span>' in section
    # Newest year first, each linked to the company page.
    assert section.index("Acme 2025") < section.index("Acme 2023")
    assert '<a class="mlp-chip" href="../companies/acme.md" title="Asked at Acme in 2025">Acme 2025</a>' in section
    assert '<a class="mlp-external" href="https://example.org/bias-variance">A reading</a>' in section
    assert "<li>Explain the bias-variance tradeoff and how it relates to model complexity.</li>" in section
    assert '<details class="success">\n<summary>Answer outline</summary>' in section
    assert "<li>Bias is error from wrong assumptions.</li>" in section


def test_question_without_answer_has_no_answer_block() -> None:
    dataset = build_dataset(validate(MINIMAL).bank)
    dataset.categories[0].questions[1].answer = None
    page = next(p.content for p in render_site(dataset) if p.src_uri == "questions/ml-fundamentals.md")
    assert "Answer outline" in page.split("{ #cross-validation")[0]
    assert "Answer outline" not in page.split("{ #cross-validation")[1]


def test_unreviewed_answer_shows_as_a_draft() -> None:
    dataset = build_dataset(validate(MINIMAL).bank)
    dataset.categories[0].questions[0].answer.reviewed = False
    page = next(p.content for p in render_site(dataset) if p.src_uri == "questions/ml-fundamentals.md")
    assert '??? warning "Answer outline (draft: not reviewed yet)"' in page.split("{ #cross-validation")[0]


def test_cross_reference_on_the_other_category(pages: dict[str, str]) -> None:
    assert (
        "- [What is cross-validation?](ml-fundamentals.md#cross-validation) (ML Fundamentals)\n"
        in pages["questions/deep-learning.md"]
    )


def test_company_lists_its_questions_by_year_newest_first(pages: dict[str, str]) -> None:
    page = pages["companies/acme.md"]
    years = [line for line in page.splitlines() if line.startswith("### ")]
    assert years == ["### 2025 { #questions-2025 }", "### 2024 { #questions-2024 }", "### 2023 { #questions-2023 }"]
    assert page.count("](../questions/ml-fundamentals.md#bias-variance)") == 2
    assert '1.  **Phone screen** <span class="mlp-duration">45 minutes</span>' in page


def test_home_counts_come_from_the_data(pages: dict[str, str]) -> None:
    assert "**3**<br>questions" in pages["index.md"]
    assert "**1**<br>companies" in pages["index.md"]
    assert "**1**<br>resources" in pages["index.md"]


def test_resource_has_its_anchor_under_its_kind(pages: dict[str, str]) -> None:
    page = pages["resources.md"]
    assert "## Books { #book }" in page
    assert "### An Example Book { #example-book .mlp-resource }" in page


@pytest.mark.parametrize(
    "text", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a & b < c", "**bold** [x](y) `c`"]
)
def test_markdown_text_is_shown_as_written(text: str) -> None:
    html = markdown.markdown(markdown_text(text))
    assert "<script" not in html and "<img" not in html and "<strong" not in html and "<a " not in html
    assert html == "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>"


def test_every_resource_kind_of_the_schema_has_a_section_title() -> None:
    kinds = schema_validator("resources").schema["items"]["properties"]["kind"]["enum"]
    assert sorted(kinds) == sorted(RESOURCE_KINDS)


def test_nav_follows_category_order() -> None:
    nav = site_nav(build_dataset(validate(MINIMAL).bank))
    assert next(item for item in nav if "Questions" in item) == {
        "Questions": [
            "questions/index.md",
            {"ML Fundamentals": "questions/ml-fundamentals.md"},
            {"Deep Learning": "questions/deep-learning.md"},
            {"ML Coding": "questions/ml-coding.md"},
            {"ML System Design": "questions/ml-system-design.md"},
            {"Behavioral": "questions/behavioral.md"},
        ]
    }


def test_dead_link_shows_its_archived_copy_and_says_so(pages: dict[str, str]) -> None:
    html = markdown.markdown(pages["questions/ml-fundamentals.md"], extensions=["attr_list"])
    section = html.split('id="cross-validation"')[1]
    assert 'href="https://web.archive.org/web/2024/https://example.org/gone"' in section
    assert "A page that died</a>" in section
    assert "archived copy: the original page (https://example.org/gone) is gone" in section
    assert 'href="https://example.org/gone"' not in section
