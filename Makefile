# orderintake: `make run` sets everything up and runs the main job on the bundled samples;
# `make test` sets everything up and runs ruff, mypy and pytest.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
APT_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa \
	tesseract-ocr-ita tesseract-ocr-por tesseract-ocr-nld tesseract-ocr-chi-sim tesseract-ocr-osd \
	poppler-utils fonts-noto-cjk fonts-dejavu-core fonts-wqy-microhei
RUN_DIR ?= run-output
export OMP_THREAD_LIMIT := 1

.PHONY: setup system-deps venv run test lint typecheck unit samples bench clean

setup: system-deps venv

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(UV):
	python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv

# Byte-compile at install time: with PYTHONDONTWRITEBYTECODE set (common in containers and CI), every start
# would otherwise compile every imported module from source (about a second of `orderintake extract`).
venv: $(UV)
	@UV_BIN=$$(command -v uv || echo $(UV)); $$UV_BIN sync --frozen --quiet --compile-bytecode
	@$(PY) -m compileall -q -j 0 models extractors validators pipeline flows >/dev/null

run: setup
	$(VENV)/bin/orderintake process sample_docs/*/input.* --out $(RUN_DIR)
	$(VENV)/bin/orderintake evaluate sample_docs

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck:
	$(VENV)/bin/mypy

unit:
	$(VENV)/bin/pytest -n 2 --dist loadgroup --timeout 600

test: setup lint typecheck unit

samples: setup
	$(PY) sample_docs/generate.py

bench: setup
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) $(RUN_DIR) .mypy_cache .ruff_cache .pytest_cache
