# Two commands for a fresh machine (Python 3.11+):
#   make serve   set everything up in .venv and serve the site on http://127.0.0.1:8000/after-the-no/
#   make test    set everything up (test packages, system Chromium) and run the tests
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build bench system-deps clean

$(BIN)/.site-deps: requirements.txt
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is needed" or 0)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.test-deps: $(BIN)/.site-deps requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

serve: $(BIN)/.site-deps
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(BIN)/.site-deps
	$(BIN)/mkdocs build --strict

# Chromium and its headless shell (the browser tests drive the shell: the same build on half the
# processor time; tests/support.py browser_path), zbar-tools (QR decoding), poppler-utils (PDF
# to image), Java (the HTML checker) and npm (to install the checker and Lighthouse) come from
# Debian's packages; installed only where missing and where we may.
system-deps:
	@missing=""; optional=""; apt=""; \
	command -v chromium >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromium-headless-shell >/dev/null 2>&1 || optional="chromium-headless-shell"; \
	: "the headless shell is tried only where apt knows it (Debian), or where apt runs anyway"; \
	command -v zbarimg  >/dev/null 2>&1 || missing="$$missing zbar-tools"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v java     >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v npm      >/dev/null 2>&1 || missing="$$missing npm"; \
	if command -v apt-get >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt="env DEBIAN_FRONTEND=noninteractive apt-get"; \
	  elif command -v sudo >/dev/null; then apt="sudo env DEBIAN_FRONTEND=noninteractive apt-get"; fi; \
	fi; \
	if [ -n "$$optional" ] && [ -z "$$missing" ] && ! apt-cache show $$optional >/dev/null 2>&1; then \
	  optional=""; \
	fi; \
	if [ -n "$$missing" ] && [ -z "$$apt" ]; then \
	  echo "Please install:$$missing (browser tests skip without Chromium, except under CI)"; \
	elif [ -n "$$missing$$optional" ] && [ -n "$$apt" ]; then \
	  $$apt update -qq && \
	  { [ -z "$$optional" ] || $$apt install -y -qq $$optional >/dev/null 2>&1 || \
	    echo "No $$optional here: the browser tests use Chromium itself, more slowly."; } && \
	  { [ -z "$$missing" ] || $$apt install -y -qq $$missing >/dev/null; }; \
	fi

# npm packages, pinned by their package-lock.json: the W3C Nu HTML Checker for the tests, Lighthouse
# for the benchmark. --ignore-scripts: vnu-jar's install script would fetch a Java of its own.
%/node_modules/.installed: %/package.json %/package-lock.json | system-deps
	npm ci --prefix $* --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

test: $(BIN)/.test-deps system-deps tests/node_modules/.installed
	$(BIN)/python -m pytest -n 4 --dist worksteal

# Figures against plain Material: page weight, build time, interactions, Lighthouse (bench/RESULTS.md).
bench: $(BIN)/.test-deps system-deps bench/node_modules/.installed
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) site .pytest_cache tests/node_modules bench/node_modules bench/reports
