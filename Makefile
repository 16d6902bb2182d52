# runbook: build, test and run. `make help` lists the targets.
# The logic lives in scripts/ so that CI (.ci/run) and people run exactly the same steps.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

SWIFT ?= swift
RUNBOOKS ?= runbooks
OUT ?= out
# Extra arguments for `swift test`, e.g. make test TEST_ARGS='--filter RunbookSQLTests'
TEST_ARGS ?=
# Seconds per fuzz target for `make fuzz`
FUZZ_SECONDS ?= 300
LINT_PATHS := Sources Tests

export SWIFT RUNBOOKS OUT FUZZ_SECONDS

.PHONY: help setup build release run test lint format clean bench bench-verify fuzz install dist
PREFIX ?= /usr/local

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{ printf "  make %-8s %s\n", $$1, $$2 }'

setup: ## Install missing system packages (cmark-gfm, PostgreSQL 15, chromium, pkg-config, jsonschema)
	scripts/setup.sh

build: setup ## Debug build of everything
	$(SWIFT) build -c debug

release: setup ## Release build of runbook and runbook-verify (static runtime; see scripts/build-release.sh)
	scripts/build-release.sh

run: setup ## Release build, then compile and check runbooks/ into out/ and say where the results are
	scripts/run.sh

install: setup ## Install both executables, man pages and bash/zsh/fish completions under PREFIX (default /usr/local; DESTDIR honoured)
	scripts/install.sh "$(PREFIX)"

dist: setup ## Release archive dist/runbook-VERSION-linux-ARCH.tar.gz (+ .sha256) that needs no Swift and no libcmark-gfm
	scripts/dist.sh

test: ## Build tests with warnings as errors and run them against a throwaway PostgreSQL
	scripts/test.sh $(TEST_ARGS)

fuzz: setup ## Run each libFuzzer target (Fuzz/) for FUZZ_SECONDS; findings go to fuzz-out/artifacts
	scripts/fuzz.sh

lint: ## swift format lint --strict with .swift-format
	$(SWIFT) format lint --strict --recursive --parallel $(LINT_PATHS)

format: ## Rewrite Sources and Tests in place with swift format
	$(SWIFT) format format --in-place --recursive --parallel $(LINT_PATHS)

clean: ## Stop a leftover test cluster; remove .build, .build-pg and out
	scripts/postgres.sh stop
	rm -rf .build .build-pg $(OUT) dist

bench: setup ## Release build, then runbook check next to cmark-gfm and sqlfluff (corpus, AWS examples, synthetic trees), bad input, a callgrind profile
	python3 -m pip show sqlfluff >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check sqlfluff
	command -v valgrind >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq valgrind; \
		else sudo apt-get install -y -qq valgrind; fi; } || echo "bench: valgrind not installed; the callgrind profile is skipped"
	bin="$$(scripts/build-release.sh)" && python3 scripts/bench/run.py "$$bin/runbook" $(BENCH_ARGS)
	$(MAKE) bench-verify

bench-verify: setup ## Release build, then runbook verify on 100,000 tables and 10,000 roles (throwaway cluster)
	bin="$$(scripts/build-release.sh)" && env_file="$$(scripts/postgres.sh start)" && \
	trap 'scripts/postgres.sh stop "$$(dirname "$$env_file")"' EXIT && . "$$env_file" && \
	scripts/bench/verify-large-catalog.sh measure "$$bin/runbook"
