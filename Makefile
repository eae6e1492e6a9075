# Summit Planner. `make run` builds everything and serves the demo summit;
# `make test` runs every test (Go with the race detector, a short run of each
# fuzz target, the SPA's unit tests, its bundle budget and the browser tests).
GO        ?= go
BENCHTIME ?= 1x
FUZZTIME  ?= 60s

export CGO_ENABLED = 1

.PHONY: all build run test test-go test-frontend bench bench-http soak fuzz fuzz-short lint frontend clean

all: build

build: frontend
	$(GO) build -trimpath -o bin/summit ./cmd/summit

# The SPA, built into frontend/dist and embedded into the binary.
frontend: frontend/node_modules/.installed
	cd frontend && npm run build

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

# The server reads every SUMMIT_* variable from the environment as it comes
# (CONTRACT section 1; SUMMIT_ADDR defaults to 127.0.0.1:8080); the demo is on
# unless SUMMIT_DEMO says otherwise.
run: build
	SUMMIT_DEMO=$${SUMMIT_DEMO:-1} ./bin/summit serve

test: build test-go test-frontend

# PostgreSQL tests run too when SUMMIT_TEST_POSTGRES_URL is set. Calendars are
# read back with ical.js (tools/icalcheck), so those tests never skip here.
test-go: lint tools/icalcheck/node_modules/.installed
	SUMMIT_REQUIRE_ICALJS=1 $(GO) test -race -count=1 -timeout 30m ./...
	@$(MAKE) --no-print-directory fuzz-short

tools/icalcheck/node_modules/.installed: tools/icalcheck/package.json tools/icalcheck/package-lock.json
	cd tools/icalcheck && npm ci --no-audit --no-fund
	touch $@

test-frontend:
	cd frontend && npm test && npm run budget && SUMMIT_BIN=$(CURDIR)/bin/summit npm run e2e

# The fuzz targets, as package:Target. Their seeds (f.Add and testdata/fuzz)
# run as ordinary tests in `go test ./...`; `go test -fuzz` fuzzes one target
# per run. New inputs it finds stay in `go env GOCACHE`/fuzz; commit the
# interesting ones to the package's testdata/fuzz/<Target>/.
FUZZ_TARGETS = ./api:FuzzBindJSON ./api:FuzzTimeParam ./domain:FuzzWriteCalendar ./domain:FuzzSummitTimes ./repository:FuzzCursor ./importer:FuzzReadCSV ./importer:FuzzReadXLSX

# Each target for FUZZTIME (60s by default).
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		echo "--- fuzz $${t#*:} ($${t%%:*}) for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$${t#*:}\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10s $${t%%:*} || exit 1; \
	done

# Each target for 3 s: part of `make test`.
fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=3s

bench: build
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...

# Reads over HTTP against the raw yardstick (tools/rawagenda), on the demo and
# on the demo with 10,000 more meetings: requests/s, p50 and p99 (README "How
# fast"). BENCH_HTTP_FLAGS: e.g. -c 32 -d 5s -sets 0,10000.
BENCH_HTTP_FLAGS ?=
bench-http: build
	$(GO) build -o bin/rawagenda ./tools/rawagenda
	$(GO) build -o bin/loadgen ./tools/loadgen
	./bin/loadgen -summit bin/summit -raw bin/rawagenda $(BENCH_HTTP_FLAGS)

# The crash test of cmd/summit (make test runs 3 cycles) for SOAK_CYCLES
# cycles: a real server killed with SIGKILL amid bookings, restarted, checked.
SOAK_CYCLES ?= 25
soak: frontend
	SUMMIT_SOAK_CYCLES=$(SOAK_CYCLES) $(GO) test -count=1 -v -timeout 30m -run '^TestDurabilityUnderSIGKILL$$' ./cmd/summit

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	@$(GO) mod tidy -diff >/dev/null || { echo "go mod tidy would change go.mod or go.sum: run it and commit"; exit 1; }
	$(GO) vet ./...

clean:
	rm -rf bin frontend/dist
