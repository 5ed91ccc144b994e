// End to end: the release build of the site, served locally, driven in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { inflateRawSync, crc32 as zlibCrc32 } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import { serve } from '../../scripts/static-server.mjs';
import { launch, openPage } from './browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = (name) => join(root, 'tests', 'fixtures', name);
const output = join(root, 'tests', 'e2e', 'output');
let server;
let browser;
/** How many times the full worker's module has been fetched from the test server so far. */
const fullWorkerFetches = () => server.requests.filter((r) => r.url.endsWith('bcf-check-full-worker_bg.wasm')).length;

before(async () => {
  mkdirSync(output, { recursive: true });
  server = await serve(join(root, 'dist'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the page and waits until the checking worker has loaded (nothing left to fetch). */
async function ready(options, prepare) {
  const opened = await openPage(browser, server.url, options, prepare);
  await opened.page.waitForSelector('#file-upload');
  await opened.page.waitForLoadState('networkidle');
  return opened;
}

async function upload(page, file) {
  await page.setInputFiles('#file-upload', file);
  await page.waitForSelector('#summary', { timeout: 20_000 });
}

/**
 * Waits until the site's offline copy holds a file matching each of `patterns` (regular
 * expressions' sources) and the service worker controls the page. (`waitForFunction` does not
 * wait for an async predicate's promise: a promise is truthy, so it returned at once.)
 */
async function stored(page, patterns) {
  await page.evaluate(async (sources) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const names = await caches.keys();
      const cache = names.length ? await caches.open(names[0]) : null;
      const urls = cache ? (await cache.keys()).map((r) => r.url) : [];
      const all = sources.every((source) => urls.some((u) => new RegExp(source).test(u)));
      if (all && navigator.serviceWorker.controller) return;
      if (Date.now() > deadline) throw new Error(`not stored for offline use: ${sources.join(' ')}; stored: ${urls.join(' ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, patterns);
}

/** Waits until the service worker controls the page and has stored the module it loads. */
async function storedForOffline(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await stored(page, ['bcf-check-app-[0-9a-f]+_bg\\.wasm$']);
}

/** Waits until the service worker has also stored the parts fetched only on demand. */
async function storedEverything(page) {
  await storedForOffline(page);
  await stored(page, ['bcf-check-marker_loader\\.js$', 'bcf-check-full-worker_loader\\.js$', '/templates/bcf-2025-26-planning-template\\.xlsx$',
    'embed-example\\.js$', 'api\\.js$', '/index\\.html$']);
}

const texts = (page, selector) => page.locator(selector).allTextContents();

test('a valid plan is checked in the page and passes', async () => {
  const { page, context, problems } = await ready();
  assert.equal(await page.title(), 'Check your Better Care Fund planning template');
  await upload(page, fixture('valid-2025-26.xlsx'));
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'summary');
  assert.equal(await page.title(), 'Check your Better Care Fund planning template');
  assert.equal(await page.textContent('#result-file'), 'valid-2025-26.xlsx');
  assert.equal(await page.textContent('#result-round'), '2025-26');
  assert.equal(await page.textContent('#result-hwb'), 'Leicester');
  assert.equal(await page.textContent('#result-status'), 'No problems found');
  assert.match(await page.textContent('#status'), /No problems were found/);
  assert.equal(await page.textContent('.privacy'), 'Your file was checked on this computer. It was not uploaded.');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a defective plan: title, focused error summary, links, sections, panels', async () => {
  const { page, context, problems } = await ready();
  await upload(page, fixture('defective-2025-26.xlsx'));
  // The README's screenshot (docs/results-page.png) is a copy of this one.
  await page.screenshot({ path: join(output, 'results-page.png'), fullPage: true });
  assert.equal(await page.title(), 'Error: Check your Better Care Fund planning template');
  assert.equal(await page.textContent('#summary h2'), 'There is a problem');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'summary');
  // Styled by GOV.UK Frontend itself (compiled from the govuk-frontend package): its error colour
  // and focus ring, which the page's own stylesheet does not set.
  const look = await page.evaluate(() => {
    const summary = getComputedStyle(document.querySelector('.govuk-error-summary'));
    return { border: summary.borderTopColor, sheets: [...document.styleSheets].map((s) => s.href ?? '') };
  });
  assert.equal(look.border, 'rgb(202, 53, 53)');
  assert.ok(look.sheets.some((href) => /\/govuk-[0-9a-f]+\.css$/.test(href)), look.sheets.join(' '));
  // Each sheet counts the problems on it, those listed with the checks across sheets included
  // (the shortfall at 4. Income!D45, the contradicted condition at 7. National Conditions!D9).
  // The problems themselves, in the order to fix them: the money first, then what follows from
  // it (the condition answered Yes that the shortfall contradicts), the conditions, the metrics,
  // the schemes, the cover.
  assert.match(await page.textContent('#summary'), /Start with the first/);
  const first = await texts(page, '#summary-problems a');
  assert.deepEqual(first.map((t) => t.split(':')[0]), [
    '4. Income!D45',
    '7. National Conditions!D8',
    '7. National Conditions!E9',
    '7. National Conditions!F9',
    '6. Metrics!I10',
    '5. Expenditure!B9',
    '2. Cover!C7',
  ]);
  assert.match(first[0], /is £[\d,]+ short/);
  // Each links to its problem's row, which takes the focus.
  await page.click('#summary-problems a >> nth=0');
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr')?.dataset.rule), 'funding.asc-minimum');
  assert.deepEqual(await texts(page, '#summary-sheets a'), [
    '2. Cover: 1 error',
    '4. Income: 1 error',
    '5. Expenditure: 1 error',
    '6. Metrics: 1 error',
    '7. National Conditions: 3 errors',
    'Checks across sheets: 2 errors',
  ]);
  assert.equal(await page.textContent('#result-status'), '7 errors, no warnings and no advisory notes');
  assert.match(await page.textContent('#status'), /We found 7 errors, no warnings and no advisory notes/);
  // One section per sheet, in workbook order, each with its status in words.
  assert.deepEqual(await texts(page, '.sheet-section h2'), [
    '2. Cover: 1 error',
    '3. Summary: No problems found',
    '4. Income: 1 error',
    '5. Expenditure: 1 error',
    '6. Metrics: 1 error',
    '7. National Conditions: 3 errors',
    'Checks across sheets: 2 errors',
  ]);
  // A link in the summary moves to its section.
  await page.click('#summary-sheets a[href="#section-7-national-conditions"]');
  assert.equal(new URL(page.url()).hash, '#section-7-national-conditions');
  const rows = page.locator('#section-7-national-conditions tbody tr');
  assert.equal(await rows.count(), 2);
  assert.deepEqual(await rows.locator('th').allTextContents(), ['E9', 'F9']);
  assert.deepEqual(await texts(page, '#section-7-national-conditions thead th'), ['Cell', 'Problem', 'How to fix', 'Severity']);
  const across = page.locator('#section-across-sheets tbody tr');
  assert.deepEqual(await across.locator('th').allTextContents(), ['4. Income!D45', '7. National Conditions!D8']);
  // The condition the figures contradict says it may follow from the shortfall, with a link.
  assert.equal(await across.nth(1).locator('.follows-from').textContent(), 'It may follow from the problem at 4. Income!D45: fix that first.');
  assert.equal(await across.nth(1).locator('.follows-from a').getAttribute('href'), '#problem-2');
  // The funding panel: figures in words, not only a chart.
  const funding = await page.textContent('.funding-test__text');
  assert.match(funding, /^Minimum spend on adult social care in 2025-26: the minimum is £[\d,]+ and the plan spends £0\. Not met: the plan is £[\d,]+ short\.$/);
  assert.equal(await page.textContent('.funding-test .tag'), 'Not met');
  // The metrics panel: a row per metric and period.
  assert.equal(await page.locator('.metrics tbody tr').count(), 9);
  // Metrics by their names in full (on screen and in print), not codes.
  assert.match(await page.locator(".metrics tbody tr").first().textContent(), /^Emergency admissions of people aged 65\+ per 100,0002025-26 Q1[\d,.]+[\d,.]+\d+\.\d% lower \(better\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('downloads hold the report contract', async () => {
  const { page, context } = await ready({ acceptDownloads: true });
  await upload(page, fixture('defective-2025-26.xlsx'));
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  assert.equal(csvDownload.suggestedFilename(), 'defective-2025-26-problems.csv');
  const bytes = readFileSync(await csvDownload.path());
  // A UTF-8 byte-order mark first, so that Excel on Windows shows £ and curly quotes.
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  assert.equal(csv[0], 'file,sheet,cell,severity,rule,message,hint');
  assert.equal(csv.length, 8);
  assert.match(csv[1], /^defective-2025-26\.xlsx,2\. Cover,C7,error,cover\.email-invalid,/);
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  assert.equal(jsonDownload.suggestedFilename(), 'defective-2025-26-problems.json');
  const report = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  assert.deepEqual(Object.keys(report), ['file', 'profile', 'hwb', 'status', 'coverage', 'recognised_by', 'counts', 'findings']);
  assert.deepEqual([report.coverage, report.recognised_by], ['full', 'version']);
  assert.equal(report.status, 'error');
  assert.deepEqual(report.counts, { error: 7, warning: 0, advisory: 0 });
  assert.deepEqual(report.findings.map((f) => `${f.rule} ${f.sheet}!${f.cell}`), [
    'cover.email-invalid 2. Cover!C7',
    'funding.asc-minimum 4. Income!D45',
    'scheme.duplicate-id 5. Expenditure!B9',
    'metric.rationale-missing 6. Metrics!I10',
    'condition.contradicted 7. National Conditions!D8',
    'condition.no-without-actions 7. National Conditions!E9',
    'condition.no-without-actions 7. National Conditions!F9',
  ]);
  await context.close();
});

test('a corrupt file gets a clear message and the page stays usable', async () => {
  const { page, context, problems } = await ready();
  const bytes = readFileSync(fixture('valid-2017-19.xlsx'));
  await page.setInputFiles('#file-upload', {
    name: 'damaged.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: bytes.subarray(0, Math.floor(bytes.length / 2)),
  });
  await page.waitForSelector('#summary', { timeout: 20_000 });
  assert.equal(await page.textContent('#summary h2'), 'There is a problem');
  assert.match(await page.textContent('#summary'), /Your file could not be checked/);
  // The reason and what to do are in the summary itself, not only at the foot of the page.
  assert.match(await page.textContent('#summary .unreadable-reason'), /could not be read/);
  assert.ok((await page.textContent('#summary .unreadable-fix')).length > 10);
  assert.equal(await page.textContent('.privacy'), 'Your file stayed on this computer. It was not uploaded.');
  const row = page.locator('tr[data-rule="file.unreadable"]');
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /could not be read/);
  assert.equal(await page.textContent('#result-status'), 'Could not be checked');
  // "Check another file" brings the form back without a reload, with the focus on it.
  await page.click('#check-another');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file-upload');
  await upload(page, fixture('valid-2017-19.xlsx'));
  assert.equal(await page.textContent('#result-round'), '2017-19');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page survives every regression file from fuzzing, the marked copy included', async () => {
  const { page, context } = await ready({ acceptDownloads: true });
  const folder = join(root, 'tests', 'fixtures', 'fuzz');
  const names = readdirSync(folder).sort();
  assert.ok(names.length >= 6, names.join(' '));
  // All at once, with a good plan last: every one ends in a row of the table.
  const file = (path, name) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(path) });
  await page.setInputFiles('#file-upload', [...names.map((n) => file(join(folder, n), n)), file(fixture('valid-2025-26.xlsx'), 'zz-valid.xlsx')]);
  await page.waitForSelector('.batch-table', { timeout: 120_000 });
  assert.equal(await page.locator('.batch-table tbody tr').count(), names.length + 1);
  assert.equal(await page.locator('.batch-table tbody tr', { hasText: 'zz-valid.xlsx' }).locator('td.result').textContent(), 'No problems');
  // The workbooks that can be marked: a copy, or a plain reason, and the page carries on.
  await page.click('#check-another');
  for (const name of names.filter((n) => n.endsWith('.xlsx'))) {
    await upload(page, join(folder, name));
    if (await page.locator('#download-marked').count()) {
      await page.click('#download-marked');
      await page.waitForFunction(() => {
        const said = document.getElementById('marked-copy-status')?.textContent ?? '';
        return said !== '' && said !== 'Making your copy…';
      }, null, { timeout: 20_000 });
    }
    await page.click('#check-another');
  }
  await upload(page, fixture('valid-2025-26.xlsx'));
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  await context.close();
});

test('a file that crashes the parser: the worker is replaced and the page carries on', async () => {
  // calamine panics on this .xls (found by fuzzing); in the browser the panic traps the worker.
  const { page, context } = await ready();
  // Two of the library's panics found by fuzzing (a formula's length; a string past its record),
  // each followed by a good file on the same page.
  for (const panicking of ['fuzz/calamine-xls-formula-length-panic.xls', 'fuzz/calamine-xls-string-slice-out-of-range.xls']) {
    await upload(page, fixture(panicking));
    assert.equal(await page.textContent('#summary h2'), 'There is a problem', panicking);
    assert.match(await page.locator('tr[data-rule="file.unreadable"]').textContent(), /damaged in a way the reader could not handle/, panicking);
    await page.click('#check-another');
    await upload(page, fixture('valid-2025-26.xlsx'));
    assert.equal(await page.textContent('#summary h2'), 'No problems found', panicking);
    await page.click('#check-another');
  }
  await context.close();
});

test('while its code loads the page says so, and not once the checker has started, nor without scripts', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const { page, context, problems } = await openPage(browser, server.url, {}, (context) => context.route(/bcf-check-app-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    return route.fallback();
  }), { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#app-loading', { state: 'visible' });
  // A heading from the start (on a slow connection this is all there is for seconds).
  assert.equal(await page.textContent('#app-loading h1'), 'Check your Better Care Fund planning template');
  assert.equal(await page.textContent('#app-loading [role="status"]'), 'Loading the checker…');
  release();
  await page.waitForSelector('#file-upload');
  assert.equal(await page.locator('#app-loading').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
  const still = await openPage(browser, server.url, { javaScriptEnabled: false });
  assert.equal(await still.page.isVisible('#app-loading'), false);
  assert.match(await still.page.textContent('main'), /This checker needs JavaScript/);
  await still.context.close();
});

test('a host that serves WebAssembly with the wrong type: the module is fetched once, and checks', async () => {
  // index.html fetches and compiles the module the page and its checking worker share; a host
  // that sends .wasm as a download (not application/wasm) stops compileStreaming, and the bytes
  // already fetched must be compiled instead, for both, without a second download.
  let requested = 0;
  const before = server.requests.length;
  const { page, context, problems } = await openPage(browser, server.url, {}, (context) => context.route(/bcf-check-app-[0-9a-f]+_bg\.wasm$/, async (route) => {
    // Counted up to the service worker's registration: Playwright's routing turns the HTTP cache
    // off, so the service worker's copies for offline use are fetched again.
    if (!server.requests.slice(before).some((r) => r.url === '/sw.js')) requested += 1;
    const name = new URL(route.request().url()).pathname.split('/').pop();
    return route.fulfill({ status: 200, contentType: 'application/octet-stream', body: readFileSync(join(root, 'dist', name)) });
  }));
  await page.waitForSelector('#file-upload');
  await upload(page, fixture('valid-2025-26.xlsx'));
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  assert.equal(requested, 1);
  // The worker index.html started was taken over, not replaced.
  assert.equal(await page.evaluate(() => window.bcfCheckEarly), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file that is not a spreadsheet is named for what it is', async () => {
  const { page, context, problems } = await ready();
  await page.setInputFiles('#file-upload', { name: 'plan.xlsx', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%âãÏÓ\n') });
  await page.waitForSelector('#summary', { timeout: 20_000 });
  assert.match(await page.locator('tr[data-rule="file.unsupported-format"]').textContent(), /a PDF document/);
  assert.deepEqual(problems, []);
  await context.close();
});

/** The parts of a zip file by name (read from its central directory; stored or deflated). */
function unzip(buffer) {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const parts = {};
  for (let i = 0; i < count; i++) {
    const [method, size, nameLength, extra, comment, offset] = [
      buffer.readUInt16LE(at + 10), buffer.readUInt32LE(at + 20), buffer.readUInt16LE(at + 28),
      buffer.readUInt16LE(at + 30), buffer.readUInt16LE(at + 32), buffer.readUInt32LE(at + 42),
    ];
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = offset + 30 + buffer.readUInt16LE(offset + 26) + buffer.readUInt16LE(offset + 28);
    const data = buffer.subarray(start, start + size);
    parts[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    at += 46 + nameLength + extra + comment;
  }
  return parts;
}

/** A zip file of text parts, stored (not compressed). */
function zip(parts) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlibCrc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(20, 4); entry.writeUInt16LE(20, 6); entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20); entry.writeUInt32LE(data.length, 24); entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(parts).length, 8); end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

test('a workbook whose structure is protected is marked, and the page says its sheet cannot be deleted', async () => {
  const { page, context, problems } = await ready({ acceptDownloads: true });
  const parts = unzip(readFileSync(fixture('defective-2025-26.xlsx')));
  parts['xl/workbook.xml'] = parts['xl/workbook.xml'].replace('<bookViews>', '<workbookProtection lockStructure="1"/><bookViews>');
  await page.setInputFiles('#file-upload', {
    name: 'protected.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: zip(parts),
  });
  await page.waitForSelector('#summary', { timeout: 20_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-marked')]);
  assert.equal(download.suggestedFilename(), 'protected-checked.xlsx');
  const status = page.locator('#marked-copy-status');
  await status.filter({ hasText: 'protected-checked.xlsx' }).waitFor();
  assert.match(await status.textContent(), /This workbook is protected, so you cannot delete the “Problems found” sheet/);
  const copy = unzip(readFileSync(await download.path()));
  const sheet = Object.values(copy).find((text) => text.includes('Checked on'));
  assert.match(sheet, /you cannot delete this sheet without its password/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the workbook with the problems marked is made on this computer and downloaded', async () => {
  const { page, context, problems } = await ready({ acceptDownloads: true });
  await upload(page, fixture('defective-2025-26.xlsx'));
  const before = server.requests.length;
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-marked')]);
  assert.equal(download.suggestedFilename(), 'defective-2025-26-checked.xlsx');
  // The only requests are for the copy-maker's own code (fetched on first use), never with the file.
  const asked = server.requests.slice(before);
  assert.ok(asked.every((r) => r.method === 'GET' && /^\/bcf-check-marker[-_.\w]*\.(js|wasm)$/.test(r.url)), JSON.stringify(asked));
  await page.waitForSelector('#marked-copy-status:has-text("defective-2025-26-checked.xlsx")');
  // The focus stays on the button (it was lost to the page's body while the copy was made).
  assert.equal(await page.evaluate(() => document.activeElement.id), 'download-marked');
  const parts = unzip(readFileSync(await download.path()));
  const workbook = parts['xl/workbook.xml'];
  assert.match(workbook, /<sheets><sheet name="Problems found" sheetId="10" r:id="rIdBcf1"\/><sheet name="1. Guidance"/);
  // The Problems sheet (the template's own checklist, on the Cover, has links too).
  const sheet = parts[Object.keys(parts).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n) && parts[n].includes('<hyperlinks>') && parts[n].includes('Checked on'))];
  const links = [...sheet.matchAll(/<hyperlink ref="(A\d+)" location="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(links, [
    "A5 '2. Cover'!C7",
    "A6 '4. Income'!D45",
    "A7 '5. Expenditure'!B9",
    "A8 '6. Metrics'!I10",
    "A9 '7. National Conditions'!D8",
    "A10 '7. National Conditions'!E9",
    "A11 '7. National Conditions'!F9",
  ]);
  assert.match(sheet, /Checked on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d by bcf-check/);
  const notes = Object.keys(parts).filter((n) => /^xl\/comments\d+\.xml$/.test(n));
  assert.equal(notes.length, 5, 'a notes part for each sheet with findings');
  // A binary workbook with problems: the page says what to do instead of offering a copy.
  await page.click('#check-another');
  await upload(page, fixture('defective-2025-26.xlsb'));
  assert.equal(await page.locator('#download-marked').count(), 0);
  assert.match(await page.textContent('#marked-copy-unavailable'), /only be made from an Excel workbook \(\.xlsx or \.xlsm\)\. This file is an Excel binary workbook \(\.xlsb\)\./);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a template the checker does not know: a partial check that says so, its own checklist and lists, the marked copy, the batch table', async () => {
  const { page, context, problems } = await ready({ acceptDownloads: true });
  await upload(page, fixture('any-template/real-style-2026-27.xlsx'));
  assert.match(await page.textContent('#partial-check'), /^This was a partial check\. The checker does not know this template's layout/);
  assert.equal(await page.textContent('#result-round'), 'Not recognised');
  assert.equal(await page.textContent('#result-hwb'), 'Leicester');
  assert.match(await page.textContent('#result-coverage'), /^Partial check: .*\(its checklist \(7 items\) and 6 drop-down lists and number limits\)\. The funding, metric and national condition checks were not made/);
  const body = await page.textContent('main');
  assert.ok(body.includes("The template's checklist says this is not complete: Completed by."), 'the checklist, in its own words');
  assert.ok(body.includes('“Maybe” is not one of the choices in this cell\'s drop-down list.'), 'a drop-down list');
  // The marked copy is made for such a workbook too.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-marked')]);
  assert.equal(download.suggestedFilename(), 'real-style-2026-27-checked.xlsx');
  const parts = unzip(readFileSync(await download.path()));
  assert.match(parts['xl/workbook.xml'], /<sheet name="Problems found"/);
  // In a batch, the table says which plans were only partly checked.
  await page.click('#check-another');
  const file = (name) => ({ name: name.split('/').pop(), mimeType: 'application/octet-stream', buffer: readFileSync(fixture(name)) });
  await page.setInputFiles('#file-upload', [file('valid-2025-26.xlsx'), file('any-template/real-style-2026-27.xlsx')]);
  await page.waitForSelector('.batch-table', { timeout: 30_000 });
  // Sorted by file name.
  assert.deepEqual(await page.locator('.batch-table tbody td[data-label="Round"]').allTextContents(), ['Not recognised: only its own checklist and lists checked', '2025-26']);
  assert.deepEqual(await page.locator('.batch-table tbody td.result').allTextContents(), ['Errors (partial check)', 'No problems']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a first visit downloads each file once, and only what the page needs', async () => {
  const before = server.requests.length;
  const { page, context, problems } = await ready();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(async () => {
    const names = await caches.keys();
    return names.length > 0 && (await (await caches.open(names[0])).keys()).length >= 9;
  }, null, { polling: 100, timeout: 10000 });
  // The checking worker index.html started before the page's code was taken over, not replaced.
  assert.equal(await page.evaluate(() => window.bcfCheckEarly), null);
  // Once the page is quiet, the parts it fetches only on demand are stored too, for offline use.
  await storedEverything(page);
  const asked = server.requests.slice(before).map((r) => r.url);
  // Until the service worker is registered (when the page is quiet), only what the page needs.
  const first = asked.slice(0, asked.indexOf('/sw.js'));
  assert.ok(first.length > 0, asked.join(' '));
  for (const unneeded of ['/templates/', 'bcf-check-marker', 'bcf-check-full-worker', 'embed-example', 'api.js']) {
    assert.ok(!first.some((url) => url.includes(unneeded)), `${unneeded} was downloaded before the page was quiet: ${asked.join(' ')}`);
  }
  // Downloaded twice, that is: a second request that only revalidates the browser's copy (the
  // worker may import the page's script while the page is still fetching it) transfers nothing.
  const downloaded = server.requests.slice(before).filter((r) => r.status === 200).map((r) => r.url);
  const twice = downloaded.filter((url, i) => downloaded.indexOf(url) !== i);
  assert.deepEqual(twice, [], `downloaded twice: ${asked.join(' ')}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the site is stored for offline use only once the page is quiet, not beside a quick first check', async () => {
  // Storing the site reads every file again and writes it to the browser's storage; straight
  // after the first report it made that report appear later. A user who chooses a file at once
  // gets the report first; the site is stored a few seconds later.
  const before = server.requests.length;
  const { page, context, problems } = await openPage(browser, server.url);
  await page.waitForSelector('#file-upload');
  await upload(page, fixture('valid-2017-19.xlsx'));
  await page.waitForTimeout(1000);
  const asked = () => server.requests.slice(before).map((r) => r.url);
  assert.ok(!asked().includes('/sw.js'), `the service worker was registered: ${asked().join(' ')}`);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  await storedForOffline(page);
  assert.ok(asked().includes('/sw.js'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('checking a file sends no request anywhere', async () => {
  const { page, context, problems } = await ready();
  // Storing the site for offline use makes requests of its own, once the page is quiet.
  await storedEverything(page);
  const before = server.requests.length;
  const seen = [];
  page.on('request', (r) => seen.push(r.url()));
  context.on('request', (r) => seen.push(r.url()));
  await upload(page, fixture('defective-2025-26.xlsx'));
  await page.click('#check-another');
  await upload(page, fixture('valid-2017-19.xlsx'));
  assert.deepEqual(seen, [], 'the browser made requests while checking');
  assert.deepEqual(server.requests.slice(before), [], 'the server saw requests while checking');
  // No other origin is allowed by the Content-Security-Policy.
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(policy, /default-src 'none'/);
  assert.doesNotMatch(policy, /https?:|\*/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('after one visit every feature works with the network off: .xls, the marked copy, the templates, the embedding example', async () => {
  const { page, context, problems } = await ready({ acceptDownloads: true });
  await storedEverything(page);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#file-upload');
  await upload(page, fixture('libreoffice/valid-2025-26.xls'));
  assert.equal(await page.textContent('#summary h2'), 'No problems found', await page.textContent('#summary'));
  await page.click('#check-another');
  await upload(page, fixture('defective-2025-26.xlsx'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-marked')]);
  assert.equal(download.suggestedFilename(), 'defective-2025-26-checked.xlsx');
  const template = await page.evaluate(async () => (await fetch('templates/bcf-2025-26-planning-template.xlsx')).status);
  assert.equal(template, 200);
  await page.goto(`${server.url}embed-example.html`);
  await page.frameLocator('#checker').locator('#file-upload').waitFor();
  await context.setOffline(false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('offline, a part never downloaded is said to be missing, never that a good file is damaged', async () => {
  // The parts fetched on demand could not be fetched on the first visit (the connection went).
  const { page, context, problems } = await ready({}, async (c) => {
    await c.route(/bcf-check-(marker|full-worker)/, (route) => route.abort());
  });
  await storedForOffline(page);
  await page.waitForTimeout(500);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#file-upload');
  await upload(page, fixture('valid-2025-26.xlsx'));
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  // A part never downloaded (the reader of .xls files, the marked copy's worker) is said to be
  // missing, never that a good file is damaged; and the next .xlsx is checked as before.
  await page.click('#check-another');
  await upload(page, fixture('libreoffice/valid-2025-26.xls'));
  const said = await page.textContent('tr[data-rule="file.unreadable"]');
  assert.match(said, /has not been downloaded to this computer yet/);
  assert.match(said, /Connect to the internet once and check the file again/);
  assert.doesNotMatch(said, /damaged/);
  await page.click('#check-another');
  await upload(page, fixture('defective-2025-26.xlsx'));
  assert.equal(await page.textContent('#result-file'), 'defective-2025-26.xlsx');
  assert.equal(await page.textContent('#summary h2'), 'There is a problem');
  await page.click('#download-marked');
  await page.waitForSelector('#marked-copy-status:has-text("has not been downloaded")');
  await context.setOffline(false);
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|bcf-check-(full-worker|marker)/.test(p)), []);
  await context.close();
});

test('axe finds no accessibility violations on the start page or a results page', async () => {
  // axe is injected as a script, which the page's own CSP would rightly refuse.
  const { page, context } = await ready({ bypassCSP: true });
  const axe = async () => {
    await page.addScriptTag({ path: join(root, 'node_modules', 'axe-core', 'axe.min.js') });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };
  assert.deepEqual(await axe(), [], 'start page');
  await upload(page, fixture('defective-2025-26.xlsx'));
  assert.deepEqual(await axe(), [], 'results page with problems');
  await page.click('#check-another');
  await upload(page, fixture('valid-2025-26.xlsx'));
  assert.deepEqual(await axe(), [], 'results page without problems');
  await page.click('#check-another');
  await upload(page, fixture('any-template/real-style-2026-27.xlsx'));
  assert.deepEqual(await axe(), [], 'results page of a partial check');
  // A comparison, after a report (its headings in order under the page's).
  await page.click('.compare summary');
  await page.setInputFiles('#compare-old', fixture('valid-2025-26.xlsx'));
  await page.setInputFiles('#compare-new', fixture('defective-2025-26.xlsx'));
  await page.click('#compare-button');
  await page.waitForSelector('#compare-result h3');
  assert.deepEqual(await axe(), [], 'a comparison');
  // The embedding example: a main landmark, everything in a region.
  await page.goto(`${server.url}embed-example.html`);
  await page.frameLocator('#checker').locator('#file-upload').waitFor();
  assert.deepEqual(await axe(), [], 'the embedding example');
  await context.close();
});

test('reflow at 375 px and at 400% zoom: nothing scrolls sideways; screenshots for docs/', async () => {
  for (const width of [375, 320]) {
    const { page, context, problems } = await ready({ viewport: { width, height: 800 } });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(await overflow(), 0, `start page at ${width} px`);
    if (width === 375) await page.screenshot({ path: join(output, 'start-page-375.png'), fullPage: true });
    const long = `${'a-very-long-file-name-'.repeat(11)}.xlsx`;
    await page.setInputFiles('#file-upload', { name: long, mimeType: 'application/octet-stream', buffer: readFileSync(fixture('defective-2025-26.xlsx')) });
    await page.waitForSelector('#summary', { timeout: 20_000 });
    assert.equal(await overflow(), 0, `results page at ${width} px`);
    if (width === 375) await page.screenshot({ path: join(output, 'results-page-375.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('Back after "Check another file" returns to the results; the embedded frame shrinks again', async () => {
  const { page, context } = await ready();
  await upload(page, fixture('defective-2025-26.xlsx'));
  await page.click('#check-another');
  await page.waitForSelector('#file-upload');
  await page.goBack();
  await page.waitForSelector('#summary');
  assert.equal(await page.textContent('#result-file'), 'defective-2025-26.xlsx');
  await page.goForward();
  await page.waitForSelector('#file-upload');
  await context.close();

  const embedded = await openPage(browser, `${server.url}embed-example.html`);
  const frame = embedded.page.frameLocator('#checker');
  await frame.locator('#file-upload').waitFor();
  const height = () => embedded.page.evaluate(() => Number(document.getElementById('checker').height));
  await embedded.page.waitForFunction(() => Number(document.getElementById('checker').height) > 0);
  const before = await height();
  await frame.locator('#file-upload').setInputFiles(fixture('defective-2025-26.xlsx'));
  await frame.locator('#summary').waitFor();
  await embedded.page.waitForFunction((h) => Number(document.getElementById('checker').height) > h + 200, before);
  await frame.locator('#check-another').click();
  await frame.locator('#file-upload').waitFor();
  // Back to the size of the file control: the frame follows its content down as well as up.
  await embedded.page.waitForFunction((h) => Number(document.getElementById('checker').height) <= h + 5, before);
  assert.deepEqual(embedded.problems, []);
  await embedded.context.close();
});

test('Back straight after a first report returns to the file control, and Back and Forward move between reports', async () => {
  const { page, context, problems } = await ready();
  const start = page.url();
  await upload(page, fixture('defective-2025-26.xlsx'));
  await page.goBack();
  await page.waitForSelector('#file-upload');
  assert.equal(page.url(), start, 'still on the site');
  await page.goForward();
  await page.waitForSelector('#summary');
  assert.equal(await page.textContent('#result-file'), 'defective-2025-26.xlsx');
  // A second report, from "Check another file": Back shows the form, then the first report.
  await page.click('#check-another');
  await upload(page, fixture('valid-2025-26.xlsx'));
  assert.equal(await page.textContent('#result-file'), 'valid-2025-26.xlsx');
  await page.goBack();
  await page.waitForSelector('#file-upload');
  await page.goBack();
  await page.waitForSelector('#summary');
  assert.equal(await page.textContent('#result-file'), 'defective-2025-26.xlsx');
  await page.goForward();
  await page.goForward();
  await page.waitForSelector('#result-file:has-text("valid-2025-26.xlsx")');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the print stylesheet leaves only the report', async () => {
  const { page, context } = await ready();
  await upload(page, fixture('defective-2025-26.xlsx'));
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.app-header', '.downloads', '.marked-copy', '#check-another', '.app-footer']) {
    assert.equal(await page.locator(hidden).isVisible(), false, hidden);
  }
  assert.equal(await page.locator('#section-6-metrics table').isVisible(), true);
  // The printed report says when it was checked and by which version.
  assert.equal(await page.locator('#result-checked').isVisible(), true);
  assert.match(await page.textContent('#result-checked'), /^\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d, by bcf-check \d+\.\d+\.\d+$/);
  await context.close();
});

test('embedded in a frame: compact, no focus taken on load, height told to the page', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}embed-example.html`);
  const frame = page.frameLocator('#checker');
  await frame.locator('#file-upload').waitFor();
  assert.match(await frame.locator('html').getAttribute('class'), /(^| )embedded( |$)/);
  assert.equal(await frame.locator('.app-header').isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY');
  await page.waitForFunction(() => Number(document.getElementById('checker').height) > 0);
  // Opening a details element changes no result, but the frame follows its height (it was cut
  // off with a scroll bar of its own).
  const frameHeight = () => page.evaluate(() => Number(document.getElementById('checker').height));
  const closed = await frameHeight();
  await frame.locator('.profile-choice summary').click();
  await page.waitForFunction((h) => Number(document.getElementById('checker').height) > h + 50, closed);
  const content = await frame.locator('body').evaluate((b) => b.offsetHeight);
  assert.ok(Math.abs(await frameHeight() - (content + 20)) <= 2, 'the frame is as tall as the content');
  await frame.locator('.profile-choice summary').click();
  await page.waitForFunction((h) => Number(document.getElementById('checker').height) <= h + 2, closed);
  // The JavaScript API: check(bytes) → report.
  await page.setInputFiles('#api-file', fixture('defective-2025-26.xlsx'));
  await page.waitForFunction(() => document.getElementById('api-result').textContent.startsWith('{'));
  const report = JSON.parse(await page.textContent('#api-result'));
  assert.equal(report.file, 'defective-2025-26.xlsx');
  assert.equal(report.status, 'error');
  assert.equal(report.findings.length, 7);
  assert.deepEqual(problems, []);
  await context.close();
});

test('one file at a time: a second drop while checking is refused, a drop outside the zone stays on the page', async () => {
  const { page, problems } = await ready();
  const valid = [...readFileSync(fixture('valid-2025-26.xlsx'))];
  const defective = [...readFileSync(fixture('defective-2025-26.xlsx'))];
  const seen = await page.evaluate(([first, second]) => {
    const file = (bytes, name) => new File([new Uint8Array(bytes)], name);
    const drop = (target, f) => {
      const transfer = new DataTransfer();
      transfer.items.add(f);
      const event = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    // Outside the drop zone: the browser would open the file and leave the page.
    const outside = drop(document.body, file(second, 'outside.xlsx'));
    // Record whether the refusal is ever shown.
    window.refusalShown = false;
    new MutationObserver(() => {
      if (document.getElementById('drop-refused')) window.refusalShown = true;
    }).observe(document.body, { childList: true, subtree: true });
    const zone = document.querySelector('.drop-zone');
    drop(zone, file(first, 'first.xlsx'));
    drop(zone, file(second, 'second.xlsx'));
    return { outside };
  }, [valid, defective]);
  assert.equal(seen.outside, true, 'the page keeps a file dropped outside the zone');
  await page.waitForSelector('#summary', { timeout: 20_000 });
  // The first file's report, not the second's; and the second was refused in words.
  assert.match(await page.textContent('.overview'), /first\.xlsx/);
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  assert.equal(await page.evaluate(() => window.refusalShown), true);
  assert.deepEqual(problems, []);
});

test('a different template definition, for this visit: on the page and through the JavaScript API', async () => {
  const { page, context, problems } = await ready();
  const definition = fixture('profile-variant/local-definition.json');
  const plan = fixture('profile-variant/plan-for-the-local-definition.xlsx');
  // The worker that loads definitions is downloaded only once one is chosen.
  const fetchedBefore = fullWorkerFetches();
  await upload(page, fixture('valid-2025-26.xlsx'));
  assert.equal(fullWorkerFetches(), fetchedBefore);
  await page.click('#check-another');
  // A broken definition is refused with the JSON path of the problem.
  await page.click('.profile-choice summary');
  const broken = JSON.parse(readFileSync(definition, 'utf8'));
  broken.values.yes = 'Oui';
  await page.setInputFiles('#profile-upload', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await page.waitForSelector('#profile-status');
  assert.match(await page.textContent('#profile-status'), /cannot be used:.*`values\.yes`: “Oui” is not in `lists\.yes_no`/);
  // The real one is used for the plans written to it.
  await page.setInputFiles('#profile-upload', definition);
  await page.waitForFunction(() => /will be checked against this definition/.test(document.getElementById('profile-status')?.textContent || ''));
  await upload(page, plan);
  assert.equal(await page.textContent('#result-round'), '2025-26-local');
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  assert.equal(fullWorkerFetches(), fetchedBefore + 1);
  // The built-in rounds are still checked as before.
  await page.click('#check-another');
  await upload(page, fixture('valid-2017-19.xlsx'));
  assert.equal(await page.textContent('#result-round'), '2017-19');
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  // The JavaScript API takes one too (a worker of its own).
  const [reportWithout, reportWith] = await page.evaluate(async ([bytes, text]) => {
    const { check } = await import('./api.js');
    const without = await check(new Uint8Array(bytes), 'plan.xlsx');
    const withIt = await check(new Uint8Array(bytes), 'plan.xlsx', { profile: text });
    return [without, withIt];
  }, [[...readFileSync(plan)], readFileSync(definition, 'utf8')]);
  // Without it no round knows the plan: only its own drop-down lists and checklist are checked,
  // and the report says so.
  assert.equal(reportWithout.status, 'warning');
  assert.equal(reportWithout.coverage, 'workbook');
  assert.equal(reportWithout.findings[0].rule, 'template.not-recognised');
  assert.equal(reportWith.profile, '2025-26-local');
  assert.equal(reportWith.status, 'pass');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a definition made from a blank template: what was found, the download, used at once; and through the JavaScript API', async () => {
  const { page, context, problems } = await ready({ acceptDownloads: true, bypassCSP: true });
  const template = fixture('derive/changed-layout-template.xlsx');
  const plan = fixture('derive/plan-in-the-changed-layout.xlsx');
  await page.click('.derive-definition summary');
  await page.setInputFiles('#derive-upload', template);
  await page.waitForFunction(() => /will be checked against this definition/.test(document.getElementById('derive-use')?.textContent || ''), null, { timeout: 30_000 });
  const lines = await texts(page, '.derive-lines li');
  assert.match(lines[0], /from the built-in definition for 2025-26 \(found (\d+) of the \1 sheets/);
  assert.match(lines[1], /no version cell: plans are recognised by the title “Better Care Fund 2025-26 Planning Template”/);
  assert.match(lines.at(-1), /Everything was found/);
  // axe on the open panel (the page's own CSP is bypassed only to inject axe).
  await page.addScriptTag({ path: join(root, 'node_modules', 'axe-core', 'axe.min.js') });
  const violations = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(violations.violations.map((v) => v.id), []);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#derive-download')]);
  assert.equal(download.suggestedFilename(), 'derived-better-care-fund-2025-26-planning-template.json');
  const definition = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(definition.sheets.expenditure, '5. Spending plan');
  assert.equal(definition.version, undefined);
  // A plan in that layout is now checked in full, as the round it was derived from.
  await upload(page, plan);
  assert.equal(await page.textContent('#result-round'), "derived-better-care-fund-2025-26-planning-template (recognised by the template's title)");
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  // The JavaScript API makes the same definition; a plan checked with it passes, and a file that
  // is not a workbook is refused with the reason.
  const [made, report, refused] = await page.evaluate(async ([templateBytes, planBytes]) => {
    const { deriveDefinition, check } = await import('./api.js');
    const made = await deriveDefinition(new Uint8Array(templateBytes), 'template.xlsx');
    const report = await check(new Uint8Array(planBytes), 'plan.xlsx', { profile: made.json.replace('"id": "derived-', '"id": "api-derived-') });
    const refused = await deriveDefinition(new TextEncoder().encode('not a workbook'), 'notes.xlsx').then(() => '', (e) => e.message);
    return [made, report, refused];
  }, [[...readFileSync(template)], [...readFileSync(plan)]]);
  assert.equal(made.complete, true);
  assert.deepEqual(JSON.parse(made.json), definition);
  assert.equal(report.profile, 'api-derived-better-care-fund-2025-26-planning-template');
  assert.equal(report.status, 'pass');
  assert.match(refused, /^No definition was made\. notes\.xlsx cannot be read/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file that takes too long in the worker is reported, and the next file is checked by a new worker', async () => {
  const { page, context, problems } = await ready();
  // A limit no check can meet (the page reads it for tests), then the usual one.
  await page.evaluate(() => { window.bcfCheckTimeLimitMs = 1; });
  await upload(page, fixture('valid-2025-26.xlsx'));
  assert.match(await page.textContent('body'), /checking it took longer than 1 millisecond, so it was stopped/);
  await page.evaluate(() => { delete window.bcfCheckTimeLimitMs; });
  await page.click('#check-another');
  await upload(page, fixture('valid-2025-26.xlsx'));
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  // The JavaScript API: the same limit (its own option), and the next check starts afresh.
  const [refused, report] = await page.evaluate(async (bytes) => {
    const { check } = await import('./api.js');
    const refused = await check(new Uint8Array(bytes), 'plan.xlsx', { timeLimitMs: 1 }).then(() => '', (e) => e.message);
    const report = await check(new Uint8Array(bytes), 'plan.xlsx');
    return [refused, report];
  }, [...readFileSync(fixture('valid-2025-26.xlsx'))]);
  assert.equal(refused, 'The file could not be checked: checking it took longer than 1 millisecond, so it was stopped.');
  assert.equal(report.status, 'pass');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a plan with warnings only, and one with no problems, each show their own state', async () => {
  const { page, context, problems } = await ready({ bypassCSP: true });
  await upload(page, fixture('warnings-only-2025-26.xlsx'));
  assert.equal(await page.textContent('#summary h2'), 'No errors');
  assert.match(await page.textContent('#summary'), /Check these warnings before you submit your plan/);
  assert.equal(await page.locator('.govuk-error-summary').count(), 0, 'no red error summary for warnings');
  assert.equal(await page.title(), 'Check your Better Care Fund planning template');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'summary');
  await page.addScriptTag({ path: join(root, 'node_modules', 'axe-core', 'axe.min.js') });
  const violations = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(violations.violations.map((v) => v.id), []);
  await page.click('#check-another');
  await upload(page, fixture('valid-2025-26.xlsx'));
  assert.equal(await page.getAttribute('#summary', 'class'), 'govuk-panel govuk-panel--confirmation');
  assert.equal(await page.locator('#download-marked').count(), 0, 'nothing to mark in a plan with no problems');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a problem is counted under the sheet it points at, even when it is listed with the checks across sheets', async () => {
  const { page, context, problems } = await ready();
  await upload(page, fixture('defective-2025-26.xlsx'));
  // The adult social care shortfall is at 4. Income!D45 and compares figures from two sheets.
  assert.match(await page.textContent('#section-4-income-heading'), /1 error/);
  assert.doesNotMatch(await page.textContent('#section-4-income-heading'), /No problems found/);
  assert.match(await page.textContent('#section-4-income .listed-elsewhere'), /1 problem on this sheet is listed under Checks across sheets, because it compares figures from more than one sheet: D45\./);
  assert.match(await page.textContent('#summary'), /4\. Income: 1 error/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('33 plans of three rounds at 1280 px, as an assurer has them: a table that scans in about three screens', async () => {
  const { page, context, problems } = await ready({ viewport: { width: 1280, height: 800 } });
  const samples = ['valid-2025-26.xlsx', 'defective-2025-26.xlsx', 'valid-2017-19.xlsx', 'valid-2015-16.xlsx', '2015-16/dorset.xlsx',
    'warnings-only-2025-26.xlsx', 'libreoffice/defective-2025-26.xlsx', 'valid-2017-19.xlsb', '2015-16/birmingham.xlsx'];
  const boards = ['Leicester', 'Dorset', 'Bournemouth and Poole', 'Birmingham', 'Kingston upon Hull', 'Redcar and Cleveland', 'Windsor and Maidenhead'];
  const files = Array.from({ length: 33 }, (_, i) => {
    const sample = samples[i % samples.length];
    return { name: `${boards[i % boards.length]} BCF plan ${i + 1}.${sample.split('.').pop()}`, mimeType: 'application/octet-stream', buffer: readFileSync(fixture(sample)) };
  });
  await page.setInputFiles('#file-upload', files);
  await page.waitForSelector('.batch-table', { timeout: 120_000 });
  const look = await page.evaluate(() => {
    const table = document.querySelector('.batch-table');
    const width = (e) => e.getBoundingClientRect().width;
    return {
      page: document.documentElement.scrollHeight,
      table: width(table),
      column: width(table.closest('.batch-scroll')),
      // Each file cell against the widest word of its name (names wrap only between words).
      squeezed: [...table.querySelectorAll('tbody th')].filter((th) => Math.max(...[...th.querySelectorAll('.unbroken')].map(width)) > width(th)).length,
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
  assert.ok(look.page <= 2800, `the page is ${look.page} px tall (it was 28,094): about ${(look.page / 800).toFixed(1)} screens`);
  assert.ok(look.table <= look.column + 1, `the table (${look.table} px) fits its column (${look.column} px)`);
  assert.equal(look.squeezed, 0, 'no file cell is narrower than a word of its name');
  assert.equal(look.sideways, 0, 'no sideways scrolling');
  // Shortfalls flagged in red on the plans that have them.
  assert.ok((await page.locator('.batch-table .shortfall .govuk-tag--red').count()) >= 4);
  assert.deepEqual(problems, []);
  await context.close();
});

test('many plans at once, one of them for the full worker: it is handed over mid-batch and every plan is checked', async () => {
  const { page, context, problems } = await ready();
  const file = (name) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(fixture(name)) });
  await page.setInputFiles('#file-upload', [file('valid-2025-26.xlsx'), file('valid-2025-26.xlsb'), file('defective-2025-26.xlsx')]);
  await page.waitForSelector('.batch-table', { timeout: 30_000 });
  assert.deepEqual(await page.locator('.batch-table tbody th').allTextContents(), ['defective-2025-26.xlsx', 'valid-2025-26.xlsb', 'valid-2025-26.xlsx']);
  assert.deepEqual(await page.locator('.batch-table tbody td.result').allTextContents(), ['Errors', 'No problems', 'No problems']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('many plans at once: progress, a sortable table, each report and back, the downloads', async () => {
  const { page, context, problems } = await ready({ acceptDownloads: true });
  await page.evaluate(() => {
    window.said = [];
    new MutationObserver(() => window.said.push(document.getElementById('status')?.textContent || ''))
      .observe(document.getElementById('status'), { childList: true, subtree: true, characterData: true });
  });
  const file = (name) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(fixture(name)) });
  await page.setInputFiles('#file-upload', [
    file('valid-2025-26.xlsx'),
    file('defective-2025-26.xlsx'),
    { name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a workbook') },
  ]);
  await page.waitForSelector('.batch-table', { timeout: 30_000 });
  const said = await page.evaluate(() => window.said);
  assert.ok(said.includes('Checked 1 of 3 plans…') && said.includes('Checked 3 plans.'), JSON.stringify(said));
  // Focus on the table's heading once it is shown, not lost on the page's body; a title of its
  // own; the progress said once.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'batch-heading');
  assert.equal(await page.title(), '3 plans checked – Check your Better Care Fund planning template');
  assert.equal(await page.locator('.batch-progress').count(), 0);
  // A shortfall is flagged, not written like a met test.
  const defectiveRow = page.locator('.batch-table tbody tr', { hasText: 'defective-2025-26.xlsx' });
  assert.match(await defectiveRow.locator('.shortfall .govuk-tag').textContent(), /^Short by £[\d,]+$/);
  assert.match(await page.locator('.batch-table tbody tr', { hasText: 'valid-2025-26.xlsx' }).locator('.funding-line').first().textContent(), /^Met, by £[\d,]+$/);
  const files = () => page.locator('.batch-table tbody th').allTextContents();
  assert.deepEqual(await files(), ['broken.xlsx', 'defective-2025-26.xlsx', 'valid-2025-26.xlsx']);
  // Sorted by result, worst first; again, best first.
  await page.click('button.sort[data-column="result"]');
  assert.deepEqual(await page.locator('.batch-table tbody td.result').allTextContents(), ['Could not be read', 'Errors', 'No problems']);
  await page.click('button.sort[data-column="result"]');
  assert.deepEqual(await page.locator('.batch-table tbody td.result').allTextContents(), ['No problems', 'Errors', 'Could not be read']);
  // One plan's full report, and back to the table: by the button, then by the browser's Back,
  // each time sorted, scrolled and focused as it was left.
  const results = () => page.locator('.batch-table tbody td.result').allTextContents();
  const sortedOrder = await results();
  for (const back of ['button', 'browser']) {
    await page.evaluate(() => window.scrollTo(0, 120));
    const scrolled = await page.evaluate(() => window.scrollY);
    // Clicked where it is (Playwright's click would first scroll it into view).
    await page.evaluate(() => [...document.querySelectorAll('button.open-plan')].find((b) => b.textContent === 'defective-2025-26.xlsx').click());
    await page.waitForSelector('#summary');
    assert.equal(await page.textContent('#result-file'), 'defective-2025-26.xlsx');
    if (back === 'button') await page.click('#back-to-batch');
    else await page.goBack();
    await page.waitForSelector('.batch-table');
    await page.waitForFunction(() => document.activeElement?.classList.contains('open-plan'));
    assert.deepEqual(await results(), sortedOrder, `${back}: the sort is kept`);
    assert.equal(await page.evaluate(() => window.scrollY), scrolled, `${back}: the scroll position is kept`);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'defective-2025-26.xlsx', `${back}: focus is on the plan opened`);
  }
  // Back did not leave the site, and Forward opens the plan again.
  await page.goForward();
  await page.waitForSelector('#summary');
  assert.equal(await page.textContent('#result-file'), 'defective-2025-26.xlsx');
  await page.goBack();
  await page.waitForSelector('.batch-table');
  // The three downloads.
  const download = async (id) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
    return readFileSync(await d.path());
  };
  const reports = JSON.parse((await download('#download-batch-json')).toString('utf8'));
  assert.equal(reports.length, 3);
  assert.deepEqual(reports.map((r) => r.status).sort(), ['error', 'pass', 'unreadable']);
  const csv = (await download('#download-batch-csv')).subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  assert.equal(csv[0], 'file,sheet,cell,severity,rule,message,hint');
  assert.equal(csv.length, 1 + 7 + 1);
  const summary = (await download('#download-batch-summary')).subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  assert.match(summary[0], /^file,round,board,result,checked,errors,warnings,advisories,total_pooled,/);
  assert.equal(summary.length, 1 + 3);
  // The shortfall is a negative number Excel sorts with the rest, not text ('-500000.00).
  const shortfall = summary.find((line) => line.startsWith('defective-2025-26.xlsx,')).split(',').at(-1);
  assert.match(shortfall, /^-\d+\.\d\d$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('comparison is offered after a report and under the batch table, and wraps at 320 px', async () => {
  const { page, context, problems } = await ready({ viewport: { width: 320, height: 700 } });
  await upload(page, fixture('defective-2025-26.xlsx'));
  await page.click('.compare summary');
  await page.setInputFiles('#compare-old', fixture('valid-2025-26.xlsx'));
  await page.setInputFiles('#compare-new', fixture('defective-2025-26.xlsx'));
  await page.click('#compare-button');
  await page.waitForSelector('#compare-result h3');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'no sideways scroll at 320 px');
  await page.click('#check-another');
  const file = (name) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(fixture(name)) });
  await page.setInputFiles('#file-upload', [file('valid-2025-26.xlsx'), file('defective-2025-26.xlsx')]);
  await page.waitForSelector('.batch-table', { timeout: 30_000 });
  assert.equal(await page.locator('.compare summary').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare with an earlier version: what changed, by sheet, and the problems that are new', async () => {
  const { page, context, problems } = await ready();
  await page.click('.compare summary');
  await page.setInputFiles('#compare-old', fixture('valid-2025-26.xlsx'));
  await page.setInputFiles('#compare-new', fixture('defective-2025-26.xlsx'));
  await page.click('#compare-button');
  await page.waitForSelector('#compare-result h3');
  const sheets = await page.locator('#compare-result h3').allTextContents();
  assert.deepEqual(sheets.slice(0, 2), ['2. Cover', '5. Expenditure']);
  const changed = await page.locator('#compare-result li[data-change="changed"]').allTextContents();
  assert.ok(changed.includes('E-mail (C7): “alex.morgan@example.gov.uk” changed to “alex.morgan(at)example.gov.uk”'), JSON.stringify(changed));
  assert.equal(await page.locator('#compare-result li[data-change="new problem"]').count(), 7);
  // A count first, said in the live region, and the focus on the result's heading.
  assert.match(await page.textContent('#compare-summary'), /^\d+ edits?, 7 new problems and 0 problems fixed$/);
  assert.match(await page.textContent('#compare-status'), /^Compared: \d+ edits?, 7 new problems/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'compare-heading');
  // The problems come after the edits, under a heading of their own, with their sheet.
  assert.equal(sheets.at(-1), 'Problems fixed and new');
  assert.ok((await page.locator('#compare-result li[data-change="new problem"]').first().textContent()).startsWith('New problem (2. Cover!C7)'));
  // Plans of different rounds are not versions of one plan.
  await page.setInputFiles('#compare-new', fixture('valid-2017-19.xlsx'));
  await page.click('#compare-button');
  await page.waitForFunction(() => /different planning rounds/.test(document.getElementById('compare-result')?.textContent || ''));
  assert.deepEqual(problems, []);
  await context.close();
});

test('an .xlsb, .ods or .xls plan: the full worker is fetched only then and checks it, compares it, and through the API', async () => {
  const { page, context, problems } = await ready();
  const before = fullWorkerFetches();
  await upload(page, fixture('valid-2025-26.xlsx'));
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  assert.equal(fullWorkerFetches(), before, 'an Excel workbook is read by the first worker');
  // The first worker hands the Excel binary workbook on; the full one checks it.
  await page.click('#check-another');
  await upload(page, fixture('valid-2025-26.xlsb'));
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  assert.equal(fullWorkerFetches(), before + 1);
  await page.click('#check-another');
  await upload(page, fixture('libreoffice/valid-2025-26.ods'));
  assert.equal(await page.textContent('#result-round'), '2025-26');
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  assert.equal(fullWorkerFetches(), before + 1);
  // From then on the full worker checks every file, of any format.
  await page.click('#check-another');
  await upload(page, fixture('libreoffice/valid-2017-19.xls'));
  assert.equal(await page.textContent('#result-round'), '2017-19');
  await page.click('#check-another');
  await upload(page, fixture('valid-2017-19.xlsx'));
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  // A comparison of two such files, on a page whose worker has not met one yet.
  const fresh = await ready();
  await fresh.page.click('.compare summary');
  await fresh.page.setInputFiles('#compare-old', fixture('libreoffice/valid-2025-26.ods'));
  await fresh.page.setInputFiles('#compare-new', fixture('libreoffice/valid-2025-26.ods'));
  await fresh.page.click('#compare-button');
  await fresh.page.waitForFunction(() => /are the same/.test(document.getElementById('compare-result')?.textContent || ''));
  // The JavaScript API hands such a file on too.
  const report = await fresh.page.evaluate(async (bytes) => {
    const { check } = await import('./api.js');
    return check(new Uint8Array(bytes), 'plan.xls');
  }, [...readFileSync(fixture('libreoffice/valid-2017-19.xls'))]);
  assert.equal(report.profile, '2017-19');
  assert.equal(report.status, 'pass');
  assert.deepEqual(problems, []);
  assert.deepEqual(fresh.problems, []);
  await fresh.context.close();
  await context.close();
});

test('a workbook whose parts declare an encoding other than UTF-8 is handed to the full worker and checked, never called damaged', async () => {
  const { page, context, problems } = await ready();
  const before = fullWorkerFetches();
  // The page's own worker carries only UTF-8 and UTF-16 (Excel writes nothing else); a part
  // declared ISO-8859-1 is read by the worker that carries every encoding, as the command line reads it.
  await upload(page, fixture('parts-declared-iso-8859-1-2025-26.xlsx'));
  assert.equal(await page.textContent('#summary h2'), 'No problems found');
  assert.equal(await page.textContent('#result-hwb'), 'Leicester');
  assert.equal(fullWorkerFetches(), before + 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the site is served compressed, as a real static host serves it', async () => {
  const { page, context } = await openPage(browser, server.url);
  const encodings = {};
  page.on('response', async (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (/\.(wasm|js)$/.test(name)) encodings[name.replace(/-[0-9a-f]{8,16}(?=[_.])/, '')] = (await r.allHeaders())['content-encoding'];
  });
  await page.reload();
  await page.waitForSelector('#file-upload');
  await page.waitForLoadState('networkidle');
  assert.equal(encodings['bcf-check-app_bg.wasm'], 'br', JSON.stringify(encodings));
  assert.equal(encodings['checking-worker.js'], 'br', JSON.stringify(encodings));
  await context.close();
});
