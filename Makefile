# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := literacy.settings

.PHONY: run test setup messages

$(PY):
	$(shell command -v $(PYTHON) || echo python3) -m venv $(VENV)

$(VENV)/.installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py compile_catalogues

run: export DEBUG ?= 1
run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_lessons
	@echo "Demo accounts (log in at http://127.0.0.1:$(PORT)/accounts/login/):"
	@$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Developer tool (needs GNU gettext): refresh one app's Chinese catalogue from
# its Python code and its templates, e.g. `make messages APP=calculators`.
TEMPLATES_home := templates/home templates/*.html
TEMPLATES_accounts := templates/registration
messages:
	@test -n "$(APP)" || (echo "usage: make messages APP=<app>" && exit 2)
	tmp=$$(mktemp -d) && mkdir -p $$tmp/locale $$tmp/src && \
	cp -r literacy/$(APP) $$tmp/src/code && \
	mkdir -p $$tmp/src/templates && \
	for t in $(or $(TEMPLATES_$(APP)),templates/$(APP)); do if [ -e $$t ]; then cp -r $$t $$tmp/src/templates/; fi; done && \
	rm -rf $$tmp/src/code/locale && \
	(cd $$tmp && PYTHONPATH=$(CURDIR) DEBUG=1 $(CURDIR)/$(PY) -m django makemessages -l zh_Hans --no-location --no-obsolete) && \
	mkdir -p literacy/$(APP)/locale/zh_Hans/LC_MESSAGES && \
	po=literacy/$(APP)/locale/zh_Hans/LC_MESSAGES/django.po && \
	if [ -f $$po ]; then msgmerge --quiet --update --no-fuzzy-matching --backup=none $$po $$tmp/locale/zh_Hans/LC_MESSAGES/django.po; \
	else cp $$tmp/locale/zh_Hans/LC_MESSAGES/django.po $$po; fi && \
	msgattrib --no-obsolete -o $$po $$po && rm -rf $$tmp && echo "updated $$po"
