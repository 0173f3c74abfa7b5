/**
 * Renders client/media/icon.svg to client/media/icon.png (128×128), the Marketplace icon: vsce accepts PNG
 * icons only. Run after changing the SVG: node out/scripts/e2e/render-icon.js
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, launchChromium } from './code-server';

async function main(): Promise<void> {
  const svg = fs.readFileSync(path.join(ROOT, 'client', 'media', 'icon.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.screenshot({ path: path.join(ROOT, 'client', 'media', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

main().catch(e => { console.error(e); process.exit(1); });
