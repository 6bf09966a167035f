// Loading (issue 16): importing banli-form.js starts the wasm and the
// stylesheet before any form is mounted, mount() takes those downloads
// instead of starting its own, the README's <head> hints are taken the same
// way, and an element upgraded in place mounts once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, root, baseUrl } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WIDGET = ['banli-form.js', 'banli_widget.js', 'banli_widget_bg.wasm', 'banli-form.css'];

/** Requests per widget file, counted from now on. */
function countRequests(page) {
  const counts = Object.fromEntries(WIDGET.map((file) => [file, 0]));
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname.replace('/banli-form/', '');
    if (file in counts) counts[file] += 1;
  });
  return counts;
}

const requested = (page, file) => page.waitForRequest((r) => new URL(r.url()).pathname === `/banli-form/${file}`);

test('importing the loader starts the wasm and the stylesheet; mount() reuses them', async () => {
  const page = await openPage(browser, '/demo/blank.html');
  const counts = countRequests(page);
  const early = Promise.all([requested(page, 'banli_widget_bg.wasm'), requested(page, 'banli-form.css')]);
  await page.evaluate(() => import('/banli-form/banli-form.js'));
  // Both are requested with no form mounted: nothing has called mount() yet.
  await early;
  assert.equal(await page.evaluate(() => document.getElementById('host').shadowRoot), null);
  await page.evaluate(async () => {
    const { mount } = await import('/banli-form/banli-form.js');
    await mount(document.getElementById('host'), { src: '/schemas/items/tractor-registration.json' });
  });
  await page.locator('#host .page-title').first().waitFor();
  // Styled by the preloaded sheet: the colour only banli-form.css gives it.
  assert.equal(await page.locator('#host button.primary').first().evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(29, 78, 216)');
  assert.deepEqual(counts, { 'banli-form.js': 1, 'banli_widget.js': 1, 'banli_widget_bg.wasm': 1, 'banli-form.css': 1 });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the README\'s <head> hints are taken by the loader, not downloaded twice', async () => {
  const css = JSON.parse(readFileSync(join(root, 'target/pkg/banli-widget/integrity.json'), 'utf8'))['banli-form.css'];
  const page = await openPage(browser, '/demo/blank.html');
  const counts = countRequests(page);
  await page.evaluate(async (integrity) => {
    const hint = (attributes) => document.head.append(Object.assign(document.createElement('link'), attributes));
    hint({ rel: 'modulepreload', href: '/banli-form/banli_widget.js' });
    hint({ rel: 'preload', as: 'fetch', href: '/banli-form/banli_widget_bg.wasm', crossOrigin: 'anonymous' });
    hint({ rel: 'preload', as: 'style', href: '/banli-form/banli-form.css', crossOrigin: 'anonymous', integrity });
    const form = document.createElement('banli-form');
    const ready = new Promise((resolve, reject) => {
      form.addEventListener('banli-ready', resolve);
      form.addEventListener('banli-error', (e) => reject(new Error(e.detail.message)));
    });
    await import('/banli-form/banli-form.js');
    form.setAttribute('src', '/schemas/items/tractor-registration.json');
    document.getElementById('host').append(form);
    await ready;
  }, css);
  assert.deepEqual(counts, { 'banli-form.js': 1, 'banli_widget.js': 1, 'banli_widget_bg.wasm': 1, 'banli-form.css': 1 });
  assert.deepEqual(page.problems, []);
  await page.close();
});

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

test('the demo portal\'s hints are taken, not downloaded twice', async () => {
  // Not openPage: its requests start with its navigation, before a listener
  // could be added (and its fake clock hides Resource Timing).
  const page = await browser.newPage();
  const counts = countRequests(page);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.goto(`${baseUrl}/apply.html?item=tractor-registration.json`);
  await page.locator('banli-form .page-title').first().waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(counts, { 'banli-form.js': 1, 'banli_widget.js': 1, 'banli_widget_bg.wasm': 1, 'banli-form.css': 1 });
  assert.deepEqual(problems, []);
  await page.close();
});
