# The two commands of the README: `make demo` and `make test`. Each installs what is missing
# (Debian 12 packages, as root), builds (Release, ccache when present) and runs.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: deps build demo test bench clean

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release > /dev/null
	@cmake --build $(BUILD) -j$(JOBS)

demo: build
	@$(BUILD)/gateway/ombud demo -c config/ombud.yaml

test: build
	@cd $(BUILD) && ctest --output-on-failure -j2 --timeout 300

bench: build
	@bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
