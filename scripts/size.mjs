// Prints the size of the site's code and styles (wasm, JS and CSS), raw, gzip and brotli: what a
// first visit downloads, and what is fetched only when asked for.
// Usage: node scripts/size.mjs dist
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { brotli, fetchedOnDemand, isCode } from './site-files.mjs';

const dir = process.argv[2] ?? 'dist';
const files = readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f) && statSync(join(dir, f)).isFile());
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const zero = () => ({ raw: 0, gzip: 0, brotli: 0 });
const groups = { code: zero(), styles: zero(), later: zero() };
const row = (name, s) => console.log(`${name.padEnd(52)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} ${kb(s.brotli).padStart(10)}`);
console.log(`${'file'.padEnd(52)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
for (const file of files.sort()) {
  const bytes = readFileSync(join(dir, file));
  const size = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotli(bytes).length,
  };
  const group = fetchedOnDemand(file) ? 'later' : isCode(file) ? 'code' : 'styles';
  for (const k of Object.keys(size)) groups[group][k] += size[k];
  row(group === 'later' ? `${file} (on demand)` : file, size);
}
row('on demand (marked copy, full worker, API for other pages)', groups.later);
row('styles a first visit downloads', groups.styles);
row('code a first visit downloads (wasm and JavaScript)', groups.code);
