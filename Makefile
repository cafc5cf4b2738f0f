# Every target works on a fresh clone with only python3 (3.11+) and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test lint typecheck unit postgres bench-smoke docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	$(BIN)/community-policing demo --map build/sample-map.png

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: venv
	$(BIN)/mypy --strict src

# Tests run on every core, a file to a worker: the examples of one document share a namespace.
# The store's tests run against SQLite and a real PostgreSQL server, started here if needed.
unit: venv
	url="$$(tools/postgres.sh)"; COMMUNITY_POLICING_POSTGRES_URL="$$url" $(BIN)/pytest -n auto --dist loadfile

# A local PostgreSQL server for the store (installed from the distribution if missing).
postgres:
	@tools/postgres.sh

# Every benchmark at small sizes, through the same code paths, without judging the timings;
# two at a time, each one's output printed whole when it ends.
bench-smoke: venv
	@ls benchmarks/bench_*.py | xargs -P 2 -I{} sh -c \
		'out=$$($(BIN)/python {} --smoke 2>&1); code=$$?; printf "== %s --smoke\n%s\n" {} "$$out"; exit $$code'

test: lint typecheck unit bench-smoke

docs: venv
	$(BIN)/sphinx-build -W --keep-going -b html docs docs/_build/html

bench: venv
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@for script in benchmarks/bench_*.py; do \
		echo "== $$script"; \
		$(BIN)/python $$script || exit 1; \
	done

clean:
	rm -rf $(VENV) docs/_build .coverage .hypothesis .mypy_cache .ruff_cache
