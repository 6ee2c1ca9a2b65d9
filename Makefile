# The two doors: `make demo` and `make test`. Both check the Debian packages they
# need first (installing them when run as root, otherwise stopping at once with the
# one apt-get line to run), then build the virtual environment themselves (once;
# again when pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Debian packages the platform needs at run time (sandbox, fonts for PDFs, voices).
DEMO_DEBS := bubblewrap fonts-dejavu-core espeak-ng libpango-1.0-0 libpangoft2-1.0-0 python3-venv
# ... and what the tests drive besides: a real browser, micro:bit firmware, a VNC screen.
TEST_DEBS := $(DEMO_DEBS) chromium qemu-system-arm tigervnc-standalone-server

.PHONY: demo test install assets translations clean debs-demo debs-test

# Install missing Debian packages as root; otherwise print the one line to run and stop.
define require_debs
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing Debian packages. Run this, then try again:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
endef

debs-demo:
	$(call require_debs,$(DEMO_DEBS))

debs-test:
	$(call require_debs,$(TEST_DEBS))

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Bytecode for our own modules (sandboxed processes cannot write it; see kodefag/bytecode.py),
# and the micro:bit runtimes prepared for building .hex files (microbit/firmware, see kodefag/microbit/runtimes.py).
install: $(STAMP) assets translations
	$(BIN)/python -m kodefag.bytecode
	$(BIN)/python -m kodefag.microbit.runtimes

# The portal's Danish message catalog (.po, committed) compiled for Flask-Babel (.mo, built here).
translations: $(STAMP)
	$(BIN)/pybabel compile --statistics -d teacher_portal/translations -D messages

# Front-end bundles built from npm packages at build time (never a CDN at run time).
assets:
	@if [ -x microbit/web/build.sh ]; then microbit/web/build.sh; fi
	@# the pupils' JupyterLab extension (Mine aktiviteter, Tjek, Aflever), prebuilt into hub/singleuser/data
	@if [ -x hub/labextension/build.sh ]; then PYTHON=$(CURDIR)/$(BIN)/python hub/labextension/build.sh; fi
	@# pupils' Danish JupyterLab: the da_DK pack merged with our catalog (hub/languagepack/*.po)
	$(BIN)/python -m jupyterlab_language_pack_da
	@# JupyterHub's Node.js proxy (every tier; the school tier's per-pupil origins need its host routing)
	@if command -v npm >/dev/null 2>&1; then \
	  cd hub/node-proxy && { [ -d node_modules ] && [ ! package-lock.json -nt node_modules ] || \
	  npm ci --no-audit --no-fund --loglevel=error; }; fi
	@# the OpenID Connect provider the Unilogin tests start (npm oidc-provider)
	@if [ -f tests/unilogin_idp/package-lock.json ] && command -v npm >/dev/null 2>&1; then \
	  cd tests/unilogin_idp && { [ -d node_modules ] && [ ! package-lock.json -nt node_modules ] || \
	  npm ci --no-audit --no-fund --loglevel=error; }; fi

demo: debs-demo install
	$(BIN)/kodefag demo

test: debs-test install
	$(BIN)/pytest

clean:
	rm -rf $(VENV) var
