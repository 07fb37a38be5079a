# Tension Desk: `make run` starts the app, `make test` runs the suite, `make check` the guardrails
# (import contracts, ruff, mypy); each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check imports lint types bench soak clean check-display-libs mutation

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP) check-display-libs
	$(BIN)/tension-desk $(ARGS)

check-display-libs:
	@$(PYTHON) scripts/check_display_libs.py

# `make test` runs the guardrails first (import contracts, ruff, mypy), then the suite on two workers (pytest-xdist,
# one per core of the 2-core machines; each test file stays on one worker, so its module fixtures are made once).
test: $(STAMP) imports lint types
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider -n 2 --dist loadfile $(PYTEST_ARGS)

check: imports lint types

imports: $(STAMP)
	$(BIN)/lint-imports --no-cache

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

types: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	@command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || { \
	  echo "Installing LibreOffice Calc (the reference for the PDF figures)…"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO="sudo -n"; \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui) \
	  || echo "LibreOffice could not be installed: its figures will be marked unavailable."; }
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info

soak: $(STAMP)
	TENSION_DESK_SOAK_ROUNDS=60 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/reliability

# Mutation testing of the domain (minutes, not part of `make test`): MODULES="capacity blind" for a few only.
mutation: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python mutation/run.py $(MODULES)

# Screenshots of the main views of the sample at 1280×720, offscreen, for the README (docs/screenshots/).
.PHONY: screenshots
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py docs/screenshots
