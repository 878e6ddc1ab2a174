# gwr-warehouse: two commands on a fresh machine with only Python 3.11+ and make.
#   make run   build the environment if needed, refresh the warehouse from data/, print a summary
#   make test  build the environment if needed, lint, run the whole test suite
PYTHON     ?= python3
UV_VERSION := 0.13.8
TOOLS      := .tools
UV         := $(TOOLS)/bin/uv
VENV       := .venv
STAMP      := $(VENV)/.synced
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS    := never
export DAGSTER_HOME           ?= $(CURDIR)/.dagster_home

.PHONY: run test test-browser lint bench bench-scale corpus dev browser-deps postgres-deps clean dbt-parse contract

# uv itself comes from PyPI into a private venv: no curl|sh installer, no global install.
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# The project venv is rebuilt from the lock file whenever pyproject.toml or uv.lock change.
# Bytecode is compiled at install time: with PYTHONDONTWRITEBYTECODE set (as on CI here)
# Python would otherwise recompile Dagster and Great Expectations on every start.
$(STAMP): $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $@

$(DAGSTER_HOME):
	@mkdir -p $@ && { [ -f $@/dagster.yaml ] || cp pipelines/dagster.yaml $@/dagster.yaml; }

run: $(STAMP) $(DAGSTER_HOME)
	$(VENV)/bin/gwr refresh

test: $(STAMP) $(DAGSTER_HOME) browser-deps postgres-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/python -m pytest -n 2 -q

test-browser: $(STAMP) $(DAGSTER_HOME) browser-deps
	$(VENV)/bin/python -m pytest -m browser -rP tests/browser

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check gwr || true

# The browser tests need Debian's chromium, and a font with Chinese glyphs for the scorecard's
# screenshots (WenQuanYi Micro Hei is in its font stack); install them where we can (root +
# apt), skip the tests elsewhere.
browser-deps:
	@{ command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q . ; } \
	  || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
	      fonts-wqy-microhei >/dev/null) \
	  || echo "chromium not installed: the browser tests will be skipped"; }

# The Dagster-on-PostgreSQL test needs Debian's server binaries (initdb, pg_ctl under
# /usr/lib/postgresql/*/bin); install them where we can (root + apt), skip the test elsewhere.
postgres-deps:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 \
	  || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
	  || echo "PostgreSQL not installed: the Postgres instance test will be skipped"; }

bench: $(STAMP)
	$(VENV)/bin/python bench/eval_extract.py
	$(VENV)/bin/python bench/bench_extract.py
	$(VENV)/bin/python bench/bench_sheets.py
	$(VENV)/bin/python bench/bench_refresh.py
	$(VENV)/bin/python bench/bench_scorecard.py

# The 217 real reports of ../shared/corpus refreshed into a temporary warehouse: one line a
# report, checked against its manifest.csv (bench/corpus.py --help).
corpus: $(STAMP)
	$(VENV)/bin/python bench/corpus.py

# Refresh at 3k, 30k and 100k generated files (long: generation alone takes minutes);
# SIZES=300,3000 for a quick run.
SIZES ?= 3000,30000,100000
bench-scale: $(STAMP)
	$(VENV)/bin/python bench/bench_scale.py --sizes $(SIZES) --parse

# The dbt manifest is refreshed at definition load time when sql/ changed; this does it by
# hand (e.g. before `dbt docs generate`).
dbt-parse: $(STAMP)
	$(VENV)/bin/python -c "from gwr.dbt import ensure_manifest; print(ensure_manifest())"

# Regenerate sql/models/marts/schema.yml and the dbt sources from schemas/contract.yml.
contract: $(STAMP)
	$(VENV)/bin/python -c "from schemas.contract import main; raise SystemExit(main())"

dev: $(STAMP) $(DAGSTER_HOME)
	env --default-signal=INT,TERM $(VENV)/bin/dagster dev -w workspace.yaml

clean:
	rm -rf $(VENV) $(TOOLS) .dagster_home data/warehouse sql/target sql/logs
