# The two commands of the README: `make demo` and `make test`. Each installs what is missing
# (Debian 12 packages, as root), builds (Release, ccache when present) and runs.
# `make test` runs the whole suite twice, in the release build and under ASan + UBSan (leak
# detection on), then runs every fuzz target briefly (FUZZ_SECONDS each).
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 45
JOBS ?= $(shell nproc)
export ASAN_OPTIONS ?= detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1

.PHONY: deps build build-asan build-fuzz demo test test-release test-asan fuzz bench clean

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release > /dev/null
	@cmake --build $(BUILD) -j$(JOBS)

build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DOMBUD_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" > /dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS)

build-fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) -DOMBUD_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-15 \
	  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" > /dev/null
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) --target ombud_fuzzers

demo: build
	@$(BUILD)/gateway/ombud demo -c config/ombud.yaml

test: test-release test-asan fuzz

test-release: build
	@cd $(BUILD) && ctest --output-on-failure -j2 --timeout 300

test-asan: build-asan
	@cd $(ASAN_BUILD) && ctest --output-on-failure -j2 --timeout 600

fuzz: build-fuzz
	@tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: build
	@bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
