// End to end: the release build of the site, served locally, driven in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import { serve } from './server.mjs';
import { launch, openPage } from './browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = (name) => join(root, 'tests', 'fixtures', name);
let server;
let browser;

before(async () => {
  server = await serve(join(root, 'dist'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function upload(page, file) {
  await page.setInputFiles('#file-upload', file);
  await page.waitForSelector('#results-heading', { timeout: 20_000 });
}

test('a valid plan is checked in the page and passes', async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await page.waitForSelector('#file-upload');
  await upload(page, fixture('valid-2025-26.xlsx'));
  assert.equal(await page.textContent('#results-heading'), 'No problems found');
  assert.equal(await page.textContent('#result-file'), 'valid-2025-26.xlsx');
  assert.equal(await page.textContent('#result-round'), '2025-26');
  assert.equal(await page.textContent('#result-hwb'), 'Leicester');
  assert.match(await page.textContent('#status'), /No problems were found/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a corrupt file gets a clear message and the page stays usable', async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await page.waitForSelector('#file-upload');
  const bytes = readFileSync(fixture('valid-2017-19.xlsx'));
  await page.setInputFiles('#file-upload', {
    name: 'damaged.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: bytes.subarray(0, Math.floor(bytes.length / 2)),
  });
  await page.waitForSelector('#results-heading', { timeout: 20_000 });
  assert.equal(await page.textContent('#results-heading'), 'Your file could not be checked');
  const row = page.locator('tr[data-rule="file.unreadable"]');
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /could not be read/);
  // "Check another file" brings the form back without a reload, and the next file is checked.
  await page.click('#check-another');
  await upload(page, fixture('valid-2017-19.xlsx'));
  assert.equal(await page.textContent('#result-round'), '2017-19');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file that is not a spreadsheet is named for what it is', async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await page.waitForSelector('#file-upload');
  await page.setInputFiles('#file-upload', { name: 'plan.xlsx', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%âãÏÓ\n') });
  await page.waitForSelector('#results-heading', { timeout: 20_000 });
  const row = page.locator('tr[data-rule="file.unsupported-format"]');
  assert.match(await row.textContent(), /a PDF document/);
  assert.deepEqual(problems, []);
  await context.close();
});
