# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := literacy.settings

.PHONY: run test setup messages bench

$(PY):
	$(shell command -v $(PYTHON) || echo python3) -m venv $(VENV)

$(VENV)/.installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Compiling catalogues needs settings, not a production secret.
setup: export DEBUG ?= 1
setup: $(VENV)/.installed
	$(PY) manage.py compile_catalogues

run: export DEBUG ?= 1
run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_lessons
	@echo "Demo accounts (log in at http://127.0.0.1:$(PORT)/accounts/login/):"
	@$(PY) manage.py seed_demo
	@echo "E-mail: a task worker (manage.py db_worker) runs beside the site and prints each"
	@echo "message it delivers (EMAIL_DELIVERY_BACKEND is the console in development)."
	@$(PY) manage.py db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Developer tool (needs GNU gettext): refresh one app's Chinese catalogue from
# its Python code and its templates, e.g. `make messages APP=calculators`.
messages: setup
	@test -n "$(APP)" || (echo "usage: make messages APP=<app>" && exit 2)
	DEBUG=1 $(PY) manage.py update_catalogue $(APP)

# Throughput and latency under gunicorn + wrk (see README "Performance"); writes
# bench/results/latest.md. DATABASE_URL=postgres://…/literacy_bench to bench PostgreSQL.
bench: setup
	$(PY) bench/run.py $(BENCH_ARGS)
