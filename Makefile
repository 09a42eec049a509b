# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: install messages run test fuzz screenshots lint format bench loadtest loadtest-faults es-start es-stop es-status

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade "pip>=24"
	$(VENV)/bin/pip install -q -c constraints.txt -e ".[dev]"
	touch $@

install: $(VENV)/.installed

messages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=.cache -v0

es-start: install
	$(MANAGE) elasticsearch start

es-stop: install
	$(MANAGE) elasticsearch stop

es-status: install
	$(MANAGE) elasticsearch status

run: install messages
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) seed_content
	$(MANAGE) seed_network
	$(MANAGE) create_demo_superuser
	@$(MANAGE) elasticsearch start 2>&1 | tail -n 1
	@$(MANAGE) search_index rebuild 2>&1 | tail -n 2 || true
	$(MANAGE) runserver 127.0.0.1:8000

# Starts (or reuses) the local Elasticsearch; tests marked `elasticsearch` fail if it is absent.
test: install messages
	-$(MANAGE) elasticsearch start
	$(PY) -m pytest $(PYTEST_ARGS)

# The fuzz suites (marker `fuzz`: privacy properties and the API contract) with many more
# random cases than `make test`'s fixed, derandomized ones.
fuzz: install messages
	-$(MANAGE) elasticsearch start
	HYPOTHESIS_PROFILE=long $(PY) -m pytest -m fuzz $(PYTEST_ARGS)

# The browser journeys again, saving a full-page PNG of every step at 390 and 1280 px
# (docs/screenshots/<journey>-<step>-<width>.png).
screenshots: install messages
	-$(MANAGE) elasticsearch start
	SCREENSHOTS=docs/screenshots $(PY) -m pytest tests/browser/test_journeys.py $(PYTEST_ARGS)
	@# Smaller files for git when pngquant is there (apt-get install pngquant); optional.
	-command -v pngquant >/dev/null && pngquant --force --ext .png --quality 60-85 docs/screenshots/*.png

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	-$(MANAGE) elasticsearch start
	$(PY) -m bench.search

# Load under locust (bench/load/run.py): gunicorn on a private PostgreSQL and Redis, the local
# Elasticsearch under its own index prefix; 1× and 100× data, ≤ 15 min with the defaults
# (LOAD_DURATION=60 s per scenario; see the module's docstring for the other knobs).
loadtest: install messages
	-$(MANAGE) elasticsearch start
	$(PY) -m bench.load.run

# The same stack with its own Elasticsearch node, killed, frozen; PostgreSQL restarted.
loadtest-faults: install messages
	$(PY) -m bench.load.run faults
