# contractkg: two commands on a fresh machine, `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= .contractkg/store
PORT   ?= 8501

.PHONY: run test install install-test browser virtuoso lint bench accuracy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamps re-run the install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Debian's chromium for the browser tests (Playwright cannot download its own here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: could not install chromium; browser tests will be skipped outside CI"; }

# Debian's Virtuoso open source, the second real SPARQL engine of the remote-store tests.
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  echo "installing Debian's virtuoso-opensource for the Virtuoso tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null) \
	  || { echo "warning: could not install virtuoso-opensource; Virtuoso tests will be skipped outside CI"; \
	       case "$$CI" in true|1|yes) exit 1;; esac; }; }

run: install
	$(BIN)/contractkg ingest examples --store $(STORE)
	$(BIN)/contractkg app --store $(STORE) --port $(PORT)

# Lint first: a ruff or mypy error fails `make test`, and so CI.
# One worker per core (pytest-xdist); a test file stays on one worker, so its module fixtures are built once.
test: install-test browser virtuoso lint
	$(BIN)/python -m pytest -q -n auto --dist loadfile

lint: install-test
	$(BIN)/ruff check contractkg tests benchmarks
	$(BIN)/mypy contractkg

# goldscore.py field by field on the seeds, the dev corpus and the examples (needs ../shared).
SHARED ?= ../shared
GOLDSCORE = $(BIN)/python $(SHARED)/tools/goldscore.py --cmd "$(BIN)/contractkg extract --format json"
accuracy: install
	@echo "== seeds ($(SHARED)/seeds)"; $(GOLDSCORE) --gold $(SHARED)/gold --docs $(SHARED)/seeds
	@echo; echo "== dev ($(SHARED)/dev/docs)"; $(GOLDSCORE) --gold $(SHARED)/dev/gold --docs $(SHARED)/dev/docs
	@echo; echo "== examples"; $(GOLDSCORE) --gold examples/gold --docs examples

# Every figure of issue 15 at 1k and 10k contracts (20-40 minutes); see benchmarks/README.md.
bench: install-test
	$(BIN)/python -m benchmarks --what all --large

clean:
	rm -rf $(VENV) .contractkg tests/artifacts
