# Shuangshai — the two commands:
#   make run    install what is missing, build, create the demo database, serve on :8080
#   make test   install what is missing, build, run every test (unit, store, API, web, browser)
# Other targets: build, web, bench, fuzz, clean.

SHELL := /bin/bash
BUILD ?= build
DB ?= var/shuangshai.db
PORT ?= 8080
HOST ?= 127.0.0.1
JOBS ?= $(shell nproc)

CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=Release
ifeq ($(CI),true)
CMAKE_FLAGS += -DSHUANGSHAI_WERROR=ON
endif
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")

WEB_SOURCES := $(shell find web/src web/public web/index.html web/vite.config.ts web/scripts -type f 2>/dev/null)

.PHONY: run test build web deps deps-test bench fuzz clean cpp-test web-test browser-test

run: deps build web
	@mkdir -p $(dir $(DB))
	@if [ -f $(DB) ]; then \
	  echo "演示账号（用户名、密码、角色）："; \
	  cat $(dir $(DB))demo-accounts.txt 2>/dev/null || echo "  （没有找到 $(dir $(DB))demo-accounts.txt；可用 build/shuangshai user reset-password 重置密码）"; \
	else \
	  $(BUILD)/shuangshai init --db $(DB) --demo; \
	fi
	@echo ""
	@echo "公众页面：http://$(HOST):$(PORT)/"
	@echo "管理后台：http://$(HOST):$(PORT)/admin/login"
	@echo "按 Ctrl+C 停止"
	$(BUILD)/shuangshai serve --db $(DB) --host $(HOST) --port $(PORT)

test: deps-test build web cpp-test web-test browser-test
	@echo "make test: all suites passed"

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

$(BUILD)/build.ninja $(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) $(GENERATOR) $(CMAKE_FLAGS)

build: $(BUILD)/build.ninja
	cmake -S . -B $(BUILD) $(GENERATOR) $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

web/node_modules/.package-lock.json: web/package-lock.json web/package.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build

web: web/dist/index.html

cpp-test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

web-test: web/node_modules/.package-lock.json
	cd web && npm run typecheck && npm test

browser-test: build web
	scripts/browser-test.sh $(BUILD)/shuangshai

bench: build web
	bench/run.sh $(BUILD)/shuangshai

# libFuzzer on the parsers that take outside input, FUZZ_SECONDS each (clang, ASan, UBSan).
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/install-deps.sh fuzz
	CXX=clang++ cmake -S . -B build-fuzz $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSHUANGSHAI_FUZZ=ON >/dev/null
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
	rm -rf $(BUILD) build-fuzz web/dist
