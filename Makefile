# Seoul Services Explorer — every task starts from a fresh machine: `make run` or `make test`
# installs what it needs first (Debian packages, a virtual environment from the lock file).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
UV_VERSION := 0.13.8
PO_FILES := $(wildcard translations/*/LC_MESSAGES/explorer.po translations/*/LC_MESSAGES/click.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: install run test test-a11y lint format translations extract-messages update-messages update-click-messages catalogue check \
        dist dist-check screenshots bench fuzz lock clean

$(STAMP): requirements.lock pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync -q --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

install: $(STAMP) translations  ## set everything up

run: install  ## open the program
	$(BIN)/explorer

# Bytecode is written while testing even where the machine says not to (PYTHONDONTWRITEBYTECODE):
# otherwise every worker and every `python -m explorer` the tests start compiles everything again.
test: install  ## run the whole test suite (what CI runs), in two parallel pytest-xdist workers
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n 2

test-a11y: install  ## accessibility: announcements, names, keyboard, and the real AT-SPI bus
	$(BIN)/python -m pytest -q tests/ui/test_accessibility.py tests/ui/test_keyboard.py tests/ui/test_atspi_bus.py

lint: install
	$(BIN)/ruff check explorer tests scripts
	$(BIN)/ruff format --check explorer tests scripts

format: install
	$(BIN)/ruff format explorer tests scripts

# --- translations (Babel): extract -> update -> translate the .po -> compile -------------------
translations: $(STAMP) $(MO_FILES)

translations/%/LC_MESSAGES/explorer.mo: translations/%/LC_MESSAGES/explorer.po
	$(BIN)/pybabel --quiet compile -D explorer -d translations -l $*

# click's own words (usage errors, "Usage:", "Options"), shown through Python's gettext (domain click)
translations/%/LC_MESSAGES/click.mo: translations/%/LC_MESSAGES/click.po
	$(BIN)/pybabel --quiet compile -D click -d translations -l $*

extract-messages: $(STAMP)
	$(BIN)/pybabel --quiet extract -F translations/babel.cfg -k _ -k ngettext:1,2 -k N_ -k Problem:2 \
	  --project="Seoul Services Explorer" --no-wrap -o translations/explorer.pot .

update-messages: extract-messages
	$(BIN)/pybabel --quiet update -D explorer -i translations/explorer.pot -d translations --no-wrap

update-click-messages: $(STAMP)  ## after click is upgraded: its messages again, new ones to translate
	$(BIN)/pybabel --quiet extract -k _ -k ngettext:1,2 --no-location --no-wrap --project=click \
	  -o translations/click/click.pot "$$($(BIN)/python -c 'import click, os; print(os.path.dirname(click.__file__))')"
	$(BIN)/pybabel --quiet update -D click -i translations/click/click.pot -d translations -l ko --no-wrap

# --- catalogue -------------------------------------------------------------------------------------
catalogue: install  ## build the SQLite catalogue from db/
	$(BIN)/explorer db build

check: install  ## check sources, quotes and the built catalogue
	$(BIN)/explorer db check

# --- packaging -------------------------------------------------------------------------------------
dist: install catalogue  ## one-folder PyInstaller build in dist/explorer, its biggest parts, its self-test
	$(BIN)/pyinstaller --noconfirm --clean build.spec
	$(BIN)/python scripts/dist_report.py dist/explorer --max-mb 200
	QT_QPA_PLATFORM=offscreen dist/explorer/explorer --self-test
	QT_QPA_PLATFORM=offscreen dist/explorer/explorer --self-test --easy

dist-check:  ## the package's report and self-tests again
	$(BIN)/python scripts/dist_report.py dist/explorer --max-mb 200
	QT_QPA_PLATFORM=offscreen dist/explorer/explorer --self-test
	QT_QPA_PLATFORM=offscreen dist/explorer/explorer --self-test --easy

screenshots: install  ## render every screen in Korean and English to docs/screenshots/*.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m explorer.ui.screenshots docs/screenshots

bench: install  ## start-up, search and screening benchmarks (print figures)
	QT_QPA_PLATFORM=offscreen $(BIN)/explorer bench startup
	$(BIN)/explorer bench search-quality
	$(BIN)/explorer bench search
	$(BIN)/explorer bench screen

# --- fuzzing: longer than CI's run of the same tests ----------------------------------------------
FUZZ_EXAMPLES ?= 5000
FUZZ_RUNS     ?= 2000
FUZZ_CORRUPTIONS ?= 1000
FUZZ_TESTS    := $(wildcard tests/core/test_input_fuzz.py) tests/core/test_profile.py tests/core/test_corruption.py \
                 tests/cli/test_bad_inputs.py

fuzz: install  ## hostile inputs at length: the fuzz tests with more examples, then random command lines
	EXPLORER_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) EXPLORER_CORRUPTIONS=$(FUZZ_CORRUPTIONS) \
	  $(BIN)/python -m pytest -q $(FUZZ_TESTS) -p no:cacheprovider
	$(BIN)/python scripts/fuzz_cli.py --runs $(FUZZ_RUNS)

lock:  ## re-resolve the lock file from pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_36 --generate-hashes -o requirements.lock -q

clean:
	rm -rf build dist screenshots .pytest_cache .ruff_cache $(MO_FILES)
