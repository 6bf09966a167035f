// Hostile input in the browser (issue 9): an item definition whose every
// title, description, label, message, material name and note carries
// markup (`<img onerror>`, `</script><script>`, a `javascript:` link), and
// application data, a file name and a signer's name that do the same. The
// widget, the printed guide, the officials' ledger and the playground must
// show all of it as text: nothing runs, no element is injected, no dialog
// opens and the strict CSP reports nothing (openPage fails on any of these).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { launch, baseUrl, openPage, fillStep, press, screenshot, fixture, root } from './helpers.mjs';

const PAYLOAD = '<img src=x onerror="__xss=1"></script><script>__xss=1</script><a href="javascript:alert(1)">链接</a>';
const SHORT = '<img src=x onerror=__xss=1>';
// Every key whose string is shown to a person somewhere (widget, commitment,
// guide, ledger): in-lieu texts, deferral reasons, excluded periods too.
const TEXT_KEYS = new Set(['title', 'description', 'name', 'notes', 'x-help', 'x-placeholder', 'explanation', 'label', 'basis',
  'notice', 'proves', 'liability', 'verification', 'reason', 'excluded_periods']);

function poison(value, key) {
  if (typeof value === 'string') return TEXT_KEYS.has(key) ? `${value}${PAYLOAD}` : value;
  if (Array.isArray(value)) return value.map((v) => poison(v, key === 'legal_basis' ? 'title' : key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => {
      if ((k === 'x-enum-labels' || k === 'x-messages') && v && typeof v === 'object') {
        return [k, Object.fromEntries(Object.entries(v).map(([code, text]) => [code, typeof text === 'string' ? `${text}${PAYLOAD}` : text]))];
      }
      return [k, poison(v, k)];
    }));
  }
  return value;
}

const foodText = readFileSync(join(root, 'schemas/items/food-business-licence.json'), 'utf8');
const hostileDefinition = JSON.stringify(poison(JSON.parse(foodText)), null, 2);

function hostileApplication() {
  const application = fixture('food-business-licence', 'deferred-floor-plan');
  application.data.applicant.name = `${SHORT}禾丰餐饮`;
  application.data.premises.address = `${application.data.premises.address}${SHORT}`;
  application.materials['safety-rules'].files[0].name = `${SHORT}.pdf`;
  application.commitment.signer = '</script><script>__xss=1</script>陈立平';
  // A commitment in lieu as well as the deferral: the 告知承诺 texts are shown too.
  application.materials['health-certificates'] = { disposition: 'in_lieu' };
  return application;
}

/** Nothing ran and nothing was injected, in the page and in every shadow root. */
async function assertInert(page, where) {
  const state = await page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    return {
      ran: window.__xss ?? null,
      injected: roots.flatMap((r) => [...r.querySelectorAll('img[src="x"], script:not([src]), a[href^="javascript:" i], [onerror], [onclick]')].map((e) => e.outerHTML)),
      text: roots.map((r) => (r === document ? document.body.textContent : r.textContent)).join('\n'),
    };
  });
  assert.equal(state.ran, null, `${where}: injected script ran`);
  assert.deepEqual(state.injected, [], `${where}: markup became elements`);
  assert.deepEqual(page.problems, [], where);
  return state.text;
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the widget shows a hostile definition and hostile data as text, on every step', async () => {
  const application = hostileApplication();
  const page = await openPage(browser, '/demo/blank.html');
  await page.evaluate(async (definition) => {
    const { mount } = await import('/banli-form/banli-form.js');
    window.__envelope = null;
    const host = document.getElementById('host');
    host.addEventListener('banli-submit', (e) => { window.__envelope = e.detail; });
    await mount(host, { definition });
  }, hostileDefinition);
  await page.locator('#host .page-title').first().waitFor();
  // The error summary and messages carry the poisoned titles and x-messages.
  await press(page, '下一步');
  await page.locator('#host .error-summary').waitFor();
  assert.ok((await assertInert(page, 'error summary')).includes(PAYLOAD), 'the markup is shown as text');
  await screenshot(page, 'hostile-widget-summary');
  const filled = new Set();
  let shown = '';
  for (let step = 1; step <= 8; step += 1) {
    await fillStep(page, application, filled, '#host');
    shown += await assertInert(page, `step ${step}`);
    if (await page.locator('#host .review').count() > 0) break;
    await press(page, '下一步');
    const summary = page.locator('#host .error-summary');
    if (await summary.count() > 0) assert.fail(`step ${step}: ${await summary.textContent()}`);
  }
  shown += await assertInert(page, 'review');
  const food = JSON.parse(foodText);
  const inLieu = food.materials.find((m) => m.id === 'health-certificates').in_lieu;
  for (const text of [SHORT, `${SHORT}.pdf`, PAYLOAD, application.commitment.signer,
    `${inLieu.proves}${PAYLOAD}`, `${inLieu.liability}${PAYLOAD}`]) {
    assert.ok(shown.includes(text), `${text} is shown as text`);
  }
  await screenshot(page, 'hostile-widget-review');
  await press(page, '确认并提交');
  const envelope = await (await page.waitForFunction(() => window.__envelope)).jsonValue();
  assert.equal(envelope.data.applicant.name, application.data.applicant.name, 'the data is kept exactly as typed');
  assert.equal(envelope.commitment.signer, application.commitment.signer);
  await assertInert(page, 'after submit');
  await page.close();
});

test('the printed guide of a hostile definition is text, in HTML and in Markdown', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'banli-hostile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'hostile.json');
  writeFileSync(path, hostileDefinition);
  const bin = process.env.BANLI_BIN ?? join(root, 'target/debug/banli');
  const html = execFileSync(bin, ['guide', path, '--format', 'html'], { encoding: 'utf8' });
  // No CSP here (setContent): the escaping alone must hold.
  const page = await browser.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.setContent(html, { waitUntil: 'load' });
  assert.equal(await page.evaluate(() => window.__xss ?? null), null);
  assert.equal(await page.locator('img, script, a[href^="javascript:"]').count(), 0);
  const guideText = await page.textContent('body');
  assert.ok(guideText.includes(PAYLOAD));
  assert.ok(guideText.includes(`现场核查${PAYLOAD}`), 'the excluded periods are shown as text');
  assert.deepEqual(dialogs, []);
  await page.screenshot({ path: join(root, 'target/e2e-screenshots/hostile-guide.png'), fullPage: true });
  await page.close();
  const markdown = execFileSync(bin, ['guide', path, '--format', 'md'], { encoding: 'utf8' });
  assert.ok(!/<img|<script|<a /i.test(markdown.replace(/\\</g, '')), 'every < is escaped in Markdown');
});

test('the officials\' ledger shows a hostile signer and termination reason as text', async () => {
  const application = hostileApplication();
  const page = await openPage(browser, '/ledger/');
  const answer = await page.evaluate(async (body) => {
    const response = await fetch('/api/applications', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }, application);
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  await page.locator('#token').fill(process.env.BANLI_OFFICIAL_TOKEN);
  await page.locator('#token').press('Enter');
  const row = page.locator('tr', { hasText: answer.body.receipt });
  await row.first().waitFor();
  assert.ok((await row.first().textContent()).includes(application.commitment.signer));
  await assertInert(page, 'ledger');
  const reason = `${SHORT}<script>__xss=1</script>材料虚假`;
  await row.first().locator('input[name="reason"]').fill(reason);
  await row.first().getByRole('button', { name: /终止办理/ }).click();
  await page.locator('#message', { hasText: '已终止' }).waitFor();
  await page.locator('#status').selectOption('terminated');
  await page.locator('tr', { hasText: answer.body.receipt }).filter({ hasText: '材料虚假' }).first().waitFor();
  assert.ok((await assertInert(page, 'ledger after termination')).includes(reason));
  await screenshot(page, 'hostile-ledger');
  await page.close();
});

test('the playground lints and shows a hostile definition as text', async () => {
  const page = await openPage(browser, '/playground/?item=food-business-licence.json');
  await page.waitForSelector('body[data-ready="true"]');
  // A field whose name is markup and has no title: lint quotes its pointer.
  const definition = JSON.parse(hostileDefinition);
  definition.form.properties[SHORT] = { type: 'string' };
  await page.locator('#definition').fill(JSON.stringify(definition, null, 2));
  await page.waitForFunction(() => document.getElementById('form-slot').shadowRoot?.textContent.includes('<img src=x'));
  await page.locator('#findings .finding', { hasText: 'lint.field_without_title' }).first().waitFor();
  assert.ok((await page.locator('#findings').textContent()).includes(SHORT));
  const text = await assertInert(page, 'playground');
  assert.ok(text.includes(PAYLOAD));
  await screenshot(page, 'hostile-playground');
  await page.close();
});
