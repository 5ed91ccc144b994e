#!/usr/bin/env bash
# Writes the README's pictures of a marked copy opened in LibreOffice Calc: docs/marked-copy-problems.png
# (the "Problems found" sheet) and docs/marked-copy-cover.png (a link followed to its cell, the
# note shown). Not part of the tests: run by hand after the marked copy's look changes.
# Needs LibreOffice with a window (apt-get install libreoffice-calc xvfb x11-apps xdotool imagemagick).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scratch="$(mktemp -d)"
trap 'pkill -f "soffice.*$scratch" || true; kill "$xvfb" 2>/dev/null || true; rm -rf "$scratch"' EXIT
cargo run -q --bin bcf-check -- --annotate "$scratch" tests/fixtures/defective-2025-26.xlsx >/dev/null 2>&1 || true
export DISPLAY=:97
Xvfb "$DISPLAY" -screen 0 1400x860x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
HOME="$scratch" soffice --calc --norestore --nologo "$scratch/defective-2025-26-checked.xlsx" >/dev/null 2>&1 &
sleep 15
shot() { xwd -root -silent | convert xwd:- -crop 1400x560+0+0 "$1"; }
shot docs/marked-copy-problems.png
# Ctrl+click the first link (2. Cover!C7), click elsewhere, and rest the pointer on the cell.
xdotool mousemove 80 223 keydown ctrl click 1 keyup ctrl
sleep 2
xdotool mousemove 400 593 click 1
sleep 0.5
xdotool mousemove 1000 256
sleep 2.5
shot docs/marked-copy-cover.png
echo "wrote docs/marked-copy-problems.png and docs/marked-copy-cover.png"
