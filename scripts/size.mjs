// Prints the size of the site's code and styles (wasm, JS and CSS), raw, gzip and brotli: what a visitor downloads.
// Usage: node scripts/size.mjs dist
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const files = readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f) && statSync(join(dir, f)).isFile());
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
// Fetched only when a user asks for it (the marked copy's worker), not on a visit.
const onDemand = (file) => file.startsWith('bcf-check-marker');
let total = { raw: 0, gzip: 0, brotli: 0 };
let later = { raw: 0, gzip: 0, brotli: 0 };
console.log(`${'file'.padEnd(48)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
for (const file of files.sort()) {
  const bytes = readFileSync(join(dir, file));
  const raw = bytes.length;
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  if (onDemand(file)) later = { raw: later.raw + raw, gzip: later.gzip + gzip, brotli: later.brotli + brotli };
  else total = { raw: total.raw + raw, gzip: total.gzip + gzip, brotli: total.brotli + brotli };
  console.log(`${(onDemand(file) ? `${file} (on demand)` : file).padEnd(48)} ${kb(raw).padStart(10)} ${kb(gzip).padStart(10)} ${kb(brotli).padStart(10)}`);
}
console.log(`${'on demand (the marked copy)'.padEnd(48)} ${kb(later.raw).padStart(10)} ${kb(later.gzip).padStart(10)} ${kb(later.brotli).padStart(10)}`);
console.log(`${'total a visit downloads'.padEnd(48)} ${kb(total.raw).padStart(10)} ${kb(total.gzip).padStart(10)} ${kb(total.brotli).padStart(10)}`);
