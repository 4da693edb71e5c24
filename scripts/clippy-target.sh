#!/usr/bin/env bash
# Lints the workspace as it compiles for another platform: `scripts/clippy-target.sh <triple>`.
# Nothing is linked, so no NDK, Xcode or Windows SDK is needed, only a C compiler for the C code of
# ring and the bundled SQLite. The C toolchain each target needs is set here and nowhere else.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/clippy-target.sh <target triple>}

case "$target" in
  aarch64-linux-android)
    # No NDK: Debian's clang with the arm64 glibc headers compiles the same C code (API level 24,
    # the lowest Tauri supports).
    export CC_aarch64_linux_android=clang
    export CFLAGS_aarch64_linux_android="--target=aarch64-linux-android24 --sysroot=/usr/aarch64-linux-gnu -isystem /usr/aarch64-linux-gnu/include -D__ANDROID_API__=24"
    export AR_aarch64_linux_android=llvm-ar
    ;;
  aarch64-apple-ios | aarch64-apple-darwin)
    # No Xcode: the SDK is a folder holding the one Apple header ring includes, the rest of the C
    # headers are Debian's arm64 glibc ones (clang predefines glibc's __nonnull as a nullability
    # keyword for Apple targets, hence the -U), and the bundled SQLite compiles its generic Unix
    # code, since its Apple code wants headers glibc lacks.
    export SDKROOT="$PWD/scripts/apple-sdk"
    export "CC_${target//-/_}"=clang
    export "CFLAGS_${target//-/_}"="-isystem /usr/aarch64-linux-gnu/include -U__nonnull"
    export LIBSQLITE3_FLAGS="-U__APPLE__"
    ;;
  x86_64-pc-windows-gnu)
    # cc-rs finds Debian's mingw-w64 (x86_64-w64-mingw32-gcc) by itself.
    ;;
  *)
    echo "scripts/clippy-target.sh: no C toolchain set up for $target" >&2
    exit 2
    ;;
esac

cargo clippy --workspace --all-targets --target "$target" --features lcs-account/custom-protocol -- -D warnings
