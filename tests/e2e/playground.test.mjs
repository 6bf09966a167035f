// Browser test of the playground (www/playground): a sample item loads with
// a clean lint and its live form; breaking the JSON shows the problem at its
// line (clicking it moves the caret there) while the last good form stays;
// a misspelt keyword is found; fixing the definition updates the live form;
// typing into the form updates the report. Screenshots in target/e2e-screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const formText = (page) => page.evaluate(() => document.getElementById('form-slot').shadowRoot?.textContent ?? '');
const lineOf = (text, needle) => text.slice(0, text.indexOf(needle)).split('\n').length;
const caretLine = (page) => page.evaluate(() => {
  const editor = document.getElementById('definition');
  return editor.value.slice(0, editor.selectionStart).split('\n').length;
});

async function openPlayground(item) {
  const page = await openPage(browser, `/playground/?item=${item}`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => document.getElementById('form-slot').shadowRoot?.querySelector('.page-title'));
  return page;
}

test('a sample item loads with its lint, its live form and the report of its data', async () => {
  const page = await openPlayground('food-business-licence.json');
  assert.equal(await page.locator('#lint-summary').getAttribute('class'), 'clean', await page.locator('#lint-summary').textContent());
  assert.match(await page.locator('#form-status').textContent(), /食品经营许可/);
  assert.match(await page.locator('#report-status').textContent(), /未通过/);
  assert.ok(await page.locator('#report-errors li').count() > 0);
  assert.ok(await page.locator('#gutter').textContent().then((t) => t.split('\n').length) > 100);
  await screenshot(page, 'playground-food');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('breaking the JSON shows the problem at its line; fixing it brings the form back up to date', async () => {
  const page = await openPlayground('tractor-registration.json');
  const editor = page.locator('#definition');
  const original = await editor.inputValue();

  // A missing comma: lint names the line, the form keeps the last good version.
  const broken = original.replace(/",\n(\s*)"version"/, '"\n$1"version"');
  assert.notEqual(broken, original);
  await editor.fill(broken);
  await page.waitForFunction(() => document.getElementById('lint-summary').className === 'has-errors');
  const finding = page.locator('#findings .finding').first();
  assert.match(await finding.textContent(), /definition\.syntax/);
  const line = Number(await finding.getAttribute('data-line'));
  assert.equal(line, lineOf(broken, '"version"'));
  assert.equal(await page.locator('#form-status').getAttribute('data-state'), 'stale');
  assert.ok((await formText(page)).length > 0, 'the last good form stays');
  await screenshot(page, 'playground-broken-json');
  await page.locator('#definition').evaluate((e) => e.setSelectionRange(0, 0));
  await finding.click();
  assert.equal(await caretLine(page), line);

  // A misspelt keyword loads (it would be silently ignored) but lint names it.
  const typo = original.replace('"required":', '"requried":');
  await editor.fill(typo);
  const typoFinding = page.locator('#findings .finding', { hasText: 'lint.keyword_typo' });
  await typoFinding.first().waitFor();
  assert.equal(Number(await typoFinding.first().getAttribute('data-line')), lineOf(typo, '"requried"'));
  await typoFinding.first().click();
  assert.equal(await caretLine(page), lineOf(typo, '"requried"'));

  // Fixed, with a new title for the first field: the live form shows it.
  const definition = JSON.parse(original);
  const firstStep = definition.ui?.steps?.[0];
  const firstField = firstStep?.fields?.[0] ?? Object.keys(definition.form.properties)[0];
  const key = firstField.replace(/^\//, '').split('/')[0];
  definition.form.properties[key].title = '试验场改过的标题';
  await editor.fill(JSON.stringify(definition, null, 2));
  await page.waitForFunction(() => document.getElementById('lint-summary').className === 'clean');
  await page.waitForFunction(() => document.getElementById('form-slot').shadowRoot.textContent.includes('试验场改过的标题'));
  assert.equal(await page.locator('#form-status').getAttribute('data-state'), 'live');
  await screenshot(page, 'playground-fixed');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('typing into the live form updates the report below', async () => {
  const page = await openPlayground('tractor-registration.json');
  const paths = () => page.evaluate(() => JSON.parse(document.getElementById('report-json').textContent).errors.map((e) => e.path));
  assert.ok((await paths()).includes('/owner'), 'no owner yet');
  await page.locator('#form-slot [id$="f-owner-name"]').focus();
  await page.keyboard.type('张三');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => !JSON.parse(document.getElementById('report-json').textContent).errors.some((e) => e.path === '/owner'));
  const now = await paths();
  assert.ok(now.includes('/owner/id_number') && !now.includes('/owner/name'), now.join(' '));
  assert.match(await page.locator('#report-json').textContent(), /"status": "invalid"/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// Issue 19: the playground lints bundles too. The members are fetched where
// the core says they come from, the merged form is shown and the report is
// each member's; a `when` that reads an unknown field is found at its line.
test('a bundle loads with its members: lint of the merge, the merged form, a report per member', async () => {
  const page = await openPage(browser, '/playground/?bundle=open-restaurant.json');
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => document.getElementById('form-slot').shadowRoot?.querySelector('.page-title'));
  assert.notEqual(await page.locator('#lint-summary').getAttribute('class'), 'has-errors', await page.locator('#findings').textContent());
  assert.match(await page.locator('#form-status').textContent(), /开办餐馆/);
  assert.match(await formText(page), /是否设置户外招牌/, 'the bundle question is on the merged form');
  const report = () => page.evaluate(() => JSON.parse(document.getElementById('report-json').textContent));
  const members = (await report()).members.map((m) => m.key);
  assert.deepEqual(members, ['registration', 'food', 'signage']);
  assert.match(await page.locator('#report-errors').textContent(), /食品经营许可（新办） ›/, 'errors are named by their member');

  const editor = page.locator('#definition');
  const original = await editor.inputValue();
  const broken = original.replace('"has_signage": {"const": true}', '"has_sign": {"const": true}');
  assert.notEqual(broken, original);
  await editor.fill(broken);
  await page.waitForFunction(() => document.getElementById('lint-summary').className === 'has-errors');
  const finding = page.locator('#findings .finding', { hasText: 'bundle.when_unknown_field' }).first();
  assert.equal(Number(await finding.getAttribute('data-line')), lineOf(broken, '"has_sign"'));
  await screenshot(page, 'playground-bundle');
  assert.deepEqual(page.problems, []);
  await page.close();
});
