"""Second layer of validation: rules that cross entries and files.

Each rule is a small function from the loaded documents to findings. Rules read
defensively: an entry with a schema error is reported there and skipped here.
"""

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from math import ceil
from pathlib import PurePosixPath
from typing import Any

from mlprep.findings import Finding
from mlprep.loader import Document, NodePath

Entry = tuple[Document, NodePath, dict[str, Any]]

URL_KEYS = {"url", "archived"}
NEAR_DUPLICATE_THRESHOLD = 0.7
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>|<!--")
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    "a an and are as at be between by can do does explain describe for from how in is it its of on or the "
    "this to use using what when which why with would you your".split()
)


@dataclass
class Bank:
    """The loaded documents, by kind: categories, roles, resources, questions, company."""

    documents: dict[str, list[Document]]
    max_year: int

    def of(self, kind: str) -> list[Document]:
        return self.documents.get(kind, [])

    def entries(self, kind: str) -> Iterator[Entry]:
        for document in self.of(kind):
            if isinstance(document.data, list):
                for index, item in enumerate(document.data):
                    if isinstance(item, dict):
                        yield document, (index,), item
            elif isinstance(document.data, dict):
                yield document, (), document.data

    def ids(self, kind: str) -> set[str]:
        if kind == "company":
            return {PurePosixPath(d.path).stem for d in self.of(kind)}
        return {item["id"] for _, _, item in self.entries(kind) if isinstance(item.get("id"), str)}


def unique_ids(bank: Bank) -> Iterator[Finding]:
    for kind in ("categories", "roles", "resources", "questions"):
        first_seen: dict[str, tuple[Document, NodePath]] = {}
        for document, where, item in bank.entries(kind):
            entry_id = item.get("id")
            if not isinstance(entry_id, str):
                continue
            if entry_id in first_seen:
                other, other_where = first_seen[entry_id]
                line, col = other.position(other_where + ("id",))
                yield document.finding(where + ("id",), "E201", f"id '{entry_id}' is already used at {other.path}:{line}:{col}")
            else:
                first_seen[entry_id] = (document, where)


def question_files_match_categories(bank: Bank) -> Iterator[Finding]:
    if not bank.of("categories"):
        return  # categories.yml is missing or broken, and reported as such
    known = bank.ids("categories")
    for document in bank.of("questions"):
        stem = PurePosixPath(document.path).stem
        if stem not in known:
            yield Finding(document.path, 1, 1, "E209", f"there is no category '{stem}' for this file", _known_hint(stem, known))


def known_references(bank: Bank) -> Iterator[Finding]:
    targets = {"categories": ("E202", "category"), "company": ("E203", "company"), "roles": ("E204", "role")}
    known = {kind: bank.ids(kind) for kind in targets}
    for kind in ("questions", "resources"):
        for document, where, item in bank.entries(kind):
            for field_path, target, value in _references(item):
                if value in known[target] or not bank.of(target):  # a missing target file is reported itself
                    continue
                code, noun = targets[target]
                yield document.finding(where + field_path, code, f"unknown {noun} '{value}'", _known_hint(value, known[target]))


def _references(item: dict[str, Any]) -> Iterator[tuple[NodePath, str, str]]:
    for field, target in (("also_in", "categories"), ("roles", "roles")):
        for index, value in enumerate(_list(item.get(field))):
            if isinstance(value, str):
                yield (field, index), target, value
    for index, asked in enumerate(_list(item.get("asked"))):
        if isinstance(asked, dict) and isinstance(asked.get("company"), str):
            yield ("asked", index, "company"), "company", asked["company"]
    if isinstance(item.get("company"), str):
        yield ("company",), "company", item["company"]


def http_urls(bank: Bank) -> Iterator[Finding]:
    for document in _all_documents(bank):
        for where, value in _strings(document.data, ()):
            key = next((part for part in reversed(where) if isinstance(part, str)), "")
            for url in _urls_in(key, value):
                if _is_bad_url(url, strict=key in URL_KEYS):
                    yield document.finding(where, "E205", f"'{key}' links to '{url}', which is not an http(s) address")


def _urls_in(key: str, value: str) -> list[str]:
    """A url field's value, or the targets of the Markdown links in a text (code spans skipped)."""
    if key in URL_KEYS:
        return [value]
    return _MARKDOWN_LINK.findall(_CODE.sub("", value)) if "](" in value else []


def _is_bad_url(url: str, *, strict: bool) -> bool:
    scheme = _SCHEME.match(url)
    if scheme is None:
        return strict
    return scheme.group(1).lower() not in {"http", "https"} or (strict and "//" not in url)


def years_in_range(bank: Bank) -> Iterator[Finding]:
    for document, where, item in bank.entries("questions"):
        for index, asked in enumerate(_list(item.get("asked"))):
            year = asked.get("year") if isinstance(asked, dict) else None
            if isinstance(year, int) and not isinstance(year, bool) and not 2000 <= year <= bank.max_year:
                yield document.finding(where + ("asked", index, "year"), "E206", f"year {year} is outside 2000..{bank.max_year}")


def non_empty_questions(bank: Bank) -> Iterator[Finding]:
    for document, where, item in bank.entries("questions"):
        wordings = [(("question",), item.get("question"))]
        wordings += [(("aliases", i), alias) for i, alias in enumerate(_list(item.get("aliases")))]
        for field_path, text in wordings:
            if isinstance(text, str) and not text.strip():
                yield document.finding(where + field_path, "E207", "the question text is empty")


def no_html(bank: Bank) -> Iterator[Finding]:
    for document in _all_documents(bank):
        for where, value in _strings(document.data, ()):
            if "<" not in value or where[-2:] == ("code", "source"):
                continue  # no markup possible; or a highlighted code block, where `a < b > c` is code
            tag = _HTML_TAG.search(_CODE.sub("", value))
            if tag:
                yield document.finding(where, "E208", f"HTML markup '{tag.group(0)}' is not allowed in text")


_FENCE = re.compile(r"^[ \t]*(```+|~~~+)(.*)$", re.MULTILINE)


def follow_ups_exist(bank: Bank) -> Iterator[Finding]:
    known = bank.ids("questions")
    for document, where, item in bank.entries("questions"):
        answer = item.get("answer")
        for index, follow_up in enumerate(_list(answer.get("follow_ups")) if isinstance(answer, dict) else []):
            if isinstance(follow_up, str) and (follow_up not in known or follow_up == item.get("id")):
                reason = "is this question itself" if follow_up == item.get("id") else "is not a question id"
                yield document.finding(
                    where + ("answer", "follow_ups", index),
                    "E210",
                    f"follow-up '{follow_up}' {reason}",
                    _known_hint(follow_up, known - {item.get("id")}),
                )


def code_fences_name_a_language(bank: Bank) -> Iterator[Finding]:
    for document, where, item in bank.entries("questions"):
        for path, text in _strings(item.get("answer"), where + ("answer",)):
            opening = True
            for fence in _FENCE.finditer(text):
                if opening and not fence.group(2).strip():
                    # Fences live in block scalars (`key: |`), whose text starts on the line after the key.
                    key_line, key_col = document.position(path, key=True)
                    line = key_line + 1 + text.count("\n", 0, fence.start())
                    yield Finding(
                        document.path, line, key_col + 2, "E211", "a fenced code block in the answer does not name its language"
                    )
                opening = not opening


def missing_answers(bank: Bank) -> Iterator[Finding]:
    """One warning per file, at its first unanswered question, with the count: the gap stays visible."""
    for document in bank.of("questions"):
        items = document.data if isinstance(document.data, list) else []
        missing = [index for index, item in enumerate(items) if isinstance(item, dict) and "answer" not in item]
        if missing:
            first = items[missing[0]].get("id")
            message = f"{len(missing)} of {len(items)} questions have no answer outline yet (first: '{first}')"
            yield document.finding((missing[0],), "W302", message)


def near_duplicates(bank: Bank) -> Iterator[Finding]:
    wordings: list[tuple[Entry, NodePath, str]] = []
    for entry in bank.entries("questions"):
        _, _, item = entry
        texts = [(("question",), item.get("question"))]
        texts += [(("aliases", i), alias) for i, alias in enumerate(_list(item.get("aliases")))]
        wordings += [(entry, path, text) for path, text in texts if isinstance(text, str)]
    reported: set[tuple[int, int]] = set()
    token_sets = [_content_words(text) for _, _, text in wordings]
    for first, second in similar_pairs(token_sets, NEAR_DUPLICATE_THRESHOLD):
        (doc_a, where_a, item_a), path_a, text_a = wordings[first]
        (doc_b, where_b, item_b), path_b, text_b = wordings[second]
        pair = (id(item_a), id(item_b))
        if item_a is item_b or pair in reported or _marked_distinct(item_a, item_b):
            continue
        reported.add(pair)
        line, col = doc_a.position(where_a + path_a)
        message = f"'{text_b}' ({item_b.get('id')}) reads almost like '{text_a}' ({item_a.get('id')}, {doc_a.path}:{line}:{col})"
        yield doc_b.finding(where_b + path_b, "W301", message)


def similar_pairs(token_sets: list[frozenset[str]], threshold: float) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, whose Jaccard similarity reaches the threshold.

    Prefix filtering: with tokens ordered rarest first, two sets that similar must
    share a token among the first |s| - ceil(threshold * |s|) + 1 of each, so only
    those prefixes are indexed. Near-linear on a bank of distinct questions.
    """
    frequency = Counter(token for tokens in token_sets for token in tokens)
    index: dict[str, list[int]] = defaultdict(list)
    for current, tokens in enumerate(token_sets):
        ordered = sorted(tokens, key=lambda token: (frequency[token], token))
        prefix = ordered[: len(ordered) - ceil(threshold * len(ordered)) + 1] if ordered else []
        candidates = {other for token in prefix for other in index[token]}
        for other in sorted(candidates):
            if len(tokens & token_sets[other]) >= threshold * len(tokens | token_sets[other]):
                yield other, current
        for token in prefix:
            index[token].append(current)


def _content_words(text: str) -> frozenset[str]:
    return frozenset(word.rstrip("s") or word for word in _WORD.findall(text.lower()) if word not in _STOPWORDS)


def _marked_distinct(item_a: dict[str, Any], item_b: dict[str, Any]) -> bool:
    return item_b.get("id") in _list(item_a.get("distinct_from")) or item_a.get("id") in _list(item_b.get("distinct_from"))


def _known_hint(value: str, known: set[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    listed = ", ".join(sorted(known)) or "none yet"
    return f"did you mean '{close[0]}'? known: {listed}" if close else f"known: {listed}"


def _all_documents(bank: Bank) -> Iterator[Document]:
    for documents in bank.documents.values():
        yield from documents


def _strings(value: Any, where: NodePath) -> Iterator[tuple[NodePath, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, where + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, where + (index,))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


RULES: list[Callable[[Bank], Iterator[Finding]]] = [
    unique_ids,
    question_files_match_categories,
    known_references,
    http_urls,
    years_in_range,
    non_empty_questions,
    no_html,
    follow_ups_exist,
    code_fences_name_a_language,
    missing_answers,
    near_duplicates,
]
