// Browser tests of prefill with provenance (预填) and shared e-licence
// materials: the demo portal (?prefill=1) passes the owner's identity from
// an e-licence; the fields show their source, the locked one cannot be
// changed, the e-licence material shows "已通过电子证照获取，无需提交" and
// the envelope carries it as `shared`; banli check accepts the result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, fillPage, press, chooseMaterials, submitAndCheck, screenshot, fixture, fieldId } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('prefilled fields show their source; locked ones are read-only; the e-licence material is shared', async () => {
  const data = fixture('tractor-registration', 'valid-owner');
  const page = await openPage(browser, '/apply.html?item=tractor-registration.json&prefill=1');
  await page.locator('banli-form').locator('.page-title').first().waitFor();
  const id = page.locator(`#${fieldId('/owner/id_number')}`);
  assert.equal(await id.inputValue(), data.data.owner.id_number);
  assert.notEqual(await id.getAttribute('readonly'), null, 'the verified value is locked');
  const described = await id.getAttribute('aria-describedby');
  const source = await page.locator(`#${described.split(' ')[0]}`).textContent();
  assert.match(source, /来源：居民身份证电子证照（已核验，不可修改）/);
  await id.focus();
  await page.keyboard.type('X');
  assert.equal(await id.inputValue(), data.data.owner.id_number, 'typing does not change a locked value');
  const name = page.locator(`#${fieldId('/owner/name')}`);
  assert.equal(await name.getAttribute('readonly'), null, 'an unlocked prefilled value stays editable');
  const nameSource = (await name.getAttribute('aria-describedby')).split(' ')[0];
  const editable = await page.locator(`#${nameSource}`).textContent();
  assert.match(editable, /（可修改）/);
  assert.doesNotMatch(editable, /不可修改/);
  await screenshot(page, 'prefill-provenance');
  const rest = structuredClone(data.data);
  delete rest.owner.name;
  delete rest.owner.id_number;
  const filled = new Set();
  for (let step = 1; step <= 6; step += 1) {
    await fillPage(page, rest, filled);
    if (await page.locator('banli-form .materials').count() > 0) {
      const shared = page.locator('banli-form .material.prefilled');
      assert.match(await shared.textContent(), /已通过电子证照获取，无需提交/);
      assert.equal(await shared.locator('input').count(), 0, 'nothing to choose for a shared material');
      const { 'owner-id': _, ...others } = data.materials;
      await chooseMaterials(page, others);
      await screenshot(page, 'prefill-materials-shared');
    }
    if (await page.locator('banli-form .review').count() > 0) break;
    await press(page, '下一步');
    const summary = page.locator('banli-form .error-summary');
    if (await summary.count() > 0) assert.fail(await summary.textContent());
  }
  const { envelope, report } = await submitAndCheck(page, 'tractor-registration.json', '确认并提交');
  assert.equal(report.status, 'valid', JSON.stringify(report.errors));
  assert.equal(envelope.materials['owner-id'].disposition, 'shared');
  assert.equal(envelope.data.owner.id_number, data.data.owner.id_number);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// A portal's prefill with data the core would never read (40 arrays nested
// under one field): before, the form showed the prefilled fields but
// checked an empty form ("请选择申请人类型" under a filled-in applicant)
// on every keystroke, so page 1 could never be left. Now the form is not
// mounted, and the element says why in the catalogue's words.
test('a prefill over the limits is refused with the catalogue\'s words', async () => {
  const page = await openPage(browser, '/demo/blank.html');
  const message = await page.evaluate(async () => {
    await import('/banli-form/banli-form.js');
    let notes = [];
    for (let level = 1; level < 40; level += 1) notes = [notes];
    const form = document.createElement('banli-form');
    form.prefill = { data: { applicant: { kind: 'person', name: '张三' }, notes } };
    form.setAttribute('drafts', 'off');
    const failed = new Promise((resolve) => form.addEventListener('banli-error', (e) => resolve(e.detail.message)));
    form.setAttribute('src', '/schemas/items/food-business-licence.json');
    document.getElementById('host').append(form);
    return failed;
  });
  assert.match(message, /门户预填的数据超出限制，位置 \/data\/notes(\/0){30}：数据嵌套层数过多，上限为 32 层/, message);
  assert.match(message, /the portal's prefill exceeds a limit at \/data\/notes/, message);
  const shown = page.locator('banli-form [role="alert"]');
  assert.match(await shown.textContent(), /申请表无法加载.*门户预填的数据超出限制/);
  assert.equal(await page.locator('banli-form .page-title').count(), 0, 'no form to fill in');
  await screenshot(page, 'prefill-over-limit');
  assert.deepEqual(page.problems, []);
  await page.close();
});
