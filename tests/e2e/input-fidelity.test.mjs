// Input fidelity (issue 14, part 4): what the applicant types is what the
// core sees. JSON Schema counts characters in code points, HTML's
// `maxlength` in UTF-16 units, and the browser's `pattern`, `min`, `max`,
// `step` and input types have rules of their own; so no control carries a
// browser constraint derived from the schema, and the core's messages are
// the only verdict. The names use 𠀋 (U+2000B, CJK Extension B: one
// character, two UTF-16 units), as in real registered names. The item is
// `tests/fixtures/widget/rare-characters.json`, mounted with
// `mount(element, {definition})`; the envelope is checked by the native
// `banli check` on a fixed acceptance date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, press, screenshot, fieldId, chooseMaterials, root, mountDefinition, checkNatively } from './helpers.mjs';

const itemPath = join(root, 'tests/fixtures/widget/rare-characters.json');
const definition = readFileSync(itemPath, 'utf8');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const mountItem = () => mountDefinition(browser, definition);

/** Types `text` into the field at `pointer` the way a person does, then leaves it. */
async function typeInto(page, pointer, text) {
  await page.locator(`#${fieldId(pointer)}`).focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

const valueOf = (page, pointer) => page.locator(`#${fieldId(pointer)}`).inputValue();

/** The error shown beside a field, or null. */
async function errorOf(page, pointer) {
  const error = page.locator(`#${fieldId(pointer)}-error`);
  return (await error.count()) === 0 ? null : (await error.textContent()).replace(/^错误：/, '');
}

test('王𠀋华 fits a maxLength of 3: kept as typed, counted as 3, shown on the review page and submitted', async () => {
  const page = await mountItem();
  await typeInto(page, '/name', '王𠀋华');
  assert.equal(await valueOf(page, '/name'), '王𠀋华', 'every character typed is kept');
  assert.equal(await errorOf(page, '/name'), null);
  assert.equal(await page.locator(`#${fieldId('/name')}-count`).textContent(), '已输入3个字符，最多3个',
    'the count is in characters, as the core counts');
  assert.equal(await page.locator(`#${fieldId('/name')}`).getAttribute('aria-describedby'), `${fieldId('/name')}-count`);
  // One character more: taken too, and the core says it is too long.
  await typeInto(page, '/name', '𠀋');
  assert.equal(await valueOf(page, '/name'), '王𠀋华𠀋');
  assert.equal(await errorOf(page, '/name'), '姓名不能超过3个字符');
  await page.locator(`#${fieldId('/name')}`).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');
  assert.equal(await valueOf(page, '/name'), '王𠀋华', 'Backspace removes the whole character');
  assert.equal(await errorOf(page, '/name'), null);

  await typeInto(page, '/former_name', '𠀋𠀋𠀋𠀋');
  await typeInto(page, '/village', '𠀋𠀋𠀋村');
  await typeInto(page, '/note', '𠀋\n𠀋𠀋');
  await typeInto(page, '/email', 'wang.hua@example.cn');
  await typeInto(page, '/household', '３');
  await typeInto(page, '/area_mu', '１２.５');
  for (const [pointer, typed] of [['/former_name', '𠀋𠀋𠀋𠀋'], ['/village', '𠀋𠀋𠀋村'], ['/note', '𠀋\n𠀋𠀋'], ['/household', '３'], ['/area_mu', '１２.５']]) {
    assert.equal(await valueOf(page, pointer), typed, `${pointer} keeps what was typed`);
    assert.equal(await errorOf(page, pointer), null, `${pointer} is valid to the core`);
  }
  await screenshot(page, 'input-fidelity-rare-characters');

  await press(page, '下一步');
  await chooseMaterials(page, { 'id-card': { disposition: 'shared' } });
  await press(page, '下一步');
  const review = page.locator('#host .review');
  await review.waitFor();
  const shown = await review.textContent();
  for (const value of ['王𠀋华', '𠀋𠀋𠀋𠀋', '𠀋𠀋𠀋村', '𠀋\n𠀋𠀋']) assert.ok(shown.includes(value), `the review page shows ${JSON.stringify(value)}: ${shown}`);
  await screenshot(page, 'input-fidelity-review');

  await press(page, '确认并提交');
  const envelope = await (await page.waitForFunction(() => window.__envelope)).jsonValue();
  assert.deepEqual(envelope.data, {
    name: '王𠀋华', former_name: '𠀋𠀋𠀋𠀋', village: '𠀋𠀋𠀋村', note: '𠀋\n𠀋𠀋',
    email: 'wang.hua@example.cn', household: 3, area_mu: 12.5,
  });
  const report = checkNatively(itemPath, envelope, ['--accepted-on', '2026-11-20']);
  assert.equal(report.status, 'valid', JSON.stringify(report.errors));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('minLength counts characters: 𠀋𠀋 (four UTF-16 units) is too short for 3, 𠀋𠀋𠀋 is enough', async () => {
  const page = await mountItem();
  await typeInto(page, '/former_name', '𠀋𠀋');
  assert.equal(await errorOf(page, '/former_name'), '曾用名至少应有3个字符');
  await typeInto(page, '/former_name', '𠀋');
  assert.equal(await valueOf(page, '/former_name'), '𠀋𠀋𠀋', 'six UTF-16 units, three characters: kept');
  assert.equal(await errorOf(page, '/former_name'), null);
  assert.equal(await page.locator(`#${fieldId('/former_name')}-count`).textContent(), '已输入3个字符，最多4个');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('pattern: the core\'s \\p{Han} takes Extension B characters, and only the core judges', async () => {
  const page = await mountItem();
  await typeInto(page, '/village', '𠀋𠀋𠀋𠀋村');
  assert.equal(await valueOf(page, '/village'), '𠀋𠀋𠀋𠀋村', 'five characters (nine UTF-16 units) for a maxLength of 5');
  assert.equal(await errorOf(page, '/village'), null);
  await page.locator(`#${fieldId('/village')}`).fill('');
  await typeInto(page, '/village', '𠀋A');
  assert.equal(await valueOf(page, '/village'), '𠀋A', 'not refused by the browser either');
  assert.match(await errorOf(page, '/village'), /村名应为2至5个汉字$/, 'the definition\'s own message says what is wrong');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a textarea\'s line break and rare characters count once each', async () => {
  const page = await mountItem();
  await typeInto(page, '/note', '𠀋\n𠀋𠀋');
  assert.equal(await valueOf(page, '/note'), '𠀋\n𠀋𠀋');
  assert.equal(await page.locator(`#${fieldId('/note')}-count`).textContent(), '已输入4个字符，最多4个');
  assert.equal(await errorOf(page, '/note'), null);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('numbers typed by a Chinese input method (full-width digits) are numbers', async () => {
  const page = await mountItem();
  await typeInto(page, '/household', '１２');
  assert.equal(await valueOf(page, '/household'), '１２', 'shown as typed');
  assert.equal(await errorOf(page, '/household'), null);
  await typeInto(page, '/area_mu', '0.3');
  assert.equal(await errorOf(page, '/area_mu'), '承包地面积（亩）应为0.5的整数倍', 'multipleOf is the core\'s to say, not a browser step');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('no control carries a browser constraint derived from the schema', async () => {
  const page = await mountItem();
  // Answers the browser would refuse or mark under maxlength, minlength,
  // pattern, min, max, step, type=email/url/number; the core judges them.
  for (const [pointer, text] of [['/name', '王𠀋华'], ['/former_name', '𠀋'], ['/village', 'x'], ['/note', '𠀋\n𠀋𠀋𠀋'],
    ['/email', ' 王@例子.中国 '], ['/household', '99'], ['/area_mu', '0.3']]) {
    await typeInto(page, pointer, text);
    assert.equal(await valueOf(page, pointer), text, `${pointer}: what was typed is what the form holds`);
  }
  const controls = await page.evaluate(() => [...document.querySelector('#host').shadowRoot.querySelectorAll('input, textarea, select')]
    .map((e) => ({
      id: e.id || e.name, type: e.type,
      constraints: ['maxlength', 'minlength', 'pattern', 'min', 'max', 'step', 'required', 'multiple'].filter((a) => e.hasAttribute(a)),
      valid: e.validity.valid,
    })));
  assert.ok(controls.length >= 7, JSON.stringify(controls));
  for (const control of controls) {
    assert.deepEqual(control.constraints, [], `${control.id} carries ${control.constraints}`);
    assert.ok(['text', 'textarea', 'date', 'checkbox', 'radio', 'select-one', 'file'].includes(control.type), `${control.id} is type=${control.type}`);
    assert.ok(control.valid, `${control.id}: the browser marks it invalid`);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});
