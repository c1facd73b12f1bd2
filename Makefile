# make site  — build the edition into site/ (creates .venv and installs pinned packages)
# make test  — run every test (also installs Debian's chromium when it is missing)
# make lock  — publish new paragraph ids; make lock RENUMBER="why" records a renumbering
# make bench — build time, page weight, index size and search latency against a plain Material build

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1700000000)

.PHONY: site docs test lock bench browser biber clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

docs: $(VENV)/.installed
	$(PY) scripts/edition.py build

site: docs browser   # the PDF is printed by chromium (scripts/hooks/pdf.py)
	$(PY) -m mkdocs build --quiet

lock: $(VENV)/.installed
	$(PY) scripts/edition.py lock --renumber "$(RENUMBER)"

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
	  || { echo "error: Debian's chromium is required at /usr/bin/chromium (apt-get install chromium)" >&2; exit 1; }
	@command -v jing >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq jing >/dev/null) \
	  || { echo "error: Debian's jing is required to validate the TEI (apt-get install jing)" >&2; exit 1; }
	@command -v pdftotext >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null) \
	  || { echo "error: Debian's poppler-utils is required to read the PDF's text (apt-get install poppler-utils)" >&2; exit 1; }
	@command -v fc-list >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq fontconfig >/dev/null) \
	  || { echo "error: Debian's fontconfig is required to find the PDF's fonts (apt-get install fontconfig)" >&2; exit 1; }

# biber validates the BibTeX downloads against biblatex's data model (tests/test_exports.py)
biber:
	@command -v biber >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq biber >/dev/null) \
	  || { echo "error: Debian's biber is required (apt-get install biber)" >&2; exit 1; }

# axe-core, Lighthouse and the Nu Html Checker, pinned in package-lock.json
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

test: $(VENV)/.installed browser biber node_modules/.installed
	$(PY) -m pytest -q tests

bench: $(VENV)/.installed browser site
	$(PY) scripts/bench.py

clean:
	rm -rf site
