"""Add a question, a resource or a company to data/, then run the validator.

Give the fields as options, or leave them out to be asked:
    python scripts/new.py question --category ml-fundamentals --question "Why is dropout off at inference?" --difficulty medium
    python scripts/new.py resource --title "..." --url https://... --kind book --cost paid --topics mlops --description "..."
    python scripts/new.py company --name "Hugging Face"
"""

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlprep.scaffold import append_entry, insert_after_group, make_id
from mlprep.schema import SCHEMA_DIR
from mlprep.validate import default_data_dir, display_path, validate


def enum(kind: str, *path: str) -> list[str]:
    """Allowed values of a field, read from its schema."""
    node = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return node["enum"]


def ask(value: str | None, prompt: str, choices: list[str] | None = None, required: bool = True) -> str:
    """The option's value, or the answer to a prompt (choices listed, re-asked until valid).

    Optional fields are only asked for at a terminal, so scripted use needs no empty answers.
    """
    if value is None and not required and not sys.stdin.isatty():
        return ""
    while value is None or (choices and value not in choices) or (required and not value.strip()):
        hint = f" ({' | '.join(choices)})" if choices else ("" if required else " (optional, Enter to skip)")
        try:
            value = input(f"{prompt}{hint}: ").strip()
        except EOFError:
            sys.exit(f"new.py: {prompt.lower()} is needed (pass it as an option)")
        if not value and not required:
            return ""
    return value


def listed(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--data", type=Path, default=default_data_dir(), help="the data folder (default: data/)")
    kinds = main.add_subparsers(dest="entry", required=True)
    question = kinds.add_parser("question", help="add a question to data/questions/<category>.yml")
    for option in ("category", "question", "difficulty", "tags", "roles", "company", "year", "link-title", "link-url"):
        question.add_argument(f"--{option}")
    resource = kinds.add_parser("resource", help="add a resource to data/resources.yml, beside others of its kind")
    for option in ("title", "url", "kind", "cost", "topics", "roles", "description"):
        resource.add_argument(f"--{option}")
    company = kinds.add_parser("company", help="add data/companies/<id>.yml")
    for option in ("name", "summary"):
        company.add_argument(f"--{option}")
    return main


def new_question(args: argparse.Namespace, data: Path, report: Any) -> Path:
    category = ask(args.category, "Category", sorted(report.bank.ids("categories")))
    text = ask(args.question, "Question")
    entry: dict[str, Any] = {
        "id": make_id(text, report.bank.ids("questions")),
        "question": text,
        "difficulty": ask(args.difficulty, "Difficulty", enum("questions", "items", "properties", "difficulty")),
    }
    optional = {
        "tags": ask(args.tags, "Tags, comma-separated", required=False),
        "roles": ask(args.roles, "Roles", required=False),
    }
    entry |= {key: listed(value) for key, value in optional.items() if value}
    company = ask(args.company, "Company that asked it", required=False)
    if company:
        entry["asked"] = [{"company": company, "year": int(ask(args.year, "Year asked"))}]
    url = ask(args.link_url, "Link to further reading", required=False)
    if url:
        entry["links"] = [{"title": ask(args.link_title, "Title of that link"), "url": url}]
    file = data / "questions" / f"{category}.yml"
    append_entry(file, entry, "../../schemas/questions.schema.json")
    return file


def new_resource(args: argparse.Namespace, data: Path, report: Any) -> Path:
    title = ask(args.title, "Title")
    entry = {
        "id": make_id(title, report.bank.ids("resources")),
        "title": title,
        "url": ask(args.url, "URL"),
        "kind": ask(args.kind, "Kind", enum("resources", "items", "properties", "kind")),
        "cost": ask(args.cost, "Cost", enum("resources", "items", "properties", "cost")),
        "topics": listed(ask(args.topics, "Topics, comma-separated")),
        "roles": listed(ask(args.roles, "Roles, comma-separated", required=False)),
        "description": ask(args.description, "One line on why it is worth the time"),
    }
    if not entry["roles"]:
        del entry["roles"]
    file = data / "resources.yml"
    document = next(d for d in report.bank.of("resources"))
    insert_after_group(file, document, entry, "kind")
    return file


def new_company(args: argparse.Namespace, data: Path, report: Any) -> Path:
    name = ask(args.name, "Company name")
    company_id = make_id(name, report.bank.ids("company"), max_words=3)
    file = data / "companies" / f"{company_id}.yml"
    summary = ask(args.summary, "One sentence on how it interviews", required=False)
    header = "# yaml-language-server: $schema=../../schemas/company.schema.json\n"
    file.write_text(
        header + f"name: {json.dumps(name)}\n" + (f"summary: {json.dumps(summary)}\n" if summary else ""), encoding="utf-8"
    )
    return file


ADDERS: dict[str, Callable[[argparse.Namespace, Path, Any], Path]] = {
    "question": new_question,
    "resource": new_resource,
    "company": new_company,
}


def restore(data: Path, snapshot: dict[Path, bytes]) -> None:
    """Put data/ back as it was: the scaffold never leaves an entry that fails validation."""
    for path in data.rglob("*.yml"):
        if path not in snapshot:
            path.unlink()
    for path, content in snapshot.items():
        path.write_bytes(content)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    before = validate(args.data)
    if before.errors:
        print("data/ has errors already; fix them first:", *before.errors, sep="\n", file=sys.stderr)
        return 1
    snapshot = {path: path.read_bytes() for path in args.data.rglob("*.yml")}
    file = ADDERS[args.entry](args, args.data, before)
    report = validate(args.data)
    for finding in report.findings:
        print(finding, file=sys.stderr)
    if report.errors:
        print(f"{len(report.errors)} error(s): the entry was not kept", file=sys.stderr)
        restore(args.data, snapshot)
        return 1
    print(f"added to {display_path(file)}; the validator found no error", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
