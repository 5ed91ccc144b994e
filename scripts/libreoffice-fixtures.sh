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
# A plan with problems, as LibreOffice writes it: the marked copy is made from it too.
soffice --headless --calc --convert-to xlsx --outdir libreoffice defective-2025-26.xlsx
cd excel-reading
for format in xlsx ods; do
  soffice --headless --calc --convert-to "$format" --outdir libreoffice ./*.xlsx
done
# The 2015-16 Dorset sample: re-saved as xlsx and ods, and recalculated by LibreOffice from its
# inputs (every cached formula result removed first, so LibreOffice works each one out).
cd "$ROOT/tests/fixtures/2015-16"
for format in xlsx ods; do
  soffice --headless --calc --convert-to "$format" --outdir libreoffice dorset.xlsx
done
scratch="$(mktemp -d)"
python3 - "$scratch/dorset-recalculated-by-libreoffice.xlsx" <<'PY'
import re, sys, zipfile
with zipfile.ZipFile('dorset.xlsx') as z, zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as out:
    for item in z.infolist():
        body = z.read(item.filename)
        if item.filename.startswith('xl/worksheets/'):
            body = re.sub(rb'(<f>[^<]*</f>)<v>[^<]*</v>', rb'\1', body)
            body = re.sub(rb'(<c [^>]*?) t="str"', rb'\1', body)
        out.writestr(item, body)
PY
soffice --headless --calc --convert-to xlsx --outdir libreoffice "$scratch/dorset-recalculated-by-libreoffice.xlsx"
rm -rf "$scratch"
