#!/usr/bin/env bash
# Installs what `make dev` and `make test` need and is missing; fast when nothing is.
# Never half-installs: it lists what is missing first, and stops with the exact command to run
# when it cannot install it itself (no apt, not root and no sudo).
set -euo pipefail

TAURI_DRIVER_VERSION=2.1.0
NODE_MIN=20.19.0

# Build: Tauri's WebKitGTK stack. Run and test: WebDriver, a virtual display, D-Bus, the Secret
# Service, imagemagick for screenshots of the whole screen, xdotool to answer the system's file
# dialogs (and x11-utils to find the screen's root window, which takes the focus from the app),
# Python's D-Bus and GLib bindings for the stand-in notification service of the end-to-end tests,
# the desktop's own tools that find the handler of lcs:// links once the .deb is installed, and a
# font with Chinese (without one, zh-CN screens show boxes).
DEB_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev libssl-dev
  webkit2gtk-driver xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools imagemagick xdotool
  x11-utils python3-dbus python3-gi
  xdg-utils desktop-file-utils fonts-noto-cjk
  clang libc6-dev-arm64-cross llvm gcc-mingw-w64-x86-64
)

# Lint the code of other platforms (scripts/clippy-target.sh): the C code of ring and SQLite is
# compiled for Android, iOS and macOS by clang against arm64 headers (llvm-ar archives it for
# Android) and for Windows by mingw-w64, the Debian packages on the last line above.
RUST_TARGETS=(aarch64-linux-android x86_64-pc-windows-gnu aarch64-apple-ios aarch64-apple-darwin)

say() { printf '\033[1;34m[deps]\033[0m %s\n' "$*"; }
fail() {
  printf '\033[1;31m[deps] %s\033[0m\n' "$*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    return 127
  fi
}

version_at_least() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

debian_packages() {
  local missing=()
  for package in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "missing Debian packages: ${missing[*]}"
  local install="apt-get install -y --no-install-recommends ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    fail "no apt-get here: install the equivalents of these packages, then run make again: ${missing[*]}"
  fi
  if ! as_root true 2>/dev/null; then
    fail "not root and no sudo: run 'sudo apt-get update && sudo $install', then make again"
  fi
  as_root apt-get update -q || fail "apt-get update failed; nothing was installed"
  as_root env DEBIAN_FRONTEND=noninteractive $install ||
    fail "apt-get install failed; run '$install' by hand to see why"
}

rust_toolchain() {
  command -v cargo >/dev/null 2>&1 ||
    fail "no Rust toolchain: install rustup (https://rustup.rs), then run make again"
  local components=()
  cargo fmt --version >/dev/null 2>&1 || components+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || components+=(clippy)
  if [ ${#components[@]} -gt 0 ]; then
    say "adding Rust components: ${components[*]}"
    command -v rustup >/dev/null 2>&1 || fail "cargo lacks ${components[*]} and there is no rustup to add them"
    rustup component add "${components[@]}"
  fi
}

rust_targets() {
  local installed missing=()
  installed=$(rustup target list --installed 2>/dev/null || true)
  for target in "${RUST_TARGETS[@]}"; do
    grep -qx "$target" <<<"$installed" || missing+=("$target")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "adding Rust targets: ${missing[*]}"
  command -v rustup >/dev/null 2>&1 ||
    fail "no rustup to add the Rust targets ${missing[*]}: install rustup (https://rustup.rs), then run make again"
  rustup target add "${missing[@]}"
}

node_toolchain() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
    fail "no Node.js: install Node.js $NODE_MIN or newer with npm, then run make again"
  local have
  have=$(node --version | sed 's/^v//')
  version_at_least "$have" "$NODE_MIN" ||
    fail "Node.js $have is too old for Vite: install $NODE_MIN or newer, then run make again"
  # package-lock.json is the truth; reinstall when it changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages"
    npm ci --no-audit --no-fund
  fi
}

tauri_driver() {
  # tauri-driver has no --version; cargo's own record of installed binaries says which one we have.
  if ! cargo install --list | grep -qx "tauri-driver v$TAURI_DRIVER_VERSION:"; then
    say "installing tauri-driver $TAURI_DRIVER_VERSION"
    cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked
  fi
}

cd "$(dirname "$0")/.."
debian_packages
rust_toolchain
rust_targets
node_toolchain
tauri_driver
