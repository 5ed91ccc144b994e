#!/usr/bin/env bash
# Re-saves the sample plans and the value-reading fixtures through LibreOffice Calc, a second
# writer beside the project's own: the samples as xlsx, ods and xls into tests/fixtures/libreoffice/,
# the value-reading fixtures as xlsx and ods into tests/fixtures/excel-reading/libreoffice/.
# Run after `cargo run --bin bcf-check-templates` changes them.
# Needs LibreOffice (apt-get install libreoffice-calc-nogui); the tests only read the results.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT/tests/fixtures"
for format in xlsx ods xls; do
  soffice --headless --calc --convert-to "$format" --outdir libreoffice valid-2025-26.xlsx valid-2017-19.xlsx
done
cd excel-reading
for format in xlsx ods; do
  soffice --headless --calc --convert-to "$format" --outdir libreoffice ./*.xlsx
done
