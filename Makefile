# The two commands a newcomer needs:
#   make demo   installs everything and runs a demo evening (hub, two kiosks, live screen)
#   make test   installs what the tests need (Chromium, LibreOffice, ...) and runs all checks
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install system-packages lint bench screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pybabel compile --domain messages --directory shared/i18n/locale
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/bors demo

# Debian packages the tests drive for real: a browser, a spreadsheet program, network tools.
system-packages:
	@bash deploy/install-test-packages.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: system-packages $(STAMP) lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

# Retake the screenshots (artifacts/screenshots/, and the README's in docs/img/): a tool, not a
# test, run through pytest for the browser fixtures.
screenshots: system-packages $(STAMP)
	$(BIN)/python -m pytest -q -p tests.conftest -p tests.browser.conftest tools/screenshots.py
