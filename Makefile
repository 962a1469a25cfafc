# The quick start (README): `make run` shows the main job, `make test` runs every test.
SWIFT ?= swift
FUZZ_SECONDS ?= 60

.PHONY: setup build run test fuzz bench clean

setup:
	@scripts/setup

build: setup
	$(SWIFT) build

# The main job: the service against a throwaway local Dovecot loaded with Fixtures/mail (scripts/demo); Ctrl-C stops it.
run: build
	scripts/demo

# The Python comparison runs before the Swift tests so that the test runner's summary is the last word.
test: setup
	$(SWIFT) build --build-tests
	python3 scripts/compare-python-email --bin .build/debug/crmservice Fixtures/mime Fixtures/mail
	$(SWIFT) test --skip-build

fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz

bench: setup
	scripts/bench

clean:
	rm -rf .build .build-* fuzz-artifacts
