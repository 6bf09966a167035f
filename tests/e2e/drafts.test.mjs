// Browser tests of drafts (草稿): the form saves itself as the applicant
// types, offers the draft back after a reload ("继续填写上次的草稿？"),
// re-checks a draft saved under an older version of the definition and
// says what changed, discards an unreadable draft with a notice, keeps a
// draft over the limits unused (and unsaved over) until cleared, survives
// storage that refuses every write, and "清除草稿" clears it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, press, continueDraft, screenshot, fieldId, logicalId, root } from './helpers.mjs';

const food = JSON.parse(readFileSync(join(root, 'schemas/items/food-business-licence.json'), 'utf8'));
const key = `banli-draft:${food.code}`;
const url = '/apply.html?item=food-business-licence.json';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const ready = (page) => page.locator('banli-form').locator('.page-title').first().waitFor();
const stored = (page) => page.evaluate((k) => localStorage.getItem(k), key);

async function typeName(page, name) {
  const person = page.locator(`input[name="${fieldId('/applicant/kind')}"][value='"person"']`);
  await person.focus();
  await page.keyboard.press('Space');
  await page.locator(`#${fieldId('/applicant/name')}`).focus();
  await page.keyboard.type(name);
  await page.waitForFunction(([k, n]) => localStorage.getItem(k)?.includes(n), [key, name]);
}

test('a draft is saved while typing, offered after a reload, restored, and cleared', async () => {
  const page = await openPage(browser, url);
  await ready(page);
  assert.equal(await stored(page), null, 'nothing is saved before anything is entered');
  await typeName(page, '张三');
  const draft = JSON.parse(await stored(page));
  assert.equal(draft.format, 'banli-draft/1');
  assert.equal(draft.version, food.version);
  assert.equal(draft.data.applicant.name, '张三');

  await page.reload();
  await ready(page);
  const notice = page.locator('banli-form .draft-notice');
  assert.match(await notice.textContent(), /继续填写上次的草稿？/);
  assert.equal(await page.locator(`#${fieldId('/applicant/name')}`).count(), 0, 'the draft is not applied before the applicant decides');
  assert.ok(await stored(page), 'the offered draft is not overwritten');
  await screenshot(page, 'draft-offered');
  await page.evaluate(() => {
    window.__restored = null;
    document.querySelector('banli-form').addEventListener('banli-draft-restored', (e) => { window.__restored = e.detail; });
  });
  await continueDraft(page);
  assert.equal(await page.locator(`#${fieldId('/applicant/name')}`).inputValue(), '张三');
  assert.match(await notice.textContent(), /已恢复上次的草稿/);
  const restored = await (await page.waitForFunction(() => window.__restored)).jsonValue();
  assert.equal(restored.version_changed, false);

  await press(page, '清除草稿');
  await page.waitForFunction((k) => localStorage.getItem(k) === null, key);
  assert.match(await notice.textContent(), /草稿已清除/);
  assert.equal(await page.locator(`#${fieldId('/applicant/id_number')}`).count(), 0, 'the form is reset');
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('banli-form .draft-notice').count(), 0, 'no draft is offered after clearing');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('重新开始 declines the draft and removes it', async () => {
  const page = await openPage(browser, url);
  await ready(page);
  await typeName(page, '王五');
  await page.reload();
  await ready(page);
  await press(page, '重新开始');
  assert.equal(await stored(page), null);
  assert.equal(await page.locator('banli-form .draft-notice').count(), 0);
  const person = page.locator(`input[name="${fieldId('/applicant/kind')}"][value='"person"']`);
  assert.equal(await person.isChecked(), false, 'the form starts empty');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('an unreadable draft is discarded with a notice, and the form works', async () => {
  const page = await openPage(browser, url);
  await ready(page);
  await page.evaluate((k) => localStorage.setItem(k, '{"format": "banli-draft/1", broken'), key);
  await page.reload();
  await ready(page);
  const notice = page.locator('banli-form .draft-notice');
  assert.match(await notice.textContent(), /无法读取，已丢弃/);
  assert.equal(await stored(page), null, 'the broken draft is removed');
  await screenshot(page, 'draft-corrupt');
  await typeName(page, '赵六');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// A draft edited in storage so that its data is nested 40 arrays deep
// under one field: before, it was offered, "restored" as an empty form and
// then deleted by the autosave of that empty form. Now it is not used, the
// applicant is told why, it stays stored while they type, and 清除草稿
// removes it.
test('a draft over the limits is not used, kept while typing, and cleared on request', async () => {
  const page = await openPage(browser, url);
  await ready(page);
  let notes = [];
  for (let level = 1; level < 40; level += 1) notes = [notes];
  const draft = JSON.stringify({
    format: 'banli-draft/1', code: food.code, version: food.version, saved_at: '2026-11-20T10:15:00+08:00',
    data: { applicant: { kind: 'person', name: '孙八' }, notes }, materials: {}, page: 1,
  });
  await page.evaluate(([k, d]) => localStorage.setItem(k, d), [key, draft]);
  await page.reload();
  await ready(page);
  const notice = page.locator('banli-form .draft-notice');
  const text = await notice.textContent();
  assert.match(text, /本设备保存的草稿超出限制（数据嵌套层数过多，上限为 32 层），未被使用，也未被删除/, text);
  assert.doesNotMatch(text, /继续填写上次的草稿/, 'it is not offered');
  assert.equal(await notice.getAttribute('role'), 'alert');
  await screenshot(page, 'draft-over-limit');
  const person = page.locator(`input[name="${fieldId('/applicant/kind')}"][value='"person"']`);
  assert.equal(await person.isChecked(), false, 'nothing of it is used');
  await page.evaluate(() => {
    window.__changed = null;
    document.querySelector('banli-form').addEventListener('banli-change', (e) => { window.__changed = e.detail.data; });
  });
  await person.focus();
  await page.keyboard.press('Space');
  await page.locator(`#${fieldId('/applicant/name')}`).focus();
  await page.keyboard.type('周九');
  // The autosave runs in the same render as the change event, after it.
  await page.waitForFunction(() => window.__changed?.applicant?.name === '周九');
  assert.equal(await stored(page), draft, 'the stored draft is neither overwritten nor removed');
  await notice.getByRole('button', { name: '清除草稿' }).click();
  await page.waitForFunction((k) => localStorage.getItem(k) === null, key);
  assert.match(await notice.textContent(), /草稿已清除/);
  await typeName(page, '吴十');
  assert.equal(JSON.parse(await stored(page)).data.applicant.name, '吴十', 'saving resumes once it is cleared');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a draft saved under an older version is re-checked and the changes are listed', async () => {
  const page = await openPage(browser, url);
  await ready(page);
  const old = structuredClone(food);
  old.version = '2025.1';
  old.form.properties.fax = { type: 'string', title: '传真号码' };
  const draft = {
    format: 'banli-draft/1', code: food.code, version: '2025.1', saved_at: '2026-11-20T10:15:00+08:00',
    data: { applicant: { kind: 'person', name: '李四' }, fax: '0571-88888888' }, materials: {}, page: 2,
  };
  await page.evaluate(([k, d, dk, o]) => { localStorage.setItem(k, d); localStorage.setItem(dk, o); },
    [key, JSON.stringify(draft), `banli-draft-definition:${food.code}@2025.1`, JSON.stringify(old)]);
  await page.reload();
  await ready(page);
  await continueDraft(page);
  const notice = page.locator('banli-form .draft-notice');
  const text = await notice.textContent();
  assert.match(text, /旧版本（2025\.1）/);
  assert.match(text, new RegExp(`更新为${food.version.replace('.', '\\.')}版`));
  assert.match(text, /删除了字段.*(fax|传真)/, text);
  assert.match(text, /处需要补充或修改/, 'the draft is re-validated against the new version');
  assert.match(await page.locator('banli-form .progress-text').textContent(), /第1步/, 'a changed form starts at the first page');
  assert.equal(await page.locator(`#${fieldId('/applicant/name')}`).inputValue(), '李四');
  await screenshot(page, 'draft-new-version');
  // The next save is under the new version, without the removed field.
  await page.locator(`#${fieldId('/applicant/name')}`).press('End');
  await page.keyboard.type('明');
  await page.waitForFunction((k) => localStorage.getItem(k)?.includes('李四明'), key);
  const saved = JSON.parse(await stored(page));
  assert.equal(saved.version, food.version);
  assert.equal(saved.data.fax, undefined);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), `banli-draft-definition:${food.code}@2025.1`), null,
    'the old definition is forgotten once used');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('storage that refuses every write never breaks the form', async () => {
  const page = await openPage(browser, url, {
    initScript: () => {
      Storage.prototype.setItem = function refuse() { throw new DOMException('quota', 'QuotaExceededError'); };
    },
  });
  await ready(page);
  const person = page.locator(`input[name="${fieldId('/applicant/kind')}"][value='"person"']`);
  await person.focus();
  await page.keyboard.press('Space');
  await page.locator(`#${fieldId('/applicant/name')}`).focus();
  await page.keyboard.type('钱七');
  await press(page, '下一步');
  await page.locator('banli-form .error-summary').waitFor();
  assert.equal(await page.locator(`#${fieldId('/applicant/name')}`).inputValue(), '钱七');
  assert.equal(await page.locator(`#${logicalId('summary')}`).count(), 1);
  assert.deepEqual(page.problems, []);
  await page.close();
});
