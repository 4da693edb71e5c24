#!/usr/bin/env bash
# The .deb as a user gets it, on this machine's own filesystem: built by `make package`,
# installed with apt, registered for lcs:// links, started by a link under Xvfb, and removed
# without leftovers. Skipped, with the reason, where packages cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE=lcs-account
BINARY=/usr/bin/lcs-account

say() { printf '\033[1;34m[deb]\033[0m %s\n' "$*"; }
fail() {
  printf '\033[1;31m[deb] %s\033[0m\n' "$*" >&2
  exit 1
}
skip() {
  say "skipped: $*"
  exit 0
}
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

command -v apt-get >/dev/null 2>&1 || skip "no apt-get on this machine"
as_root true 2>/dev/null || skip "installing a package needs root or passwordless sudo"
if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q 'install ok installed'; then
  skip "$PACKAGE is already installed here, and this test would remove it"
fi

say "building the release app and its .deb (make package)"
npx tauri build --bundles deb
deb=$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -n1)
say "$(basename "$deb"): $(du -h "$deb" | cut -f1)"
# Without a Secret Service sessions stay in memory; without a Chinese font zh-CN shows boxes.
for recommended in gnome-keyring fonts-noto-cjk; do
  dpkg-deb -f "$deb" Recommends | grep -qw "$recommended" || fail "the .deb does not recommend $recommended"
done

# xdg-mime must see the system's registration only, not a developer's own handlers.
xdg_home=$(mktemp -d)
handler() {
  HOME="$xdg_home" XDG_CONFIG_HOME="$xdg_home/config" XDG_DATA_HOME="$xdg_home/data" \
    xdg-mime query default x-scheme-handler/lcs 2>/dev/null || true
}
cleanup() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y --purge "$PACKAGE" >/dev/null 2>&1 || true
  rm -rf "$xdg_home"
}
trap cleanup EXIT

say "installing with apt, which resolves its dependencies"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb" >/dev/null
[ -x "$BINARY" ] || fail "$BINARY is missing after the install"
desktop=$(dpkg -L "$PACKAGE" | grep '^/usr/share/applications/.*\.desktop$' | head -n1)
[ -n "$desktop" ] || fail "the package installs no desktop entry"
grep -q '^MimeType=.*x-scheme-handler/lcs;' "$desktop" || fail "$desktop does not claim lcs:// links"
grep -Eq '^Exec=.* %[uU]' "$desktop" || fail "$desktop does not pass the link to the app (no %u)"
default=$(handler)
[ "$default" = "$(basename "$desktop")" ] ||
  fail "xdg-mime names '${default:-nothing}' for lcs:// links, not $(basename "$desktop")"
say "lcs:// opens with $default"

say "starting the installed app with an lcs:// link under Xvfb"
keyrings=$(mktemp -d)
LCS_E2E_APP="$BINARY" XDG_DATA_HOME="$keyrings" WEBKIT_DISABLE_COMPOSITING_MODE=1 \
  xvfb-run --auto-servernum --server-args="-screen 0 1280x1024x24" \
  dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && node --test tests/package/installed.test.mjs'
rm -rf "$keyrings"

say "removing the package"
as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y --purge "$PACKAGE" >/dev/null
[ ! -e "$BINARY" ] || fail "$BINARY is still there after the removal"
[ ! -e "$desktop" ] || fail "$desktop is still there after the removal"
[ -z "$(handler)" ] || fail "lcs:// links still name '$(handler)' after the removal"
say "installed, opened from a link and removed cleanly"
