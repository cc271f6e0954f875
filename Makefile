# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint schema model clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/outbox demo

# Starts what the tests need itself (tests/servers.py runs a real Dovecot on
# loopback); set OUTBOX_REQUIRE_DOVECOT=1 to fail rather than skip without it.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check .

# Count the kind model again from the labelled corpus (after adding labelled mail).
model: $(STAMP)
	$(BIN)/python -m benchmarks.kind_model

schema: $(STAMP)
	$(BIN)/python -m outbox.config --schema > config/outbox.schema.json

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
