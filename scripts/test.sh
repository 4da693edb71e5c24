#!/usr/bin/env bash
# Everything `make test` checks, in order, stopping at the first failure with its name.
set -euo pipefail
cd "$(dirname "$0")/.."

# The end-to-end tests drive a binary that serves the bundled UI (what `tauri build` makes). Every
# cargo step uses the same feature set so the workspace is compiled once, not once per step.
FEATURES=(--features lcs-account/custom-protocol)

current=""
step() {
  current="$1"
  printf '\n\033[1;34m==> %s\033[0m\n' "$current"
}
trap 'status=$?; [ $status -eq 0 ] || printf "\n\033[1;31mmake test failed at: %s (exit %s)\033[0m\n" "$current" "$status" >&2' EXIT

step "rustfmt"
cargo fmt --all --check

step "UI build (embedded in the app)"
npm run --silent build

step "clippy"
cargo clippy --workspace --all-targets "${FEATURES[@]}" -- -D warnings

# Code behind a cfg for another system (each system's credential store, the phones' H5 host) is
# compiled and linted here too, without linking: scripts/clippy-target.sh sets each C toolchain.
step "clippy for Android (aarch64-linux-android)"
scripts/clippy-target.sh aarch64-linux-android

step "clippy for Windows (x86_64-pc-windows-gnu)"
scripts/clippy-target.sh x86_64-pc-windows-gnu

step "clippy for iOS (aarch64-apple-ios)"
scripts/clippy-target.sh aarch64-apple-ios

step "clippy for macOS (aarch64-apple-darwin)"
scripts/clippy-target.sh aarch64-apple-darwin

step "Rust tests (with the bindings freshness check)"
cargo test --workspace "${FEATURES[@]}"

# The ignored keychain test needs a session bus and an unlocked Secret Service, which a plain
# `cargo test` does not have: give it both, with a throwaway keyring in a throwaway data folder
# so a developer's own login keyring is never touched.
step "keychain against the real Secret Service"
keyrings=$(mktemp -d)
XDG_DATA_HOME="$keyrings" dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && cargo test --workspace "$@" --test keychain -- --include-ignored' sh "${FEATURES[@]}"
rm -rf "$keyrings"

step "GitHub workflow schema"
npx --no-install action-validator .github/workflows/*.yml

step "documents: links resolve, the README stays short"
npm run --silent test:docs

step "vue-tsc"
npm run --silent typecheck

step "vitest"
npm run --silent test

step "the bridge script and the typed client, against the official libraries' calls (jsdom)"
npm run --silent test:bridge

# The journey reads back what it changed through the command-line client, built alongside.
step "end-to-end: build the app and lcs"
cargo build "${FEATURES[@]}" -p lcs-account -p lcs-cli --bin lcs-account --bin lcs

# The app keeps sessions in the Secret Service, as on a desktop: a throwaway unlocked keyring.
step "end-to-end: the real app under Xvfb and D-Bus"
keyrings=$(mktemp -d)
XDG_DATA_HOME="$keyrings" WEBKIT_DISABLE_COMPOSITING_MODE=1 \
  xvfb-run --auto-servernum --server-args="-screen 0 1280x1024x24" \
  dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && npm run --silent e2e'
rm -rf "$keyrings"

step "package: the .deb installs, opens an lcs:// link and uninstalls"
scripts/deb-test.sh

current=""
printf '\n\033[1;32mmake test: all checks passed\033[0m\n'
