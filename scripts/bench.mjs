// Benchmarks outside Rust: the core as wasm in Node, SheetJS parsing the same files, the page in
// headless Chromium, and the CLI on 150 plans. Figures are printed, never asserted.
// Usage: node scripts/bench.mjs target/bench [--json]   (after scripts/bench.sh has built everything)
// With --json it also writes target/bench/figures.json: the named figures the README's table
// comes from.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { serve } from './static-server.mjs';
import { brotli, fetchedOnDemand, isCode } from './site-files.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const require = createRequire(import.meta.url);
const dir = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'target/bench');
const writeJson = process.argv.includes('--json');
/** The named figures, written to figures.json with --json. */
const figures = {};
const root = resolve(new URL('..', import.meta.url).pathname);
const builds = [
  ['as shipped (opt-level s)', 'node-web-checking'],
  ['smallest (opt-level z)', 'node-web'],
  ['speed-optimised (opt-level 3)', 'node-web-speed'],
].map(([label, folder]) => [label, require(join(dir, folder, 'bcf-check-node.js')), folder]);
const XLSX = require('xlsx');

function time(fn, { warmup = 3, maxRuns = 300, maxMs = 3000 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  const start = performance.now();
  while (times.length < maxRuns && performance.now() - start < maxMs) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], fastest: times[0], runs: times.length };
}
/** Times `a` and `b` alternately in one run, so both see the same machine state; medians. */
function interleaved(a, b, { warmup = 3, maxRuns = 300, maxMs = 6000 } = {}) {
  for (let i = 0; i < warmup; i++) { a(); b(); }
  const [ta, tb] = [[], []];
  const start = performance.now();
  while (ta.length < maxRuns && performance.now() - start < maxMs) {
    let t = performance.now();
    a();
    ta.push(performance.now() - t);
    t = performance.now();
    b();
    tb.push(performance.now() - t);
  }
  const mid = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return [{ median: mid(ta) }, { median: mid(tb) }];
}
const ms = (x) => `${x.toFixed(2).padStart(8)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log('\nwasm in Node against SheetJS (npm xlsx 0.18.5) parsing the same file (parse only, no checks)');
console.log(`  ${'file'.padEnd(26)} ${'build'.padEnd(30)} ${'read+check'.padStart(12)} ${'SheetJS'.padStart(12)} ${'ratio'.padStart(7)} ${'wasm brotli'.padStart(12)}`);
for (const [name, file] of [['small plan (5 schemes)', 'small.xlsx'], ['large plan (200 schemes)', 'large.xlsx']]) {
  const bytes = readFileSync(join(dir, file));
  for (const [label, core, folder] of builds) {
    const status = JSON.parse(core.check(file, bytes)).status;
    if (status !== 'pass') throw new Error(`${file}: expected a passing plan, got ${status}`);
    // Interleaved with SheetJS in the same run: the ratio is not skewed by when each was timed.
    const [ours, sheetjs] = interleaved(() => core.check(file, bytes), () => XLSX.read(bytes, { type: 'buffer' }));
    if (label.startsWith('as shipped')) {
      figures[`sheetjs_ratio_${file.replace('.xlsx', '')}`] = Number((sheetjs.median / ours.median).toFixed(2));
    }
    const size = brotli(readFileSync(join(dir, folder, 'bcf-check-node_bg.wasm'))).length / 1024;
    console.log(`  ${name.padEnd(26)} ${label.padEnd(30)} ${ms(ours.median).padStart(12)} ${ms(sheetjs.median).padStart(12)} ${`${(sheetjs.median / ours.median).toFixed(1)}×`.padStart(7)} ${`${size.toFixed(0)} KB`.padStart(12)}`);
  }
}

console.log('\nthe page in headless Chromium (release site served locally; large plan; median of 7)');
const server = await serve(join(root, 'dist'));
const browser = await launch();
const total = [];
const inPage = [];
for (let i = 0; i < 7; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(server.url);
  await page.waitForSelector('#file-upload');
  // The worker has loaded when the network is idle; from here on a check is all local.
  await page.waitForLoadState('networkidle');
  const t1 = performance.now();
  await page.setInputFiles('#file-upload', join(dir, 'large.xlsx'));
  await page.waitForSelector('#summary');
  const t2 = performance.now();
  total.push(t2 - t0);
  inPage.push(t2 - t1);
  await context.close();
}
// The check alone in the browser: the shipped worker through the JavaScript API (api.js),
// including the transfer to the worker and the report back.
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(server.url);
await page.waitForSelector('#file-upload');
const large = [...readFileSync(join(dir, 'large.xlsx'))];
const workerTimes = await page.evaluate(async (data) => {
  const { check } = await import('./api.js');
  const bytes = new Uint8Array(data);
  for (let i = 0; i < 5; i++) await check(bytes, 'large.xlsx');
  const times = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await check(bytes, 'large.xlsx');
    times.push(performance.now() - t);
  }
  return times;
}, large);
await context.close();
// Many plans in the page: the 150 benchmark plans chosen together, from the choice to the
// summary table (read one at a time, checked in the worker, reports kept, bytes let go).
const batchFiles = readdirSync(join(dir, 'batch')).filter((f) => f.endsWith('.xlsx')).map((f) => join(dir, 'batch', f));
const batchTimes = [];
for (let i = 0; i < 3; i++) {
  const batchContext = await browser.newContext();
  const batchPage = await batchContext.newPage();
  await batchPage.goto(server.url);
  await batchPage.waitForSelector('#file-upload');
  await batchPage.waitForLoadState('networkidle');
  const t = performance.now();
  await batchPage.setInputFiles('#file-upload', batchFiles);
  await batchPage.waitForSelector('.batch-table', { timeout: 120_000 });
  batchTimes.push(performance.now() - t);
  const rows = await batchPage.locator('.batch-table tbody tr').count();
  if (rows !== batchFiles.length) throw new Error(`the batch table has ${rows} rows, not ${batchFiles.length}`);
  await batchContext.close();
}
await browser.close();
await server.close();
console.log(`  full check of the large plan        ${ms(median(workerTimes))}  (in the worker, with transfer; median of 50)`);
console.log(`  ${batchFiles.length} plans chosen to summary table    ${ms(median(batchTimes))}  (median of 3)`);
console.log(`  file chosen to rendered report      ${ms(median(inPage))}  (read the file, check, render the page)`);
console.log(`  page load to rendered report        ${ms(median(total))}  (load, start the worker, then the above)`);
figures.file_to_report_ms = Number(median(inPage).toFixed(1));

console.log('\nbatch: the CLI (release build) checking 150 plans in one run');
const batch = readdirSync(join(dir, 'batch')).filter((f) => f.endsWith('.xlsx')).map((f) => join(dir, 'batch', f));
const cli = join(root, 'target', 'release', 'bcf-check');
const runs = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const result = spawnSync(cli, ['--format', 'json', ...batch], { maxBuffer: 64 * 1024 * 1024 });
  runs.push(performance.now() - t);
  if (result.status !== 0) throw new Error(`bcf-check exited ${result.status}: ${result.stderr}`);
}
console.log(`  ${batch.length} plans                          ${ms(median(runs))}  (${(median(runs) / batch.length).toFixed(2)} ms a plan)`);
figures.batch_150_cli_ms = Number(median(runs).toFixed(0));

// A first visit and a cold report, as a user meets them: a new browser profile, from navigation
// (not waiting for the network to go quiet) to the large plan's report on screen; then the same on
// a slow laptop and slow broadband (CPU 4× slower; every response, the workers' too, 150 ms late
// and at 1.6 Mbps, by the server).
console.log('\nfirst visit and cold report (new browser profile each time; large plan; median of 5)');
const coldBrowser = await launch();
async function coldReport(throttle) {
  const site = await serve(join(root, 'dist'), 0, throttle ? { throttle } : {});
  const times = [];
  let firstVisit = null;
  for (let i = 0; i < 5; i++) {
    const context = await coldBrowser.newContext();
    const page = await context.newPage();
    if (throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    }
    const before = site.requests.length;
    const t0 = performance.now();
    await page.goto(site.url, { waitUntil: 'commit' });
    await page.waitForSelector('#file-upload', { timeout: 60_000 });
    await page.setInputFiles('#file-upload', join(dir, 'large.xlsx'));
    await page.waitForSelector('#summary', { timeout: 60_000 });
    times.push(performance.now() - t0);
    if (!throttle && i === 0) {
      // Everything a first visit downloads, the service worker's copy for offline use included.
      await page.waitForFunction(async () => {
        const names = await caches.keys();
        const stored = names.length ? (await (await caches.open(names[0])).keys()).map((r) => r.url) : [];
        return stored.some((u) => /bcf-check-app-[0-9a-f]+_bg\.wasm$/.test(u)) && Boolean(navigator.serviceWorker.controller);
      }, null, { polling: 100, timeout: 20_000 });
      const asked = site.requests.slice(before);
      const all = asked.reduce((n, r) => n + r.bytes, 0);
      const needed = [...new Map(asked.filter((r) => !r.url.endsWith('sw.js')).map((r) => [r.url, r.bytes])).values()].reduce((n, b) => n + b, 0);
      firstVisit = { all, needed };
    }
    await context.close();
  }
  await site.close();
  return { time: median(times), firstVisit };
}
const cold = await coldReport(null);
const slow = await coldReport({ latencyMs: 150, bytesPerSecond: 1_600_000 / 8 });
await coldBrowser.close();
console.log(`  first visit downloads               ${(cold.firstVisit.all / 1024).toFixed(0)} KB  (the page itself needs ${(cold.firstVisit.needed / 1024).toFixed(0)} KB)`);
console.log(`  navigation to report                ${ms(cold.time)}`);
console.log(`  the same, CPU 4× slower, 150 ms and 1.6 Mbps  ${ms(slow.time)}`);
figures.first_visit_kb = Math.round(cold.firstVisit.all / 1024);
figures.page_needs_kb = Math.round(cold.firstVisit.needed / 1024);
figures.cold_report_ms = Math.round(cold.time);
figures.cold_report_ms_throttled = Math.round(slow.time);

// The code a first visit downloads (wasm and JavaScript), brotli-compressed: not what is fetched
// only when asked for (scripts/site-files.mjs).
const code = readdirSync(join(root, 'dist')).filter((f) => isCode(f) && !fetchedOnDemand(f));
figures.brotli_total_kb = Math.round(code.reduce((n, f) => n + brotli(readFileSync(join(root, 'dist', f))).length, 0) / 1024);

// The native figures, from bcf-check-bench's output (scripts/bench.sh keeps it).
try {
  const native = readFileSync(join(dir, 'native.txt'), 'utf8');
  // One file checked: the section of hostile files checked each in a fresh process (not the
  // definitions, marked copies or the whole folder that follow it).
  const checked = native.split(/^(?=\S)/m).find((s) => s.startsWith('hostile files, each checked in a fresh process')) ?? '';
  const measured = [...checked.matchAll(/^\s+(\S+)\s+(\d+) ms\s+([\d.]+) MB peak/gm)].map((m) => ({ ms: Number(m[2]), mb: Number(m[3]) }));
  figures.worst_file_ms = Math.max(...measured.map((m) => m.ms));
  figures.peak_mb = Math.max(...measured.map((m) => m.mb));
} catch {
  // Run without scripts/bench.sh: no native figures.
}
if (writeJson) {
  writeFileSync(join(dir, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nfigures written to ${join(dir, 'figures.json')}`);
}
console.log(JSON.stringify(figures));
