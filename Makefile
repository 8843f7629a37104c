# Shuangshai — the two commands:
#   make run    install what is missing, build the server and the web app, create the demo
#               database, serve on :8080
#   make test   install what is missing (also the test-only packages), build everything, run
#               every test (unit, store, API, web, browser); with CI=true also the C++ tests
#               under AddressSanitizer + UBSan (make asan)
# Other targets: server, build, web, asan, bench, fuzz, clean.

SHELL := /bin/bash
BUILD ?= build
ASAN_BUILD ?= build-asan
DB ?= var/shuangshai.db
PORT ?= 8080
HOST ?= 127.0.0.1
JOBS ?= $(shell nproc)

CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=Release
ifeq ($(CI),true)
CMAKE_FLAGS += -DSHUANGSHAI_WERROR=ON
endif
# Always Ninja: scripts/install-deps.sh installs ninja-build before anything is configured,
# and scripts/configure.sh starts afresh a build directory made by another generator.
CONFIGURE := scripts/configure.sh
TIMED := scripts/timed.sh

WEB_SOURCES := $(shell find web/src web/public web/index.html web/vite.config.ts web/scripts -type f 2>/dev/null)

.PHONY: run test server build web deps deps-test bench fuzz clean cpp-test web-test browser-test asan asan-ci configure

run: deps server web
	@mkdir -p $(dir $(DB))
	@if [ -f $(DB) ]; then \
	  echo "演示账号（用户名、密码、角色）："; \
	  cat $(dir $(DB))demo-accounts.txt 2>/dev/null || echo "  （没有找到 $(dir $(DB))demo-accounts.txt；可用 build/shuangshai user reset-password 重置密码）"; \
	else \
	  $(BUILD)/shuangshai init --db $(DB) --demo --demo-showcases 6; \
	fi
	@echo ""
	@echo "公众页面：http://$(HOST):$(PORT)/"
	@echo "管理后台：http://$(HOST):$(PORT)/admin/login"
	@echo "按 Ctrl+C 停止"
	$(BUILD)/shuangshai serve --db $(DB) --host $(HOST) --port $(PORT)

TEST_STAGES := build web cpp-test web-test browser-test
ifeq ($(CI),true)
TEST_STAGES += asan-ci
endif
test: deps-test
	@times=$$(mktemp); trap 'rm -f "$$times"' EXIT; \
	for stage in $(TEST_STAGES); do \
	  STAGE_TIMES=$$times $(TIMED) $$stage $(MAKE) --no-print-directory $$stage || exit 1; \
	done; \
	echo "make test: all suites passed; seconds per stage:"; sed 's/^/  /' "$$times"

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

# Configured on every call (quick when nothing changed), after deps have installed ninja.
configure:
	@$(CONFIGURE) $(BUILD) $(CMAKE_FLAGS)

# Only the server binary: what make run needs (no tests, no benchmarks).
server: configure
	cmake --build $(BUILD) -j $(JOBS) --target shuangshai

build: configure
	cmake --build $(BUILD) -j $(JOBS)

web/node_modules/.package-lock.json: web/package-lock.json web/package.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build

web: web/dist/index.html

cpp-test: build
	cd $(BUILD) && ctest --output-on-failure --no-tests=error -j $(JOBS)

# The C++ tests (core, store, http, and the API tests against an ASan-built server) under
# AddressSanitizer and UBSan, in their own build directory.
ASAN_TARGETS := core_tests store_tests http_tests api_tests sms_tests report_tests shuangshai
ASAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ASAN_CONFIGURE = @$(CONFIGURE) $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" -DSHUANGSHAI_SANITIZE=ON -DSHUANGSHAI_BENCH=OFF
asan: deps-test
	$(ASAN_CONFIGURE)
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target $(ASAN_TARGETS)
	cd $(ASAN_BUILD) && $(ASAN_ENV) ctest --output-on-failure --no-tests=error -j $(JOBS)

# What CI runs under the sanitizers on every submission: the domain and the store (the writer
# thread, its queue and its callbacks, the conformance suite's concurrent writers). A sanitized
# build of the whole server takes ~30 minutes on 2 cores; `make asan` runs that before a release.
asan-ci: deps-test
	$(ASAN_CONFIGURE)
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target core_tests store_tests
	cd $(ASAN_BUILD) && $(ASAN_ENV) ./tests/core_tests --gtest_brief=1 && $(ASAN_ENV) ./tests/store_tests --gtest_brief=1

web-test: web/node_modules/.package-lock.json
	cd web && npm run typecheck && npm test

browser-test: build web
	scripts/browser-test.sh $(BUILD)/shuangshai

bench: deps-test build web
	bench/run.sh $(BUILD)/shuangshai

# libFuzzer on the parsers that take outside input, FUZZ_SECONDS each (clang, ASan, UBSan).
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/install-deps.sh fuzz
	CXX=clang++ $(CONFIGURE) build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSHUANGSHAI_FUZZ=ON
	cmake --build build-fuzz -j $(JOBS)
	@mkdir -p build-fuzz/corpus/csv build-fuzz/corpus/campaign build-fuzz/corpus/http
	@cp data/demo/wuhai-2022-roster.csv build-fuzz/corpus/csv/
	@cp data/demo/wuhai-2022.json build-fuzz/corpus/campaign/
	@printf 'bytes=0-499' > build-fuzz/corpus/http/range
	@printf '/api/v1/campaigns/1/candidates?q=%%E6%%96%%B0&page=2' > build-fuzz/corpus/http/target
	build-fuzz/fuzz/csv_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 build-fuzz/corpus/csv
	build-fuzz/fuzz/campaign_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 build-fuzz/corpus/campaign
	build-fuzz/fuzz/http_fuzz -max_total_time=$(FUZZ_SECONDS) build-fuzz/corpus/http
	build-fuzz/fuzz/staff_body_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz web/dist
