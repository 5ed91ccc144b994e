// Starts Debian's Chromium through playwright-core (Playwright's own browser download is not used).
import { chromium } from 'playwright-core';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}

// A page that fails the test on any console error or warning, or uncaught exception.
// `options` are the new context's; `prepare(context)` runs before the page loads (to route
// requests, say).
export async function openPage(browser, url, options = {}, prepare = async () => {}, navigation = {}) {
  const context = await browser.newContext(options);
  await prepare(context);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (['error', 'warning'].includes(m.type())) problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url, navigation);
  return { page, context, problems };
}
