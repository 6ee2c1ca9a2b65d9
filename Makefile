# The two doors: `make demo` and `make test`. Both build the virtual
# environment themselves (once; again when pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install assets clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) assets

# Front-end bundles built from npm packages at build time (never a CDN at run time).
assets:
	@if [ -x microbit/web/build.sh ]; then microbit/web/build.sh; fi

demo: install
	$(BIN)/kodefag demo

test: install
	$(BIN)/pytest

clean:
	rm -rf $(VENV) var
