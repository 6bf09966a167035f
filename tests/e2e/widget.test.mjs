// Browser tests of <banli-form> in headless Chromium, run by `cargo xtask
// test` against the demo portal: people filling real items by keyboard,
// the error summary and its links, conditional fields, submitting an
// envelope the native `banli check` accepts, English, and two forms on
// one page. Screenshots of every step go to target/e2e-screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, baseUrl, openPage, fillPage, fillStep, press, submitAndCheck, screenshot, fixture, focusedId, fieldId, logicalId, today, unreached } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const ready = (page) => page.locator('banli-form').locator('.page-title').first().waitFor();

async function completeApplication(item, fixtureName, { lang = 'zh-CN', next = '下一步', submit = '确认并提交' } = {}) {
  const data = fixture(item, fixtureName);
  const page = await openPage(browser, `/apply.html?item=${item}.json&lang=${lang === 'en' ? 'en' : 'zh'}`);
  await ready(page);
  const filled = new Set();
  for (let step = 1; step <= 8; step += 1) {
    const title = await page.locator('banli-form .page-title').textContent();
    await fillStep(page, data, filled);
    await screenshot(page, `${item}-${lang}-${step}`);
    if (await page.locator('banli-form .review').count() > 0) break;
    await press(page, next);
    const summary = page.locator('banli-form .error-summary');
    if (await summary.count() > 0) assert.fail(`${item} step ${step} (${title}): ${await summary.textContent()}`);
  }
  assert.deepEqual(unreached(data, filled), [], `${item}: every answer and material of the fixture had its control`);
  const { envelope, report } = await submitAndCheck(page, `${item}.json`, submit);
  await screenshot(page, `${item}-${lang}-submitted`);
  assert.deepEqual(page.problems, []);
  await page.close();
  return { data, envelope, report };
}

test('tractor registration: a person completes it by keyboard and banli check accepts it', async () => {
  const { data, envelope, report } = await completeApplication('tractor-registration', 'valid-owner');
  assert.equal(report.status, 'valid', JSON.stringify(report.errors));
  assert.deepEqual(envelope.data, data.data);
  assert.equal(envelope.materials['owner-id'].disposition, 'shared');
  assert.match(envelope.materials['purchase-invoice'].files[0].sha256, /^[0-9a-f]{64}$/);
});

test('food business licence: organisation, staff list, a deferred material and a signed commitment', async () => {
  const { envelope, report } = await completeApplication('food-business-licence', 'deferred-floor-plan');
  assert.equal(report.status, 'valid_with_commitments', JSON.stringify(report.errors));
  assert.equal(envelope.materials['floor-plan'].disposition, 'deferred');
  assert.match(envelope.commitment.signed_at, /\+08:00$/);
});

test('utility connection permit in English', async () => {
  const { data, envelope, report } = await completeApplication('utility-connection-permit', 'valid-excavation', { lang: 'en', next: 'Continue', submit: 'Confirm and submit' });
  assert.equal(report.status, 'valid', JSON.stringify(report.errors));
  assert.deepEqual(envelope.data, data.data);
});

test('the error summary lists every problem at once, and its links move focus', async () => {
  const page = await openPage(browser, '/apply.html?item=food-business-licence.json');
  await ready(page);
  const kind = page.locator(`input[name="${fieldId('/applicant/kind')}"][value='"person"']`);
  await kind.focus();
  await page.keyboard.press('Space');
  assert.equal(await page.locator('banli-form .error-message').count(), 0, 'no errors before the person leaves a field');
  await press(page, '下一步');
  const summary = page.locator('banli-form .error-summary');
  await summary.waitFor();
  assert.equal(await focusedId(page), logicalId('summary'), 'focus moves to the summary');
  assert.match(await summary.locator('h2').textContent(), /提交前请修改以下问题/);
  const links = summary.locator('a');
  assert.equal(await links.count(), 3, await summary.textContent());
  assert.match(await links.nth(0).textContent(), /请填写申请人 › 姓名/);
  assert.match(await links.nth(1).textContent(), /请填写申请人 › 身份证号码/);
  assert.match(await links.nth(2).textContent(), /手机/);
  await screenshot(page, 'food-error-summary');
  await links.nth(1).click();
  assert.equal(await focusedId(page), fieldId('/applicant/id_number'), 'the link moves focus to its field');
  await page.keyboard.type('11010119900307447X');
  await page.keyboard.press('Tab');
  assert.match(await summary.textContent(), /校验位不正确/, 'the summary follows the answers');
  await page.locator(`#${fieldId('/applicant/id_number')}`).fill('11010519491231002X');
  assert.doesNotMatch(await summary.textContent(), /身份证号码/, "a field's error clears as soon as it is fixed");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('conditional fields appear and disappear, and hidden data is not submitted', async () => {
  const page = await openPage(browser, '/apply.html?item=food-business-licence.json');
  await ready(page);
  const person = page.locator(`input[name="${fieldId('/applicant/kind')}"][value='"person"']`);
  const organisation = page.locator(`input[name="${fieldId('/applicant/kind')}"][value='"organisation"']`);
  await person.check();
  await page.locator(`#${fieldId('/applicant/id_number')}`).waitFor();
  assert.equal(await page.locator(`#${fieldId('/applicant/uscc')}`).count(), 0);
  await organisation.check();
  await page.locator(`#${fieldId('/applicant/uscc')}`).waitFor();
  assert.equal(await page.locator(`#${fieldId('/applicant/id_number')}`).count(), 0);
  await press(page, '下一步');
  await page.locator('banli-form .error-summary').waitFor();
  // The catering branch adds the kitchen area on the next page.
  await page.evaluate(() => { window.__changes = []; document.querySelector('banli-form').addEventListener('banli-change', (e) => window.__changes.push(e.detail.data)); });
  const data = fixture('food-business-licence', 'valid-organisation').data;
  const filled = await fillPage(page, data);
  await press(page, '下一步');
  await fillPage(page, data, filled);
  const kitchen = page.locator(`#${fieldId('/kitchen_area_m2')}`);
  await kitchen.waitFor();
  await page.locator(`input[name="${fieldId('/category')}"][value='"retail"']`).check();
  await kitchen.waitFor({ state: 'detached' });
  const last = await page.evaluate(() => window.__changes.at(-1));
  assert.equal(last.kitchen_area_m2, undefined, 'the hidden field is not in the data');
  await screenshot(page, 'food-conditional-retail');
  // And not in what is submitted: finish the application as a retail shop.
  const application = { ...fixture('food-business-licence', 'valid-organisation'), data: { ...data, category: 'retail' } };
  filled.add('/category');
  for (let step = 0; step < 8 && await page.locator('banli-form .review').count() === 0; step += 1) {
    await fillStep(page, application, filled);
    if (await page.locator('banli-form .review').count() > 0) break;
    await press(page, '下一步');
  }
  // The kitchen area was typed before the switch; the catering-only
  // material (食品安全管理制度) is not asked of a retail shop.
  assert.deepEqual(unreached(application, filled), ['material:safety-rules']);
  const { envelope, report } = await submitAndCheck(page, 'food-business-licence.json', '确认并提交');
  assert.equal(envelope.data.category, 'retail');
  assert.equal(envelope.materials['safety-rules'], undefined);
  assert.ok(!('kitchen_area_m2' in envelope.data), `the submitted data carries the hidden field: ${JSON.stringify(envelope.data)}`);
  assert.equal(report.status, 'valid', JSON.stringify(report.errors));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('two forms on one page, themed, untouched by the host page CSS', async () => {
  const page = await openPage(browser, '/demo/two-forms.html');
  await page.locator('#first').locator('.page-title').waitFor();
  await page.locator('#second').locator('.page-title').waitFor();
  assert.match(await page.locator('#second .page-title').textContent(), /[A-Za-z]/, 'the second form is in English');
  const style = await page.evaluate(() => {
    const label = document.querySelector('#first').shadowRoot.querySelector('label');
    const s = getComputedStyle(label);
    const primary = document.querySelector('#second').shadowRoot.querySelector('button.primary');
    return { color: s.color, size: s.fontSize, themed: getComputedStyle(primary).backgroundColor };
  });
  assert.notEqual(style.color, 'rgb(255, 0, 0)', 'host label colour does not leak in');
  assert.notEqual(style.size, '30px', 'host font size does not leak in');
  assert.equal(style.themed, 'rgb(122, 31, 92)', 'CSS custom properties theme the form');
  const hostInput = await page.evaluate(() => getComputedStyle(document.querySelector('.host-input')).fontSize);
  assert.equal(hostInput, '40px', "the form's CSS does not leak out");
  await screenshot(page, 'two-forms');
  // Typing in one form leaves the other — the same item, so the same
  // pointers — alone: no shared state, no event on the wrong element.
  // Which form mounts first (and gets which id prefix) depends on timing.
  await page.evaluate(() => {
    window.__changed = [];
    for (const id of ['first', 'second']) {
      document.getElementById(id).addEventListener('banli-change', (e) => window.__changed.push([id, e.detail.data]));
    }
  });
  await page.locator('#first [id$="-f-owner-name"]').fill('张三');
  await page.locator('#first [id$="-f-owner-name"]').blur();
  await page.waitForFunction(() => window.__changed.length > 0);
  assert.equal(await page.locator('#second [id$="-f-owner-name"]').inputValue(), '');
  const changed = await page.evaluate(() => window.__changed);
  assert.ok(changed.every(([id]) => id === 'first'), JSON.stringify(changed));
  assert.equal(changed.at(-1)[1].owner.name, '张三');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a deferred material submitted from the widget reaches the officials\' ledger with the right due date', async () => {
  const { envelope } = await completeApplication('food-business-licence', 'deferred-floor-plan');
  assert.equal(envelope.materials['floor-plan'].disposition, 'deferred');
  // completeApplication closed its page; submit again through a fresh one to read the receipt.
  const page = await openPage(browser, '/apply.html?item=food-business-licence.json');
  await ready(page);
  await page.evaluate(async (env) => {
    document.querySelector('banli-form').dispatchEvent(new CustomEvent('banli-submit', { detail: env }));
  }, envelope);
  const receipt = page.locator('#receipt');
  await receipt.filter({ hasText: '受理编号' }).waitFor();
  const number = await receipt.getAttribute('data-receipt');
  const text = await receipt.textContent();
  // The server counts 3 working days from today (Asia/Shanghai) on the national calendar.
  const expected = execFileSync(process.env.BANLI_BIN, ['workdays', 'add', today, '3'], { encoding: 'utf8' }).trim();
  assert.match(text, new RegExp(expected), text);
  await page.goto(`${baseUrl}/ledger/`);
  await page.locator('#token').fill(process.env.BANLI_OFFICIAL_TOKEN);
  await page.locator('#token').press('Enter');
  const row = page.locator('tr', { hasText: number });
  await row.first().waitFor();
  assert.match(await row.first().textContent(), new RegExp(expected));
  await screenshot(page, 'ledger-with-deferred-commitment');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('every sample item opens as a working form', async () => {
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { root } = await import('./helpers.mjs');
  const items = readdirSync(join(root, 'schemas/items')).filter((f) => f.endsWith('.json'));
  assert.ok(items.length >= 6);
  for (const file of items) {
    const page = await openPage(browser, `/apply.html?item=${file}`);
    await ready(page);
    const controls = await page.locator('banli-form').locator('input, select, textarea').count();
    assert.ok(controls > 0, `${file} renders controls`);
    await press(page, '下一步');
    await page.locator('banli-form .error-summary').waitFor();
    await screenshot(page, `item-${file.replace(/\.json$/, '')}`);
    assert.deepEqual(page.problems, [], file);
    await page.close();
  }
});
