// Keyboard only, the way a person without a mouse works: from the top of the
// application page, nothing but Tab, arrow keys, Space, Enter and typing
// (files through the chooser that Space opens) until the application is
// submitted. The food business licence, with a staff list, a conditional
// field, a deferred material and the commitment to sign; the envelope must
// pass the native `banli check` as valid_with_commitments with the due date
// the review page showed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage, fieldId, logicalId, leaves, fixture, root, screenshot, today, checkNatively } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What has focus, looking into the form's shadow root. */
const focused = (page) => page.evaluate(() => {
  const form = document.querySelector('banli-form');
  const inside = document.activeElement === form ? form.shadowRoot.activeElement : null;
  if (!inside) return null;
  return {
    id: inside.id, name: inside.getAttribute('name'), tag: inside.tagName.toLowerCase(), type: inside.type,
    value: inside.value, checked: inside.checked, text: inside.textContent.trim(),
    chosen: inside.type === 'file' ? !!inside.closest('.upload')?.querySelector('.file-chosen') : false,
  };
});

/** Whether every control on the current page that the application needs is answered. */
const pageAnswered = (page, wanted) => page.evaluate((wanted) => {
  const root = document.querySelector('banli-form').shadowRoot;
  for (const [id, value] of Object.entries(wanted.fields)) {
    const radios = root.querySelectorAll(`input[type=radio][name="${id}"]`);
    if (radios.length) { if (root.querySelector(`input[type=radio][name="${id}"]:checked`)?.value !== value) return false; continue; }
    const control = root.getElementById(id);
    if (control && control.value === '') return false;
  }
  for (const [name, disposition] of Object.entries(wanted.materials)) {
    const radios = root.querySelectorAll(`input[type=radio][name="${name}"]`);
    if (radios.length && root.querySelector(`input[type=radio][name="${name}"]:checked`)?.value !== disposition) return false;
    if (disposition === 'provided' && root.getElementById(`${name}-file`) && !root.getElementById(`${name}-file`).closest('.upload').querySelector('.file-chosen')) return false;
  }
  for (const list of wanted.lists) {
    if (root.getElementById(list.add) && !root.getElementById(list.last)) return false;
  }
  const signer = root.getElementById(wanted.signer);
  if (signer && signer.value === '') return false;
  const confirm = root.getElementById(wanted.confirm);
  if (confirm && !confirm.checked) return false;
  return true;
}, wanted);

test('a whole application with a deferred material, by keyboard alone', async () => {
  const application = fixture('food-business-licence', 'deferred-floor-plan');
  const values = new Map(leaves(application.data).map(([pointer, value]) => [fieldId(pointer), value]));
  const materials = Object.fromEntries(Object.entries(application.materials).map(([id, c]) => [logicalId(`material:${id}`), c.disposition]));
  const lists = [{ add: logicalId('list:/staff'), last: fieldId(`/staff/${application.data.staff.length - 1}/name`) }];
  const wanted = {
    // Radio groups and selects hold JSON values; the check only needs "answered".
    fields: Object.fromEntries([...values].map(([id, v]) => [id, JSON.stringify(v)])),
    materials, lists, signer: logicalId('signer'), confirm: logicalId('confirm'),
  };
  const page = await openPage(browser, '/apply.html?item=food-business-licence.json');
  await page.locator('banli-form .page-title').first().waitFor();
  await page.evaluate(() => {
    window.__envelope = null;
    document.querySelector('banli-form').addEventListener('banli-submit', (e) => { window.__envelope = e.detail; });
  });

  let due = null;
  let presses = 0;
  for (; presses < 1500 && !(await page.evaluate(() => window.__envelope)); presses += 1) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f) continue;
    if (f.type === 'radio' && (values.has(f.name) || materials[f.name])) {
      const target = values.has(f.name) ? JSON.stringify(values.get(f.name)) : materials[f.name];
      for (let i = 0; i < 6 && (await focused(page))?.value !== target; i += 1) {
        await page.keyboard.press('ArrowDown');
        assert.ok(await focused(page), `focus stays in the group ${f.name} after an arrow key`);
      }
      if ((await focused(page)).value === target && !(await focused(page)).checked) await page.keyboard.press('Space');
    } else if (f.tag === 'select' && values.has(f.id)) {
      for (let i = 0; i < 30 && (await focused(page)).value !== JSON.stringify(values.get(f.id)); i += 1) await page.keyboard.press('ArrowDown');
    } else if (f.type === 'checkbox' && values.has(f.id)) {
      if (f.checked !== values.get(f.id)) await page.keyboard.press('Space');
    } else if (values.has(f.id) && f.value === '') {
      await page.keyboard.type(String(values.get(f.id)));
    } else if (f.type === 'file' && !f.chosen) {
      // Space opens the chooser. Under load Chromium has now and then not
      // opened it; the walk then comes back to this input on a later Tab.
      const opening = page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => null);
      await page.keyboard.press('Space');
      const chooser = await opening;
      if (chooser) {
        await chooser.setFiles({ name: 'material.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`keyboard ${f.id}`) });
        await page.locator(`#${f.id}`).locator('xpath=ancestor::div[contains(@class,"upload")]').locator('.file-chosen').waitFor();
      }
    } else if (f.id === wanted.signer && f.value === '') {
      await page.keyboard.type(application.commitment.signer);
    } else if (f.id === wanted.confirm && !f.checked) {
      await page.keyboard.press('Space');
    } else if (lists.some((l) => l.add === f.id) && !(await pageAnswered(page, wanted))) {
      const list = lists.find((l) => l.add === f.id);
      if (await page.locator(`#${list.last}`).count() === 0) await page.keyboard.press('Enter');
    } else if (f.tag === 'button' && f.text === '下一步' && await pageAnswered(page, wanted)) {
      await page.keyboard.press('Enter');
      const summary = page.locator('banli-form .error-summary');
      if (await summary.count() > 0) assert.fail(`the form refused the page: ${await summary.textContent()}`);
    } else if (f.tag === 'button' && f.text === '确认并提交') {
      due = await page.locator('banli-form .deadlines .important').textContent();
      await screenshot(page, 'keyboard-only-review');
      await page.keyboard.press('Enter');
    }
  }
  const envelope = await page.evaluate(() => window.__envelope);
  assert.ok(envelope, `submitted within ${presses} key presses`);
  const report = checkNatively(join(root, 'schemas/items/food-business-licence.json'), envelope, ['--accepted-on', today]);
  assert.equal(report.status, 'valid_with_commitments', JSON.stringify(report.errors));
  assert.deepEqual(envelope.data, application.data);
  assert.equal(envelope.materials['floor-plan'].disposition, 'deferred');
  assert.ok(report.deadlines.deferred_due && due.includes(report.deadlines.deferred_due), `review showed “${due}”, banli check says ${report.deadlines.deferred_due}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});
