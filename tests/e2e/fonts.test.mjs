// Chinese labels render with a real Chinese font, not fallback boxes (豆腐块):
// two different characters drawn in the label's own font must give different
// pixels. Without a CJK font both are the same "missing glyph" box, and every
// screenshot in target/e2e-screenshots/ would be unreadable while the other
// tests still pass. `cargo xtask test` installs the font.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a Chinese label is drawn with Chinese glyphs, not fallback boxes', async () => {
  const page = await openPage(browser, '/apply.html?item=food-business-licence.json');
  await page.locator('banli-form').locator('.page-title').first().waitFor();
  const result = await page.evaluate(() => {
    const title = document.querySelector('banli-form').shadowRoot.querySelector('.page-title');
    const style = getComputedStyle(title);
    const draw = (text) => {
      const canvas = new OffscreenCanvas(64, 64);
      const context = canvas.getContext('2d');
      context.font = `48px ${style.fontFamily}`;
      context.fillText(text, 4, 52);
      return Array.from(context.getImageData(0, 0, 64, 64).data).join(',');
    };
    return { family: style.fontFamily, text: title.textContent, differ: draw('办') !== draw('理'), inked: draw('办') !== draw(' ') };
  });
  assert.match(result.text, /[\u4e00-\u9fff]/, 'the title is Chinese');
  assert.ok(result.inked, `办 draws nothing in ${result.family}`);
  assert.ok(result.differ, `办 and 理 draw the same box in ${result.family}: no CJK font (cargo xtask test installs fonts-wqy-zenhei)`);
  assert.deepEqual(page.problems, []);
  await page.close();
});
