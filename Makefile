# Cluster Atlas — every task a maintainer needs. `make site` and `make test` work on a fresh clone:
# the first target that needs Python creates .venv/ and installs the pinned dependencies.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
FONTS  := .cache/fonts/NotoSansSC-Regular.ttf
# The static-site engine: mkdocs (default) or zensical (`make site ENGINE=zensical`; docs/dev/engines.md).
ENGINE ?= mkdocs
ZSTAMP := $(VENV)/.zensical-$(shell cat requirements.lock requirements-zensical.lock | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site check generate serve test test-fast goldens lock fonts bench urls release versions clean lighthouse sizes

site: $(STAMP) $(FONTS) $(if $(filter zensical,$(ENGINE)),$(ZSTAMP)) ## check data, generate pages and charts, build site/ and the offline zip (ENGINE=zensical: site/ with Zensical)
	$(BIN)/python -m clusteratlas build --engine $(ENGINE)

check: $(STAMP)           ## validate data/ only, report every problem
	$(BIN)/python -m clusteratlas check

generate: $(STAMP) $(FONTS) ## write the generated Markdown into docs/
	$(BIN)/python -m clusteratlas generate

serve: $(STAMP) $(FONTS) $(if $(filter zensical,$(ENGINE)),$(ZSTAMP)) ## preview at http://127.0.0.1:8000, rebuilding on edits to data/ and templates/ (ENGINE=zensical: one language, SERVE_LANG=en for English)
	$(BIN)/python -m clusteratlas serve --engine $(ENGINE) --dev-addr 127.0.0.1:8000 $(if $(SERVE_LANG),--lang $(SERVE_LANG))

test: $(STAMP) $(FONTS) $(ZSTAMP) ## lint and format check (ruff), then every test, in parallel (both engines; 6–7.5 min here, by the hour: docs/dev/testing.md)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
	@# Bytecode once for the ~200 Python processes the tests start (PYTHONDONTWRITEBYTECODE may be set).
	$(BIN)/python -m compileall -q clusteratlas
	$(BIN)/python -m pytest -n 3 --dist worksteal

test-fast: $(STAMP) $(FONTS) ## the inner loop: units, in-memory pages and goldens, no site build or browser (< 60 s)
	$(BIN)/python -m pytest -n 2 -m "not slow"

# A comma inside $(or …) separates its arguments: `$(or $(SCALES),1,10)` gave "1" alone.
BENCH_SCALES = $(if $(SCALES),$(SCALES),1$(comma)10)
comma := ,
bench: $(STAMP) $(FONTS)   ## measure builds on the real data and ×10 (SCALES=1,10,100 for more); see BENCHMARKS.md
	$(BIN)/python scripts/bench.py --scales $(BENCH_SCALES)

lighthouse: $(STAMP) $(FONTS) ## Lighthouse scores of key pages, both languages (npm lighthouse + chromium; RUNS=3 per page, median) → docs/dev/lighthouse.md
	RUNS=$(or $(RUNS),3) $(BIN)/python scripts/lighthouse.py

sizes: $(STAMP)           ## the largest modules, classes and functions → docs/dev/sizes.md (a report, not a limit)
	$(BIN)/python scripts/sizes.py

goldens: $(STAMP) $(FONTS) ## regenerate the golden Markdown files after an intended change
	$(BIN)/python -m tests.goldens

release: $(STAMP)         ## keep this version's data package in releases/<version>/ (bump pyproject.toml and CITATION.cff first; docs/dev/releases.md)
	$(BIN)/python -m clusteratlas release

versions: site            ## publish every release tag's site under site/v/<version>/ with its banner (built once per tag, cached in .cache/versions)
	$(BIN)/python -m clusteratlas versions

urls: site                ## record the new page URLs of site/ in urls/published.txt (review, then commit)
	$(BIN)/python -m clusteratlas urls

lock:                     ## re-pin every dependency (with the SHA-256 of each release's files) after changing pyproject.toml
	$(BIN)/pip freeze --exclude-editable | grep -v -i -E "^(cluster-atlas$$(sed -n 's/^\([A-Za-z0-9_.-]*\)==.*/|\1/p' requirements-zensical.lock | tr -d '\n'))==" > requirements.lock
	$(BIN)/python scripts/hash_lock.py requirements.lock
	$(BIN)/python scripts/hash_lock.py requirements-zensical.lock

fonts: $(FONTS)           ## fetch the OFL chart font (Noto Sans SC) into .cache/fonts

$(FONTS): scripts/fetch-fonts.sh
	scripts/fetch-fonts.sh .cache/fonts

$(ZSTAMP): requirements-zensical.lock $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock -r requirements-zensical.lock
	rm -f $(VENV)/.zensical-*
	touch $@

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

clean: $(STAMP)            ## remove everything generated or built (the list is in clusteratlas/paths.py)
	$(BIN)/python -m clusteratlas clean
