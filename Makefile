# Two commands for a fresh machine: `make serve` and `make test`. Everything else is a step of those.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build validate generate new linkcheck links lint precommit pytest bench screenshots chromium clean

$(BIN)/activate $(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(VENV)/.installed

## serve: set up everything and serve the site on http://127.0.0.1:8000 with live reload
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

## test: set up everything (browser included) and run every check
test: $(VENV)/.installed chromium validate lint build linkcheck pytest

## build: strict build of the site into site/
build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

validate: $(VENV)/.installed
	$(BIN)/python scripts/validate.py

## new: add an entry, asked field by field (KIND=question, resource or company; default question)
new: $(VENV)/.installed
	$(BIN)/python scripts/new.py $(or $(KIND),question)

## generate: write the Markdown tree for hook-free tools into build/docs (and build/mkdocs.yml)
generate: $(VENV)/.installed
	$(BIN)/python scripts/generate.py --out build/docs --config build/mkdocs.yml

linkcheck: build
	$(BIN)/python scripts/check_links.py --site site

lint: $(VENV)/.installed
	$(BIN)/ruff check mlprep hooks scripts tests
	$(BIN)/ruff format --check mlprep hooks scripts tests
	$(BIN)/yamllint -c .yamllint.yml --strict .

## precommit: the hooks of .pre-commit-config.yaml on every file (install them with .venv/bin/pre-commit install)
precommit: $(VENV)/.installed
	$(BIN)/pre-commit run --all-files

## links: check every external link of data/ (needs the network); writes reports/links.md and reports/links.csv
links: $(VENV)/.installed
	$(BIN)/python scripts/links.py

pytest: $(VENV)/.installed chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest

## bench: build synthetic banks of 1,000 and 10,000 questions, with and without hooks
bench: $(VENV)/.installed
	$(BIN)/python scripts/bench.py

## screenshots: desktop and mobile, light and dark, into screenshots/
screenshots: build chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/python scripts/screenshots.py --full-page

# Debian's Chromium when root on Debian; Playwright never downloads a browser here.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium not found at $(CHROMIUM). Install your system's chromium package, or set CHROMIUM=/path/to/chromium." >&2; exit 1; \
	fi

clean:
	rm -rf site build screenshots .pytest_cache
