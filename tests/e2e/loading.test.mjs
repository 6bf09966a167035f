// Loading: an element upgraded in place mounts once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a <banli-form> in the markup before the loader mounts once', async () => {
  // two-forms.html has both elements in its markup and the loader in <head>:
  // they are upgraded in place, attributes already set. Each mount empties
  // the element's shadow root once; a second mount removed the first one's
  // stylesheet link before it loaded, so the first mount never finished.
  const page = await openPage(browser, '/demo/two-forms.html', {
    initScript: () => {
      window.__mounts = {};
      window.__ready = {};
      const replaceChildren = ShadowRoot.prototype.replaceChildren;
      ShadowRoot.prototype.replaceChildren = function (...nodes) {
        if (nodes.length === 0) window.__mounts[this.host.id] = (window.__mounts[this.host.id] ?? 0) + 1;
        return replaceChildren.apply(this, nodes);
      };
      document.addEventListener('banli-ready', (e) => { window.__ready[e.target.id] = (window.__ready[e.target.id] ?? 0) + 1; });
    },
  });
  await page.locator('#first .page-title').first().waitFor();
  await page.locator('#second .page-title').first().waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await page.evaluate(() => window.__mounts), { first: 1, second: 1 });
  assert.deepEqual(await page.evaluate(() => window.__ready), { first: 1, second: 1 });
  assert.deepEqual(page.problems, []);
  await page.close();
});
