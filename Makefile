# HMS — `make run` starts the server on embedded stores; `make test` runs every test.
# Both set up what they need: the Python venv, the web app build, a browser for e2e tests.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
WEB_SOURCES := $(shell find web -type f -not -path 'web/node_modules/*' -not -path 'web/out/*' -not -path 'web/.next/*' -not -name '*.tsbuildinfo' 2>/dev/null)
export NEXT_TELEMETRY_DISABLED := 1

.PHONY: run test lint api-types-check unit integration e2e test-services install web browser bench clean

# The browser tests run in their own pytest process: playwright's sync API keeps an event
# loop running for its whole session, which the asyncio integration tests cannot share.

run: install web ## Run HMS at http://127.0.0.1:8000 (embedded PostgreSQL + Redis under ./var)
	$(BIN)/hms serve

test: install web browser lint api-types-check ## Lint, type-check, then unit, integration and browser tests
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/unit tests/integration
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/e2e

lint: install ## Ruff, mypy, and the import contracts of pyproject.toml
	$(BIN)/ruff check src tests
	$(BIN)/mypy src
	$(BIN)/lint-imports

api-types-check: install web/node_modules/.installed ## Fail when web/src/lib/api/schema.gen.ts is not what the server's OpenAPI document generates
	scripts/gen_api_types.sh --check

unit: install
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/unit

integration: install
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/integration

e2e: install web browser
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/e2e

test-services: install ## Integration tests against HMS_TEST_DATABASE_URL / HMS_TEST_REDIS_URL
	@test -n "$$HMS_TEST_DATABASE_URL" -a -n "$$HMS_TEST_REDIS_URL" || \
		{ echo "set HMS_TEST_DATABASE_URL and HMS_TEST_REDIS_URL"; exit 2; }
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/integration

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

web: web/out/index.html

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

web/out/index.html: web/node_modules/.installed $(WEB_SOURCES)
	cd web && npm run build
	touch $@

browser: ## Chromium for the browser tests (Debian's package; playwright cannot download here)
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing chromium (apt)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

bench: install web
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) web/node_modules web/out web/.next var
