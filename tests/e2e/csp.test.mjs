// The strict Content-Security-Policy (issue 9): every page of the demo
// portal, the ledger and the playground is served with it, the pages work
// under it (every other browser test fails on any violation, through
// openPage), the violation check itself catches an inline script and an
// inline style, and the widget's Subresource Integrity hashes from
// `cargo xtask build` are the ones the browser accepts — a tampered wasm
// module is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, baseUrl, openPage, root } from './helpers.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('every page and the widget are served with the strict CSP', async () => {
  for (const path of ['/', '/apply.html?item=tractor-registration.json', '/ledger/', '/playground/', '/demo/two-forms.html',
    '/banli-form/banli-form.js', '/banli-wasm/web/banli.js', '/api/items']) {
    const response = await fetch(`${baseUrl}${path}`);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-security-policy'), CSP, path);
    assert.doesNotMatch(response.headers.get('content-security-policy'), /'unsafe-eval'|'unsafe-inline'/, path);
  }
});

test('the violation check catches an inline script and an inline style', async () => {
  const page = await openPage(browser, '/demo/blank.html');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1';
    document.body.append(script);
    document.getElementById('host').setAttribute('style', 'color: red');
    const style = document.createElement('style');
    style.textContent = 'body { color: red }';
    document.head.append(style);
  });
  await page.waitForFunction(() => true);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(await page.evaluate(() => window.__inline ?? null), null, 'the inline script did not run');
  const violations = page.problems.filter((p) => p.startsWith('CSP violation'));
  assert.ok(violations.some((v) => v.includes('script-src')), violations.join('\n'));
  assert.ok(violations.some((v) => v.includes('style-src')), violations.join('\n'));
  await page.close();
});

const integrity = () => JSON.parse(readFileSync(join(root, 'target/pkg/banli-widget/integrity.json'), 'utf8'));

async function loadWithIntegrity(page) {
  return page.evaluate(async (hash) => {
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '/banli-form/banli-form.js';
    script.integrity = hash;
    script.crossOrigin = 'anonymous';
    const loaded = new Promise((resolve, reject) => { script.onload = resolve; script.onerror = () => reject(new Error('banli-form.js refused')); });
    document.head.append(script);
    await loaded;
    await customElements.whenDefined('banli-form');
    const form = document.createElement('banli-form');
    const outcome = new Promise((resolve) => {
      form.addEventListener('banli-ready', () => resolve('ready'));
      form.addEventListener('banli-error', (e) => resolve(`error: ${e.detail.message}`));
    });
    form.setAttribute('src', '/schemas/items/tractor-registration.json');
    document.getElementById('host').append(form);
    return outcome;
  }, integrity()['banli-form.js']);
}

test('the widget loads with the printed integrity hashes', async () => {
  const hashes = integrity();
  for (const file of ['banli-form.js', 'banli_widget.js', 'banli_widget_bg.wasm', 'banli-form.css']) {
    assert.match(hashes[file], /^sha384-[A-Za-z0-9+/]{64}$/, file);
  }
  const page = await openPage(browser, '/demo/blank.html');
  assert.equal(await loadWithIntegrity(page), 'ready');
  await page.locator('banli-form .page-title').first().waitFor();
  // The stylesheet was checked too and applied: the primary button has the
  // colour only banli-form.css gives it (#1d4ed8), not Chromium's ButtonFace.
  assert.equal(await page.locator('banli-form button.primary').first().evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(29, 78, 216)');
  assert.deepEqual(page.problems, []);
  await page.close();
  // The hashes really are in the served module: no placeholder survived, so
  // the integrity attributes are never silently dropped.
  const module = await (await fetch(`${baseUrl}/banli-form/banli-form.js`)).text();
  assert.doesNotMatch(module, /__BANLI_(WASM|CSS)_INTEGRITY__/);
  assert.ok(module.includes(hashes['banli-form.css']) && module.includes(hashes['banli_widget_bg.wasm']));
});

test('a tampered stylesheet is refused', async () => {
  const page = await openPage(browser, '/demo/blank.html');
  await page.route('**/banli-form.css', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${await response.text()}\n.banli-root { display: none }` });
  });
  assert.equal(await loadWithIntegrity(page), 'ready');
  const problems = page.problems.splice(0);
  assert.ok(problems.some((p) => /integrity|digest/i.test(p)), problems.join('\n'));
  // The tampered rules were not applied: the form is there, unstyled.
  assert.notEqual(await page.locator('banli-form .banli-root').evaluate((e) => getComputedStyle(e).display), 'none');
  await page.close();
});

test('a tampered wasm module is refused', async () => {
  const page = await openPage(browser, '/demo/blank.html');
  await page.route('**/banli_widget_bg.wasm', async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length - 1] ^= 0xff;
    await route.fulfill({ response, body });
  });
  const outcome = await loadWithIntegrity(page);
  assert.match(outcome, /^error: /, 'the form must not start on a tampered module');
  assert.ok(page.problems.some((p) => /integrity|digest/i.test(p)), page.problems.join('\n'));
  await page.close();
});
