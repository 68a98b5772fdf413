# zorgvuldig: build, demo, tests. `make help` lists the targets.
# Needs: cargo, the wasm32-unknown-unknown target, wasm-pack, wasm-bindgen-cli (same version as
# the wasm-bindgen pin in Cargo.toml), chromium + chromedriver, node + npm. `.ci/run` installs them.

PORT        ?= 8000
CHROMEDRIVER ?= /usr/bin/chromedriver
PKG         := www/pkg
WASM        := $(PKG)/zorgvuldig_bg.wasm

.PHONY: help wasm demo test test-native test-wasm test-e2e bench cli clean

# List the targets.
help:
	@echo "make wasm        build the core as WebAssembly into $(PKG)"
	@echo "make demo        build and serve www/ on http://127.0.0.1:$(PORT)/ (PORT=... to change)"
	@echo "make test        all tests: native, Wasm boundary in headless Chromium, browser end-to-end"
	@echo "make bench       native benchmark of Engine::analyze, plus the .wasm size"
	@echo "make cli         release build of the command-line tool (target/release/zorgvuldig)"
	@echo "make clean       remove build output"

# Build the core as WebAssembly (ES module + .wasm) into www/pkg for the demo page.
wasm:
	wasm-pack build --target web --release --out-dir $(PKG)

# Build what the demo needs, then serve www/ on 127.0.0.1 only (Ctrl+C stops).
# (The server prints the URL once it is listening.)
demo: wasm
	@node scripts/serve.mjs --root www --port $(PORT)

# Everything; fails when any part fails.
test: test-native test-wasm test-e2e
	@echo "make test: all passed"

# Native unit, data-driven, property, CLI and doc tests.
test-native:
	cargo test

# The Wasm boundary (tests/wasm.rs) in headless Chromium via chromedriver (webdriver.json has the flags).
# The CLI feature is off because Cargo would otherwise build the native-only binary for wasm32.
test-wasm:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=$(CHROMEDRIVER) \
	  cargo test --target wasm32-unknown-unknown --no-default-features --test wasm

# Browser end-to-end tests of the demo page (node:test + playwright-core with Debian's chromium).
test-e2e: wasm node_modules/.package-lock.json
	node --test tests/e2e/

# Install the node dev tools (playwright-core) exactly as locked.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# Time Engine::analyze natively on 1 KB..1 MB bodies and large policies, then the .wasm size.
# (Without the CLI feature: only the library is timed, and the binary need not build or link.)
bench: wasm
	cargo bench --bench analyze --no-default-features
	@raw=$$(wc -c < $(WASM)); gz=$$(gzip -9 -c $(WASM) | wc -c); \
	  echo ""; echo "wasm size ($(WASM), no wasm-opt):"; \
	  echo "  raw:  $$raw bytes ($$((raw / 1024)) KiB)"; \
	  echo "  gzip: $$gz bytes ($$((gz / 1024)) KiB, gzip -9)"

# Release build of the command-line tool.
cli:
	cargo build --release --bin zorgvuldig
	@echo "built target/release/zorgvuldig"

# Remove build output (Rust target dir, Wasm package, screenshots).
clean:
	cargo clean
	rm -rf $(PKG) tests/e2e/screenshots
