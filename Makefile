# zorgvuldig: build, demo, tests. `make help` lists the targets.
# Needs: cargo, the wasm32-unknown-unknown target, wasm-pack, wasm-bindgen-cli (same version as
# the wasm-bindgen pin in Cargo.toml), chromium + chromedriver, firefox-esr + geckodriver, node + npm
# (npm ci brings playwright-core, selenium-webdriver and binaryen's wasm-opt, as locked in
# package-lock.json). `.ci/run` installs them.

PORT        ?= 8000
CHROMEDRIVER ?= /usr/bin/chromedriver
PKG         := web/pkg/core
WASM        := $(PKG)/zorgvuldig_bg.wasm
WASM_OPT    := node_modules/.bin/wasm-opt
EXTRACT_PKG := web/pkg/extract
EXTRACT_WASM := $(EXTRACT_PKG)/zorgvuldig_extract_bg.wasm
# The .wasm may be at most this many bytes after gzip -9 (docs/performance.md).
WASM_GZIP_BUDGET := 290000

.PHONY: help wasm wasm-extract outlook-core outlook test-outlook extension deployment dist demo demo-build lint format test test-native test-wasm test-size test-e2e test-roundcube test-webmails test-firefox lint-firefox fuzz fuzz-smoke bench cli clean

# List the targets.
help:
	@echo "make wasm        build the core as WebAssembly into $(PKG)"
	@echo "make wasm-extract  build the attachment extractors (extract/) as their own Wasm module"
	@echo "make extension   build the loadable extension into dist/chrome/ and dist/firefox/"
	@echo "make outlook POLICY=policy.json BASE_URL=https://host/path [SEND_MODE=Block]"
	@echo "                 the Outlook add-in (manifest + one handler script) into dist/outlook/"
	@echo "make deployment  regenerate docs/deployment/ (policy templates) from its example-policy.json"
	@echo "make dist        packages into dist/packages/: Chrome/Edge zip, Firefox .xpi (unsigned), and with"
	@echo "                 ZORGVULDIG_CRX_KEY=key.pem (or ZORGVULDIG_CRX_KEY_PEM) a signed CRX3 + updates.xml"
	@echo "make demo        build the demo and serve web/ on http://127.0.0.1:$(PORT)/demo/ (PORT=... to change)"
	@echo "make demo-build  build what the demo needs (web/pkg, its scenario file); web/ then works from any static server"
	@echo "make lint        cargo fmt --check, clippy (native and Wasm), ESLint, Prettier --check and tsc on the JavaScript"
	@echo "make format      format the JavaScript with Prettier (.prettierrc)"
	@echo "make test        all tests: lint, native, Wasm boundary in headless Chromium, .wasm size budget,"
	@echo "                 browser end-to-end, Roundcube end-to-end, the Firefox build in Firefox ESR, web-ext lint"
	@echo "make test-outlook  the Outlook add-in's built script with an Office.js stand-in, with and"
	@echo "                 without WebAssembly, and its manifest (xmllint)"
	@echo "make test-roundcube  the extension on a real Roundcube with IMAP and SMTP on 127.0.0.1 (root)"
	@echo "make test-webmails  the generic adapter on Horde IMP and Roundcube's larry skin, the same way (root)"
	@echo "make test-firefox  the Firefox build in headless Firefox ESR, installed by policies.json (root)"
	@echo "make lint-firefox  web-ext lint of dist/firefox (no errors allowed)"
	@echo "make fuzz        fuzz every core target for FUZZ_SECONDS (default 300) each (docs/reliability.md)"
	@echo "make bench       the core (Wasm, native) against a plain-JavaScript peer on distinct-value mail;"
	@echo "                 Engine::analyze native and as Wasm in headless Chromium; the .wasm size;"
	@echo "                 the Outlook add-in's send check; the first check after a service-worker"
	@echo "                 restart in Chromium with the real extension; the extractors on a 2 MB"
	@echo "                 .docx and a 5 MB PDF, natively and as Wasm in Chromium (docs/performance.md)"
	@echo "make cli         release build of the command-line tool (target/release/zorgvuldig)"
	@echo "make clean       remove build output"

# Build the core as WebAssembly (ES module + .wasm) into web/pkg/core for every web package, then strip the
# function names (the "name" section, a quarter of the file) and the producers section with
# binaryen's wasm-opt from npm. wasm-pack's own wasm-opt step is off (Cargo.toml) because it
# downloads binaryen at build time. No -O: on this crate it makes the gzip size larger (see
# docs/performance.md). No -all either: the features come from the module's target_features section;
# -all lets binaryen write encodings that Node 20 and other engines reject.
wasm: node_modules/.package-lock.json
	wasm-pack build --target web --release --out-dir $(PKG)
	$(WASM_OPT) --strip-debug --strip-producers $(WASM) -o $(WASM).tmp
	mv $(WASM).tmp $(WASM)

# The core for the Outlook add-in (web/outlook/, docs/admin.md "Outlook"), in target/outlook/core/:
# the same crate built for WebAssembly 1.0, because classic Outlook's runtime may have an old engine
# and binaryen's wasm2js (which makes the pure-JavaScript build for a runtime without WebAssembly)
# translates neither reference types nor multi-value. -Ctarget-cpu=mvp keeps them out of the code;
# the target_features section is dropped before wasm-bindgen because the prebuilt std still lists
# them there (wasm-bindgen warns that the section is missing: expected), and wasm-opt lowers what
# std brings (bulk memory, sign extension, non-trapping float-to-int) to 1.0. Its own target dir:
# other RUSTFLAGS would rebuild the main one.
OUTLOOK_TARGET := target/outlook
OUTLOOK_CORE   := $(OUTLOOK_TARGET)/core
OUTLOOK_WASM   := $(OUTLOOK_TARGET)/wasm32-unknown-unknown/release/zorgvuldig.wasm
MVP_LOWERING   := --mvp-features --enable-bulk-memory --enable-bulk-memory-opt --enable-sign-ext \
  --enable-nontrapping-float-to-int --enable-mutable-globals --llvm-memory-copy-fill-lowering \
  --signext-lowering --llvm-nontrapping-fptoint-lowering
outlook-core: node_modules/.package-lock.json
	RUSTFLAGS=-Ctarget-cpu=mvp CARGO_TARGET_DIR=$(OUTLOOK_TARGET) \
	  cargo build --lib --release --target wasm32-unknown-unknown --no-default-features
	$(MAKE) --no-print-directory $(OUTLOOK_CORE)/core.js

$(OUTLOOK_CORE)/core.js: $(OUTLOOK_WASM)
	rm -rf $(OUTLOOK_CORE)
	mkdir -p $(OUTLOOK_CORE)/raw
	$(WASM_OPT) $< --strip-target-features -o $(OUTLOOK_CORE)/raw/zorgvuldig.wasm
	wasm-bindgen --target web --out-dir $(OUTLOOK_CORE) $(OUTLOOK_CORE)/raw/zorgvuldig.wasm
	$(WASM_OPT) $(OUTLOOK_CORE)/zorgvuldig_bg.wasm $(MVP_LOWERING) --strip-debug --strip-producers \
	  --strip-target-features -o $(OUTLOOK_CORE)/core.wasm
	node_modules/.bin/wasm2js $(OUTLOOK_CORE)/core.wasm -O -o $(OUTLOOK_CORE)/core.js.tmp
	mv $(OUTLOOK_CORE)/core.js.tmp $@

# The Outlook add-in for one organisation into dist/outlook/ (scripts/build-outlook.mjs): the
# manifest for BASE_URL (the organisation's HTTPS host; SEND_MODE SoftBlock or Block) and one
# handler script with POLICY baked in. A policy with errors is refused.
SEND_MODE ?= SoftBlock
outlook:
	@if [ -z "$(POLICY)" ] || [ -z "$(BASE_URL)" ]; then \
	  echo "usage: make outlook POLICY=policy.json BASE_URL=https://addins.example.nl/zorgvuldig [SEND_MODE=Block]" >&2; exit 2; fi
	$(MAKE) --no-print-directory outlook-core
	node scripts/build-outlook.mjs --policy "$(POLICY)" --base-url "$(BASE_URL)" --send-mode "$(SEND_MODE)"

# The add-in without Outlook (tests/outlook/): the built handler script with a stand-in for
# Office.js in a Node vm, with and without WebAssembly, and in headless Chromium; the manifest
# (xmllint). About 25 seconds.
test-outlook: outlook-core
	node --test --test-concurrency=1 tests/outlook/

# Build the extractors (extract/: the text inside attachments) as a Wasm module of their own into
# $(EXTRACT_PKG) (git-ignored, beside the core's web/pkg/core), stripped like the core. Not part of the
# core's .wasm or its budget: the extension compiles it only when the first attachment arrives
# (docs/attachments.md, docs/performance.md).
wasm-extract: node_modules/.package-lock.json
	cd extract && wasm-pack build --target web --release --out-dir ../$(EXTRACT_PKG)
	$(WASM_OPT) --strip-debug --strip-producers $(EXTRACT_WASM) -o $(EXTRACT_WASM).tmp
	mv $(EXTRACT_WASM).tmp $(EXTRACT_WASM)
	@echo "extractors: $$(wc -c < $(EXTRACT_WASM)) bytes raw, $$(gzip -9 -c $(EXTRACT_WASM) | wc -c) bytes gzip -9"

# Build the unpacked extension for Chrome/Edge and Firefox from web/extension/, the shared UI
# (web/shared/) and the Wasm packages (web/pkg/: the core and the extractors).
extension: wasm wasm-extract
	node scripts/build-extension.mjs

# The deployment templates in docs/deployment/ (Linux JSON, Windows .reg, macOS .mobileconfig,
# Firefox policies.json, Google Admin console), all from docs/deployment/example-policy.json.
# tests/deployment.rs fails when the committed templates differ from this output.
deployment:
	node scripts/deployment.mjs

# Package the built extension into dist/packages/ (scripts/package.mjs, docs/packages.md): the
# Chrome/Edge store zip, the unsigned Firefox .xpi, and, when ZORGVULDIG_CRX_KEY (path to the
# private key PEM) or ZORGVULDIG_CRX_KEY_PEM (its text) is set, a CRX3 signed with it and
# updates.xml (codebase under ZORGVULDIG_UPDATE_BASE; default the file:// URL of dist/packages).
# A key that does not match the manifest's public key (the fixed id) fails the build.
dist: extension
	node scripts/package.mjs

# Everything the demo (web/demo/) needs beyond its sources: the core and the extractors in
# web/pkg/, and the real file of the attachment-content scenario, written by scripts/build-demo.mjs
# from the test document its scenario names. The demo loads the shared warning dialog, indicator
# and texts from web/shared/ and the Wasm packages from web/pkg/ by relative paths, so web/ (or
# just its demo/, shared/ and pkg/) works from any static web server, offline.
demo-build: wasm wasm-extract
	node scripts/build-demo.mjs

# Build the demo, then serve web/ on 127.0.0.1 only (Ctrl+C stops); the demo is at /demo/.
# (The server prints the URL once it is listening.)
demo: demo-build
	@node scripts/serve.mjs --root web --open demo/ --port $(PORT)

# The code's own checks, first in `make test`: formatting (rustfmt.toml) and clippy with every
# warning an error, for the native build (library, CLI, tests, benches) and for the Wasm build;
# ESLint on every JavaScript file (eslint.config.mjs); Prettier's check of the JavaScript's format
# (.prettierrc, PRETTIER_FILES below; `make format` writes it); and TypeScript's checker on the
# JavaScript of web/ (tsconfig.json: plain scripts checked from their JSDoc, against the declarations wasm-bindgen
# writes for the core and the extractors, so both Wasm packages are built first).
lint: wasm wasm-extract node_modules/.package-lock.json
	cargo fmt --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features --lib --test wasm -- -D warnings
	node_modules/.bin/eslint .
	node_modules/.bin/prettier --check --log-level warn $(PRETTIER_FILES)
	node_modules/.bin/tsc -p tsconfig.json

# The JavaScript Prettier formats (.prettierrc; Prettier as locked in package-lock.json): the web
# packages, the build scripts, the tests and the benches. Git-ignored output (web/pkg, dist) is
# left out by Prettier itself.
PRETTIER_FILES := 'web/**/*.js' 'scripts/**/*.mjs' 'tests/**/*.{js,mjs}' 'benches/**/*.{js,mjs}' '*.mjs'

# Format that JavaScript in place.
format: node_modules/.package-lock.json
	node_modules/.bin/prettier --write --log-level warn $(PRETTIER_FILES)

# Everything; fails when any part fails.
test: lint test-native fuzz-smoke test-wasm test-size test-outlook test-e2e test-roundcube test-webmails test-firefox lint-firefox
	@echo "make test: all passed"

# Native unit, data-driven, property, CLI and doc tests, of the core and of the extractors
# (extract/: on the committed test attachments, and on a fresh LibreOffice conversion of them).
test-native:
	cargo test --workspace

# The Wasm boundary (tests/wasm.rs) and every data-driven case (tests/cases/) through the Wasm build,
# in headless Chromium via chromedriver (webdriver.json has the flags). The CLI feature is off because
# Cargo would otherwise build the native-only binary for wasm32. The runner's timeout covers the
# whole run (default 20 s; the cases take about 30 s in a debug build on a busy 2-core machine).
test-wasm:
	WASM_BINDGEN_TEST_TIMEOUT=300 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=$(CHROMEDRIVER) \
	  cargo test --target wasm32-unknown-unknown --no-default-features --test wasm

# The size budget of the .wasm: fails when gzip -9 of it passes WASM_GZIP_BUDGET bytes.
test-size: wasm
	@raw=$$(wc -c < $(WASM)); gz=$$(gzip -9 -c $(WASM) | wc -c); \
	  echo "wasm size ($(WASM)): raw $$raw bytes ($$((raw / 1024)) KiB), gzip -9 $$gz bytes ($$((gz / 1024)) KiB);" \
	    "budget $(WASM_GZIP_BUDGET) bytes gzip -9"; \
	  if [ "$$gz" -gt $(WASM_GZIP_BUDGET) ]; then \
	    echo "FAIL: $(WASM) is $$gz bytes after gzip -9, over the budget of $(WASM_GZIP_BUDGET) bytes" \
	      "by $$((gz - $(WASM_GZIP_BUDGET))) bytes (see docs/performance.md)" >&2; \
	    exit 1; \
	  fi; \
	  echo "ok: $$(($(WASM_GZIP_BUDGET) - gz)) bytes under the budget"

# Browser end-to-end tests of the demo page and of the real extension (node:test + playwright-core
# with Debian's chromium). The extension tests write a managed-policy file in
# /etc/chromium/policies/managed (root, as in CI) and remove it afterwards. One file at a time:
# Chromium reads every file in that directory, so two test files' policies must not meet.
test-e2e: demo-build extension node_modules/.package-lock.json
	node --test --test-concurrency=1 tests/e2e/

# The real extension on a real Roundcube (tests/roundcube/): Debian's roundcube 1.6 under php -S,
# dovecot with a test user and an SMTP server that stores what it receives, each on a free port on
# 127.0.0.1, started by the test and stopped by their own process ids. Needs root and the packages
# .ci/run installs (roundcube-core, roundcube-sqlite3, php-cli, dovecot-imapd). The test files one
# at a time (each starts its own servers and writes its own policy): the end-to-end cases (about a
# minute) and the randomised send trials (about two). About three minutes.
test-roundcube: extension node_modules/.package-lock.json
	node --test --test-concurrency=1 tests/roundcube/

# The generic adapter on real webmails that have no adapter of their own (tests/webmails/): Horde
# IMP (php-horde-imp) and Roundcube with its larry skin (roundcube-skin-larry), each started like
# the Roundcube stack (php -S, dovecot, the SMTP sink on 127.0.0.1). One to two minutes.
# Skipped, with a message, on a machine without those packages (.ci/run installs them).
WEBMAIL_PACKAGES := php-horde-imp roundcube-skin-larry roundcube-core dovecot-imapd
test-webmails: extension node_modules/.package-lock.json
	@missing=$$(for p in $(WEBMAIL_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; done); \
	  if [ -n "$$missing" ]; then echo "test-webmails: skipped, not installed: $$missing (bash .ci/run installs them)"; \
	  else node --test --test-concurrency=1 tests/webmails/; fi

# The Firefox build (dist/firefox) in Debian's headless Firefox ESR through geckodriver and
# selenium-webdriver (tests/firefox/): packaged as an .xpi and force-installed by the policies.json
# that scripts/deployment.mjs generates, written to /etc/firefox/policies/policies.json (root, as in
# CI) and removed afterwards; on the fixture webmails and on the real Roundcube of
# tests/roundcube/stack.mjs. One file at a time: each writes its own policies.json.
test-firefox: extension node_modules/.package-lock.json
	node --test --test-concurrency=1 tests/firefox/

# Mozilla's linter on the Firefox build (npm web-ext, locked in package-lock.json); errors fail,
# warnings are listed.
lint-firefox: extension node_modules/.package-lock.json
	NO_UPDATE_NOTIFIER=1 node_modules/.bin/web-ext lint --source-dir dist/firefox --no-input --no-config-discovery

# Fuzz the core (fuzz/, docs/reliability.md): each target for FUZZ_SECONDS with libFuzzer, starting
# from the committed seeds and regressions; what it learns stays in target/fuzz-corpus/, crashes go
# to fuzz/artifacts/. cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 allows them on stable.
# Overflow checks are on (not all debug assertions: mail-parser 0.11 has one that fails on input it
# handles in release builds, fuzz/known/); -timeout makes an input that takes 10 s a failure (a hang).
FUZZ_SECONDS ?= 300
FUZZ_TARGETS := policy analyze eml address pdf office text
# Where what the fuzzer learns is kept, and extra libFuzzer flags.
FUZZ_CORPUS ?= target/fuzz-corpus
FUZZ_FLAGS ?=
fuzz:
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_CORPUS)/$$target; \
	  echo "fuzz $$target for $(FUZZ_SECONDS) s"; \
	  RUSTC_BOOTSTRAP=1 RUSTFLAGS=-Coverflow-checks=on cargo fuzz run -O $$target $(FUZZ_CORPUS)/$$target \
	    $$(ls -d fuzz/seeds/$$target fuzz/regressions/$$target 2>/dev/null) \
	    -- -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 $(FUZZ_FLAGS) || exit 1; \
	done

# A short fuzz run of every target, as part of `make test`: from the committed seeds only and with
# a fixed libFuzzer seed, so it starts the same way on every machine and a failure can be replayed.
fuzz-smoke:
	rm -rf target/fuzz-smoke
	$(MAKE) fuzz FUZZ_SECONDS=10 FUZZ_CORPUS=target/fuzz-smoke FUZZ_FLAGS=-seed=1

# Install the node dev tools (playwright-core, binaryen) exactly as locked.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# The speed figures of docs/performance.md. First the headline: casework mail with distinct values
# (benches/corpus.mjs, written to target/bench/corpus/ for the native bench) through the core as
# Wasm and through a plain-JavaScript peer (benches/peer.mjs), interleaved in Node, with the native
# figures of the same corpus (benches/distinct.mjs). Then, as an extra, the older repeated-paragraph
# bench: Engine::analyze natively (benches/analyze.rs, which also writes target/bench/native.json)
# and as Wasm in headless Chromium (benches/wasm/), with the .wasm raw and gzip sizes; then the
# Outlook add-in's send check, cold and warm, with WebAssembly and with its JavaScript build
# (benches/outlook.mjs). Last, the first check after a service-worker restart, in Chromium with the
# real extension (benches/coldstart.mjs; it takes the browser tests' lock on Chromium's policy
# folder, as root).
# The extractors on a 2 MB .docx and a 5 MB, 50-page PDF, natively (extract/benches/extract.rs,
# which writes those inputs to target/bench/extract/), then the same files in headless Chromium
# through the extractors' Wasm module and the core, as the extension reads an attached file
# (benches/extract.mjs; target under 300 ms each).
# (Without the CLI feature: only the library is timed, and the binary need not build or link.)
bench: extension outlook-core node_modules/.package-lock.json
	node benches/distinct.mjs corpus
	cargo bench --bench analyze --no-default-features
	cargo bench -p zorgvuldig-extract --bench extract
	node benches/extract.mjs
	node benches/wasm/run.mjs
	node benches/outlook.mjs
	node benches/distinct.mjs
	node benches/coldstart.mjs

# Release build of the command-line tool.
cli:
	cargo build --release --bin zorgvuldig
	@echo "built target/release/zorgvuldig"

# Remove build output (Rust target dir, Wasm package, screenshots).
clean:
	cargo clean
	rm -rf web/pkg web/demo/files dist tests/e2e/screenshots
