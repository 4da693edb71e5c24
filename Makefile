# The two commands of the README. Both install what is missing first (scripts/deps.sh).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Outside the clone, so fresh clones and CI reuse one build; override to taste.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/lcs-account/target
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: help deps dev test bindings package perf

help:
	@echo "make dev       install what is missing, then run the app with tauri dev"
	@echo "make test      install what is missing, then run every check (as CI does)"
	@echo "make bindings  regenerate ui/src/bindings.ts after changing a command or event"
	@echo "make package   build the release app and its .deb (Linux); LCS_ENVIRONMENTS=FILE for an operator's"
	@echo "make perf      measure start-up, memory and size against a minimal Tauri app"

deps:
	@scripts/deps.sh

dev: deps
	npx tauri dev

test: deps
	@scripts/test.sh

# The app embeds the built UI, so it is built first.
bindings: deps
	npm run --silent build
	LCS_UPDATE_BINDINGS=1 cargo test --lib --features custom-protocol committed_bindings_match
	LCS_UPDATE_JSBRIDGE=1 cargo test -p lcs-core --test jsbridge_package

# LCS_ENVIRONMENTS=FILE makes an operator's build, shipping FILE's environments (docs/RELEASES.md):
# checked first, as the app will read it.
package: deps
	@if [ -n "$$LCS_ENVIRONMENTS" ]; then cargo run -q -p lcs-cli --bin lcs -- env check "$$LCS_ENVIRONMENTS"; fi
	npx tauri build --bundles deb

# cargo-bloat for the binary by crate; a throwaway display, D-Bus session and unlocked keyring,
# as for the end-to-end tests.
perf: deps
	cargo bloat --version >/dev/null 2>&1 || cargo install cargo-bloat --version 0.12.1 --locked --no-default-features
	keyrings=$$(mktemp -d) && XDG_DATA_HOME="$$keyrings" WEBKIT_DISABLE_COMPOSITING_MODE=1 \
	  xvfb-run --auto-servernum --server-args="-screen 0 1280x1024x24" \
	  dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && node scripts/perf/run.mjs'; \
	  status=$$?; rm -rf "$$keyrings"; exit $$status
