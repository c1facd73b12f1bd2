# make site  — build the edition into site/ (creates .venv and installs pinned packages), then its
#              downloads: the PDF (chromium; reused from .cache/pdf/ when unchanged) and the offline zip
# make test  — run every test (also installs the Debian packages it needs when they are missing)
# make lock  — publish new paragraph ids; make lock RENUMBER="why" records a renumbering
# make bench — build time (cold, warm; the PDF step apart), page weight, search data, search latency and
#              Lighthouse against a plain Material build
# make serve — preview with `mkdocs serve`: pages made from the edition's data, remade when it changes
#              (no PDF, no zip: those are made from a finished site by make site)
# EDITION=editions/psi-agreement make site|serve — another edition in the repository

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1700000000)

EDITION ?= edition
export EDITION_DIR := $(EDITION)

.PHONY: site docs serve test lock bench debian clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

docs: $(VENV)/.installed
	$(PY) scripts/edition.py build $(EDITION)

# The pages and the site, in one process (edition.py site: the pages as `make docs` writes
# them, then MkDocs' build), then the downloads made from the site: the PDF (printed by
# chromium, or reused from .cache/pdf/ when the printed pages are unchanged) and the offline
# zip, which holds it.
site: $(VENV)/.installed debian
	$(PY) scripts/edition.py site $(EDITION)
	$(PY) scripts/edition.py downloads

SERVE_ADDR ?= 127.0.0.1:8000
serve: $(VENV)/.installed
	$(PY) -m mkdocs serve -a $(SERVE_ADDR)

lock: $(VENV)/.installed
	$(PY) scripts/edition.py lock $(EDITION) --renumber "$(RENUMBER)"

# Debian's packages the build and the tests use, installed when missing (CI runs as root):
# chromium (the browser tests and the PDF), fonts-noto-cjk (a reader's machine has CJK fonts:
# the PDF embeds them, layout and Lighthouse are measured with them), jing (TEI against
# tei_all), biber (the BibTeX downloads against biblatex's data model), poppler-utils
# (pdftotext reads the PDF back) and fontconfig (fc-list finds the fonts the PDF embeds).
DEBIAN_TOOLS := chromium:/usr/bin/chromium fonts-noto-cjk:/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc \
                jing:/usr/bin/jing biber:/usr/bin/biber poppler-utils:/usr/bin/pdftotext fontconfig:/usr/bin/fc-list
debian:
	@missing=""; for tool in $(DEBIAN_TOOLS); do [ -e "$${tool#*:}" ] || missing="$$missing $${tool%%:*}"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  { apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; } \
	  || { echo "error: could not install$$missing with apt-get (run as root, or install them by hand)" >&2; exit 1; }; \
	fi

# axe-core, Lighthouse and the Nu Html Checker, pinned in package-lock.json
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

test: $(VENV)/.installed debian node_modules/.installed
	$(PY) -m pytest -q tests

bench: $(VENV)/.installed debian node_modules/.installed site
	$(PY) scripts/bench.py

clean:
	rm -rf site
