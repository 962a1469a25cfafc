# The quick start (README): `make run` shows the main job, `make test` runs every test.
SWIFT ?= swift
PYTHON ?= /usr/bin/python3
FUZZ_SECONDS ?= 60
FUZZ_ICAL_SECONDS ?= 30

.PHONY: setup build run test fuzz bench clean

setup:
	@scripts/setup

build: setup
	$(SWIFT) build

# The main job: the service against a throwaway local Dovecot loaded with Fixtures/mail (scripts/demo); Ctrl-C stops it.
run: build
	scripts/demo

# The Python comparison runs before the Swift tests so that the test runner's summary is the last word; it must compare
# at least the 35 messages of Fixtures/mime and Fixtures/mail. scripts/swift-test ends with the skipped tests and why,
# then repeats the summary line. --no-parallel: on 2 cores the cooperative pool has 2 threads, and the IMAP and poll tests block theirs for a minute
# while they wait for Dovecot and crmservice subprocesses, starving every other test (3 min 15 s serial, 2 min 10 s
# in parallel, and flaky).
test: setup
	$(SWIFT) build --build-tests
	$(PYTHON) scripts/compare-python-email --min-files 35 --bin .build/debug/crmservice Fixtures/mime Fixtures/mail
	SWIFT=$(SWIFT) scripts/swift-test --skip-build --no-parallel
	SWIFT=$(SWIFT) scripts/swift-test-postgres --skip-build --no-parallel

fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_ICAL_SECONDS=$(FUZZ_ICAL_SECONDS) scripts/fuzz

bench: setup
	scripts/bench

clean:
	rm -rf .build .build-* fuzz-artifacts
