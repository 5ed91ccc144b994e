#!/usr/bin/env bash
# Re-saves the sample plans through LibreOffice Calc (xlsx, ods, xls) into
# tests/fixtures/libreoffice/. Run after `cargo run --bin bcf-check-templates` changes them.
# Needs LibreOffice (apt-get install libreoffice-calc-nogui); the tests only read the results.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT/tests/fixtures"
for format in xlsx ods xls; do
  soffice --headless --calc --convert-to "$format" --outdir libreoffice valid-2025-26.xlsx valid-2017-19.xlsx
done
