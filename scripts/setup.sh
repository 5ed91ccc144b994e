#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test bcf-check on Debian 12, from the package
# registries only (Debian, crates.io, npm). Safe to run again: it skips what is already there.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

if ! command -v cargo >/dev/null; then
  echo "cargo is not installed. Install Rust with rustup (https://rustup.rs) and run this again." >&2
  exit 1
fi

# 1. The wasm32 standard library: rustup's, else Debian's rustc-web (route B).
# BCF_WASM_ROUTE=debian forces the fallback, to test it on a machine where rustup works.
if [ "${BCF_WASM_ROUTE:-}" != debian ] && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rm -f "$TOOLS/wasm-route-b"
elif [ "${BCF_WASM_ROUTE:-}" != debian ] && rustup target add wasm32-unknown-unknown; then
  rm -f "$TOOLS/wasm-route-b"
else
  say "rustup could not add wasm32-unknown-unknown; using Debian's rustc-web instead"
  apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22
  mkdir -p "$TOOLS/debian-rust"
  for tool in cargo rustc rustdoc; do ln -sf "/usr/bin/$tool" "$TOOLS/debian-rust/$tool"; done
  touch "$TOOLS/wasm-route-b"
fi

# 2. Chromium and its driver, for the browser tests.
if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
  say "installing Chromium"
  apt_install chromium chromium-driver
fi

# 2b. LibreOffice Calc, which opens the marked copies in the tests (as a user's spreadsheet program would).
if ! command -v soffice >/dev/null; then
  say "installing LibreOffice Calc"
  apt_install libreoffice-calc-nogui
fi

# 3. Trunk, pinned: 0.22 needs a newer rustc than this machine has.
if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (a few minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 4. wasm-bindgen's CLI and test runner, the exact version in Cargo.lock.
bindgen="$(wasm_bindgen_version)"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $bindgen\$"; then
  say "installing wasm-bindgen-cli $bindgen (a few minutes)"
  # --locked fails for some releases (a locked dependency is gone from the registry): retry without.
  cargo install wasm-bindgen-cli --version "$bindgen" --locked || cargo install wasm-bindgen-cli --version "$bindgen"
fi

# 5. Node packages: wasm-opt (binaryen), Playwright's driver and axe-core.
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.bcf-installed 2>/dev/null)" != "$lock_sum" ]; then
  say "installing node packages"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.bcf-installed
fi

say "setup complete"
