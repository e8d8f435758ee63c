# The two commands a newcomer needs:  make demo  and  make test  (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint setup demo-data messages clean multiserver

$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { echo "python3 -m venv failed: install Debian's python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[test]"
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

setup: $(STAMP)

demo-data: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py bootstrap_tokyo
	$(PY) manage.py load_demo

# Command 1: set up and run the demo (SQLite, django-q2 ORM broker, file email) on :8000.
demo: demo-data
	$(PY) manage.py rundemo

# Command 2: set up and run the whole test suite (PostgreSQL when installed, else SQLite).
test: setup
	scripts/test

# The layers and rooms (docs/architecture.md): fails on an upward import or an import cycle.
# make test runs it too (tests/test_architecture.py); .ci/run runs it first, as the quick check.
lint: setup
	$(VENV)/bin/lint-imports

# The reference deployment on loopback (two app servers behind nginx, real processes), walked
# through as real users; make test runs it too on PostgreSQL (tests/multiserver).
multiserver: setup
	$(PY) -m tests.multiserver

# Translators: regenerate and compile the ja catalogue after changing UI strings.
messages: setup
	$(PY) manage.py makemessages -l ja --no-location --ignore=.venv --ignore=var --ignore=templates/wagtailadmin
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
