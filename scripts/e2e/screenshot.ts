/**
 * The extension in VS Code's UI, checked through the DOM and photographed: a folder open in code-server, a
 * Dockerfile with its squiggles, the Problems panel, the Rampart Findings view expanded, the status-bar item.
 * Prints what it saw as JSON; exit 0 only when squiggles, problems, view rows and the status item were all there.
 *
 * Usage: node out/scripts/e2e/screenshot.js (--vsix=FILE | --dev) [--open=services/api/Dockerfile]
 *          [--out=docs/screenshot.png] FOLDER
 * --vsix installs a packaged extension into the fresh profile; --dev loads the repository as a development extension.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { ROOT, launchChromium, startCodeServer, workbenchUrl } from './code-server';

const MAX_BYTES = 200 * 1024;
const SIZES: [number, number][] = [[1120, 700], [1040, 660], [960, 620]];

function parse(argv: string[]) {
  const o = { vsix: [] as string[], dev: false, open: 'Dockerfile', out: path.join(ROOT, 'docs', 'screenshot.png'), folder: '' };
  for (const a of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) o.folder = a;
    else if (m[1] === 'vsix' && m[2]) o.vsix.push(m[2]);
    else if (m[1] === 'dev') o.dev = true;
    else if (m[1] === 'open' && m[2]) o.open = m[2];
    else if (m[1] === 'out' && m[2]) o.out = path.resolve(m[2]);
  }
  return o;
}

const texts = async (page: Page, selector: string) =>
  (await page.locator(selector).allInnerTexts()).map(s => s.replace(/\s+/g, ' ').trim()).filter(Boolean);

async function main(): Promise<number> {
  const o = parse(process.argv.slice(2));
  if (!o.folder || (!o.vsix.length && !o.dev)) { console.error('usage: screenshot.js (--vsix=FILE | --dev) [--open=FILE] [--out=PNG] FOLDER'); return 2; }
  const server = await startCodeServer({
    vsix: o.vsix,
    settings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.minimap.enabled': false, 'window.commandCenter': false,
      'workbench.layoutControl.enabled': false, 'editor.fontSize': 13, 'workbench.tree.indent': 12 },
  });
  const seen = { squiggles: 0, problems: [] as string[], findingsView: [] as string[], statusItem: '', bytes: 0 };
  let ok = false;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: SIZES[0][0], height: SIZES[0][1] } });
    const t = 30_000;
    await page.goto(workbenchUrl(server, { folder: o.folder, extensionDevelopmentPaths: o.dev ? [ROOT] : [] }));
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: t });

    // Quick Open the file
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: t });
    await input.fill(o.open);
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: t });
    await page.keyboard.press('Enter');
    // the server's findings as squiggles
    const squiggle = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info';
    await page.locator(squiggle).first().waitFor({ timeout: t });
    seen.squiggles = await page.locator(squiggle).count();

    // the Problems panel
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: t });

    // the Rampart container in the activity bar, its Findings view
    await page.locator('.activitybar .action-item a[aria-label^="Rampart"]').first().click({ force: true }); // the badge covers it
    const viewRows = page.locator('.part.sidebar .monaco-list-row');
    await viewRows.first().waitFor({ timeout: t });
    // a wider side bar, so that the findings' messages can be read
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const x = sidebar.x + sidebar.width, y = sidebar.y + sidebar.height / 2;
      await page.mouse.move(x - 1, y);
      await page.mouse.down();
      await page.mouse.move(x + 130, y, { steps: 5 });
      await page.mouse.up();
    }
    await page.waitForTimeout(1500); // the workspace scan fills the view; let it settle
    seen.problems = await texts(page, '.markers-panel .monaco-list-row');
    seen.findingsView = await texts(page, '.part.sidebar .monaco-list-row');
    seen.statusItem = (await page.locator('.statusbar-item[aria-label^="Rampart"]').first().getAttribute('aria-label')) ?? '';

    await page.mouse.move(700, 5); // no hover widgets in the picture
    await page.waitForTimeout(300);
    fs.mkdirSync(path.dirname(o.out), { recursive: true });
    // commit-sized: a smaller window when the picture comes out too big
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(400);
      await page.screenshot({ path: o.out });
      seen.bytes = fs.statSync(o.out).size;
      if (seen.bytes < MAX_BYTES) break;
    }
    ok = seen.squiggles > 0 && seen.problems.length > 1 && seen.findingsView.length > 3 && /^Rampart: \d+ Error/.test(seen.statusItem) &&
      seen.bytes < MAX_BYTES;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop(!ok);
    if (!ok) console.error(`code-server logs kept in ${server.tmp}`);
  }
  console.log(JSON.stringify(seen, null, 2));
  return ok ? 0 : 1;
}

main().then(c => process.exit(c), e => { console.error(e); process.exit(1); });
