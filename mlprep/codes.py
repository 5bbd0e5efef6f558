"""The stable validator codes. CONTRIBUTING.md carries the same table; a test keeps them in step."""

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    severity: Severity
    meaning: str
    fix: str
    # A warning that marks a gap to fill (not a mistake) is printed but does not fail `mkdocs build --strict`.
    fails_strict: bool = True


CODES: dict[str, Code] = {
    "E001": Code(
        "error", "The file is not valid YAML.", "Fix the syntax at the line shown; check indentation, quotes and colons."
    ),
    "E002": Code(
        "error", "A key appears twice in the same mapping.", "Keep one of the two keys; YAML would silently drop the first."
    ),
    "E003": Code(
        "error",
        "The file uses a YAML anchor (&) or alias (*).",
        "Write the value out in full; anchors hide content from reviewers.",
    ),
    "E004": Code("error", "A line is indented with a tab.", "Indent with spaces only (two per level)."),
    "E005": Code("error", "The file is not UTF-8 text.", "Save the file as UTF-8."),
    "E006": Code("error", "The file is larger than 1 MiB.", "Split the file or shorten the entries."),
    "E007": Code(
        "error", "A file in data/ has no known place in the site.", "Move it to data/questions/, data/companies/ or remove it."
    ),
    "E008": Code(
        "error", "A required data file is missing.", "Restore the file named in the message; the site cannot be built without it."
    ),
    "E101": Code(
        "error",
        "A field is not part of the schema (often a typo).",
        "Rename the field to one of the allowed names, or remove it.",
    ),
    "E102": Code("error", "A required field is missing.", "Add the field named in the message."),
    "E103": Code("error", "A value has the wrong type.", "Use the type named in the message; quote text, do not quote numbers."),
    "E104": Code("error", "A value is not one of the allowed words.", "Use one of the values listed in the message."),
    "E105": Code("error", "A value is badly formed (pattern, length or count).", "Follow the form described in the message."),
    "E201": Code(
        "error", "An id is used twice.", "Pick a new id for one of the two entries; ids are permalinks and never reused."
    ),
    "E202": Code(
        "error",
        "A category id is referenced but does not exist.",
        "Use an id from data/categories.yml, or add the category there.",
    ),
    "E203": Code(
        "error",
        "A company id is referenced but has no file in data/companies/.",
        "Use a known company id, or add data/companies/<id>.yml.",
    ),
    "E204": Code("error", "A role id is referenced but does not exist.", "Use an id from data/roles.yml."),
    "E205": Code("error", "A URL does not start with http:// or https://.", "Link to a web page with an http(s) address."),
    "E206": Code("error", "A year is outside 2000 to next year.", "Give the year the question was asked, as a number."),
    "E207": Code("error", "A question text is empty.", "Write the question, or delete the entry."),
    "E208": Code("error", "A text field contains HTML markup.", "Use Markdown instead of HTML, or put code in backticks."),
    "E209": Code(
        "error",
        "A question file is named after a category that does not exist.",
        "Rename the file to data/questions/<category-id>.yml.",
    ),
    "E210": Code(
        "error",
        "A follow-up names a question id that does not exist.",
        "Use the id of an existing question (its anchor on the site).",
    ),
    "E211": Code(
        "error",
        "A fenced code block in an answer does not name its language.",
        "Write the language right after the opening backticks, for example python.",
    ),
    "W301": Code(
        "warning",
        "Two questions are worded almost the same.",
        "Merge them (keep one, move the other wording to aliases), or list one id in the other's distinct_from.",
    ),
    "W302": Code(
        "warning",
        "Questions in this file have no answer outline yet.",
        "Write an `answer` for each (see the style guide); the site lists them without one meanwhile.",
        fails_strict=False,
    ),
}
