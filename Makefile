# Two commands set up everything on a fresh machine with Python >= 3.11 and make:
#   make site   install pinned dependencies into .venv, then a strict build into site/
#   make test   the same install plus test tools, then the whole test suite
# `make help` lists the rest.

SHELL  := /bin/bash
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   := site

# Material 9.8 prints an end-of-life banner on every build; it says nothing about our site.
export NO_MKDOCS_2_WARNING := 1
# AR=2020 names the new edition for `make ny-argang AR=2020`. Make has a built-in AR (the
# archiver), so only an AR given on the command line counts.
YEAR := $(if $(filter command line,$(origin AR)),$(AR))
BASE ?= main

# Dates in the build come from the last commit, so the same commit gives the same bytes.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: help site serve test bench bench-paint lock clean check-tools diff lix ny-argang canary engines engine

help:
	@echo "make site   bygg webbplatsen (strikt) till site/"
	@echo "make serve  förhandsgranska på http://127.0.0.1:8000 medan du redigerar"
	@echo "make test   kör alla tester"
	@echo "make diff BASE=main     visa vilka siffror som ändrats jämfört med en git-referens"
	@echo "make lix                läsbarhet (LIX) per sida i den byggda webbplatsen"
	@echo "make ny-argang AR=2020  börja nästa årgång: docs/2020 och data/2020 som ett utkast"
	@echo "make site ENGINE=zensical  bygg med Zensical i stället för MkDocs"
	@echo "make engines            bygg med både MkDocs och Zensical och jämför (som CI gör)"
	@echo "make canary             bygg också med ProperDocs och jämför"
	@echo "make bench              mät byggtid, skalning och sidvikt (skriver bench/RESULTS.md)"
	@echo "make bench-paint        mät när varje sida visar sitt innehåll på en långsam mobil (FCP, LCP)"
	@echo "make lock   uppdatera de låsta beroendena (requirements*.lock)"
	@echo "make clean  ta bort .venv och byggda filer"

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python 3.11 eller senare krävs (hittade: $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@touch $@

# The pinned dependencies, then the kvalitet package itself (editable: MkDocs finds its
# plugin, and changes to the code take effect without reinstalling).
$(VENV)/.site-installed: requirements.lock pyproject.toml $(VENV)/.python-ok
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation --editable .
	@touch $@

$(VENV)/.dev-installed: requirements-dev.lock $(VENV)/.site-installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@

# axe-core and the Nu Html Checker, pinned in package-lock.json.
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "npm saknas (behövs för testerna): sudo apt-get install nodejs npm"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

# Tools the test suite needs from the system; .ci/run installs them on a CI machine.
check-tools:
	@command -v java >/dev/null || { echo "Java saknas (behövs för HTML-kontrollen vnu): sudo apt-get install default-jre-headless"; exit 1; }
	@[ -n "$${CHROMIUM:-}" ] || command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
	  || { echo "Chromium saknas (behövs för webbläsartesterna): sudo apt-get install chromium"; exit 1; }
	@command -v pdftotext >/dev/null || { echo "Poppler saknas (behövs för att läsa PDF-filen i testerna): sudo apt-get install poppler-utils"; exit 1; }

# The engine that renders the pages: mkdocs or zensical, Material's successor
# (kvalitet/site/zensical_engine.py). Both are pinned in requirements.lock. This line is the
# one setting: CI publishes with it, and builds with the other engine too and compares.
# For one build: make site ENGINE=zensical.
ENGINE ?= mkdocs
ifeq ($(ENGINE),mkdocs)
# --quiet would hide warnings from --strict (MkDocs 1.6), so the INFO lines are dropped here
# instead; a warning still fails the build.
BUILD = set -o pipefail; $(BIN)/mkdocs build --strict --site-dir .site-new 2>&1 \
	  | sed -E -e '/^INFO/d' -e '/^Aborted with a BuildError!$$/d' -e 's/^ERROR +- +//' \
	    -e 's/^WARNING +- +/Varning: /' \
	    -e 's/^Aborted with ([0-9]+) warnings? in strict mode!$$/Bygget gav \1 varning(ar), och varningar stoppar bygget./'
else ifeq ($(ENGINE),zensical)
BUILD = $(BIN)/python -m kvalitet.site.zensical_engine --site-dir .site-new --quiet
else
$(error ENGINE kan vara mkdocs eller zensical, inte »$(ENGINE)«)
endif

# Build next to site/ and swap only on success, so a failed build never leaves a
# half-written or empty site behind.
# mkdocs.yml is checked first: MkDocs reads it before any plugin and complains in English.
site: $(VENV)/.site-installed
	@rm -rf .site-new
	@$(BIN)/python -m kvalitet.gates.config mkdocs.yml \
	  || { echo "Inget publicerades: rätta felen ovan och bygg igen."; exit 1; }
	@$(BUILD) || { rm -rf .site-new; echo "Inget publicerades: rätta felen ovan och bygg igen."; exit 1; }
	@rm -rf $(SITE) && mv .site-new $(SITE)
	@echo "Webbplatsen är byggd i $(SITE)/$(if $(filter zensical,$(ENGINE)), (med Zensical))"

# `mkdocs serve --strict` without the PDF (kvalitet/tools/serve.py), except that a failed
# build shows as a Swedish page in the browser until the file is saved again.
serve: $(VENV)/.site-installed
	KVALITET_PDF=av KVALITET_FORHANDSVISNING=ja $(BIN)/python -m kvalitet.tools.serve

test: $(VENV)/.dev-installed node_modules/.installed check-tools
	$(BIN)/ruff check kvalitet tests bench macros.py
	$(BIN)/ruff format --check kvalitet tests bench macros.py
	$(BIN)/python -m pytest

diff: $(VENV)/.site-installed
	@$(BIN)/python -m kvalitet.tools.data_diff --base $(BASE)

lix: site
	@$(BIN)/python -m kvalitet.tools.lix $(SITE)

ny-argang: $(VENV)/.site-installed
	@[ -n "$(YEAR)" ] || { echo "Ange året: make ny-argang AR=2020"; exit 1; }
	@$(BIN)/python -m kvalitet.tools.new_edition $(YEAR)

engine:
	@echo $(ENGINE)

# Both engines, compared as CI does: the same pages, text, numbers, tables, figures, links
# and files, or a Swedish list of what differs (kvalitet/tools/engine_diff.py).
engines: $(VENV)/.site-installed
	@$(MAKE) --no-print-directory site ENGINE=mkdocs SITE=site
	@$(MAKE) --no-print-directory site ENGINE=zensical SITE=.site-zensical
	@$(BIN)/python -m kvalitet.tools.engine_diff site .site-zensical

# Non-blocking: reports whether ProperDocs builds the same site.
canary: $(VENV)/.python-ok
	$(PYTHON) -m venv .venv-canary
	.venv-canary/bin/pip install --quiet --require-hashes -r requirements-canary.lock
	.venv-canary/bin/python -m kvalitet.tools.canary

# Build cost, scaling and page weight; prints figures and writes bench/RESULTS.md.
bench: $(VENV)/.dev-installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# First and largest contentful paint of every page under Lighthouse's mobile throttling;
# writes its own section of bench/RESULTS.md. `make bench` includes it.
bench-paint: $(VENV)/.dev-installed
	$(BIN)/python bench/paint.py $(BENCH_ARGS)

lock: $(VENV)/.dev-installed
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url \
	  --no-emit-find-links -o requirements.lock requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url \
	  --no-emit-find-links -o requirements-dev.lock requirements-dev.in
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url \
	  --no-emit-find-links -o requirements-canary.lock requirements-canary.in

clean:
	rm -rf $(VENV) .venv-canary $(SITE) .site-new .site-zensical .zensical .pytest_cache node_modules .cache
