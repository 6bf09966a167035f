// Per-entry state follows its entry (issue 14, part 5): when a list's
// entries are moved, added or removed, what the widget keeps about an entry
// (which fields were touched, so their errors show; the text typed into a
// number field) moves with the entry, never stays at the old index. First
// the food licence's staff list as reported, then a small list item
// (`tests/fixtures/widget/list-entries.json`) for moves, removals and new
// entries with typed number text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, fillPage, press, screenshot, fixture, fieldId, logicalId, focusedId, root, mountDefinition } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Focuses the field at `pointer`, types `text` (maybe nothing) and leaves it. */
async function typeInto(page, pointer, text = '') {
  await page.locator(`#${fieldId(pointer)}`).focus();
  if (text) await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

const valueOf = (page, pointer) => page.locator(`#${fieldId(pointer)}`).inputValue();

/** The pointers of the fields showing an error beside them, in page order. */
const fieldsInError = (page) => page.evaluate(() => {
  const form = document.querySelector('banli-form') ?? document.querySelector('#host');
  return [...form.shadowRoot.querySelectorAll('.error-message')].map((e) => e.id.replace(/-error$/, ''));
});

test('food licence: entry 1 left without a name and moved down keeps its error, and the summary links to /staff/1/name', async () => {
  const application = fixture('food-business-licence', 'deferred-floor-plan');
  const { staff, ...rest } = application.data;
  const page = await openPage(browser, '/apply.html?item=food-business-licence.json');
  await page.locator('banli-form .page-title').first().waitFor();
  const filled = new Set();
  for (let step = 1; step <= 3 && !(await page.locator(`#${fieldId('/staff')}`).count()); step += 1) {
    await fillPage(page, rest, filled);
    await press(page, '下一步');
  }
  assert.equal(await page.locator('banli-form .page-title').textContent(), '从业人员');

  await press(page, '添加从业人员');
  await typeInto(page, '/staff/0/name');
  assert.deepEqual(await fieldsInError(page), [fieldId('/staff/0/name')], 'the empty name shows its error once left');
  await press(page, '添加从业人员');
  await typeInto(page, '/staff/1/name', staff[0].name);
  await typeInto(page, '/staff/1/id_number', staff[0].id_number);
  await typeInto(page, '/staff/1/health_certificate_no', staff[0].health_certificate_no);

  // Leaving the name for the add button touched entry 1's id number too.
  const before = await fieldsInError(page);
  assert.deepEqual(before, [fieldId('/staff/0/name'), fieldId('/staff/0/id_number')]);

  await press(page, '第1项下移');
  assert.equal(await valueOf(page, '/staff/0/name'), staff[0].name);
  assert.equal(await valueOf(page, '/staff/1/name'), '');
  assert.deepEqual(await fieldsInError(page), [fieldId('/staff/1/name'), fieldId('/staff/1/id_number')],
    'the errors moved with their entry');
  assert.equal(await page.locator(`#${fieldId('/staff/1/name')}`).getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'list-state-food-moved');

  await press(page, '下一步');
  const summary = page.locator('banli-form .error-summary');
  await summary.waitFor();
  const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(links[0], `#${fieldId('/staff/1/name')}`, JSON.stringify(links));
  assert.ok(!links.some((href) => href.startsWith(`#${fieldId('/staff/0/')}`)), 'nothing wrong with the entry now first');
  await summary.locator('a').first().click();
  assert.equal(await focusedId(page), fieldId('/staff/1/name'));

  // With the summary showing, moving the entry back moves its links too.
  await press(page, '第2项上移');
  const moved = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(moved[0], `#${fieldId('/staff/0/name')}`, JSON.stringify(moved));
  assert.deepEqual(page.problems, []);
  await page.close();
});

const listItem = readFileSync(join(root, 'tests/fixtures/widget/list-entries.json'), 'utf8');

const mountList = () => mountDefinition(browser, listItem);

test('moving entries: touched marks and typed number text go with the entry', async () => {
  const page = await mountList();
  await press(page, '添加成员');
  await typeInto(page, '/members/0/name');
  await typeInto(page, '/members/0/age', '12.');
  await press(page, '添加成员');
  await typeInto(page, '/members/1/name', '王𠀋华');
  await typeInto(page, '/members/1/age', '7');
  assert.deepEqual(await fieldsInError(page), [fieldId('/members/0/name')]);

  await press(page, '第1项下移');
  assert.equal(await focusedId(page, '#host'), logicalId('entry:/members/1'), 'focus goes with the moved entry');
  assert.deepEqual([await valueOf(page, '/members/0/name'), await valueOf(page, '/members/0/age')], ['王𠀋华', '7'],
    'the second entry is first, its number as typed');
  assert.deepEqual([await valueOf(page, '/members/1/name'), await valueOf(page, '/members/1/age')], ['', '12.'],
    'the first entry is second, its number as typed');
  assert.deepEqual(await fieldsInError(page), [fieldId('/members/1/name')]);

  await press(page, '第2项上移');
  assert.deepEqual(await fieldsInError(page), [fieldId('/members/0/name')], 'and back again');
  assert.equal(await valueOf(page, '/members/0/age'), '12.');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('removing and adding entries: later entries keep their marks and text, a new entry starts clean', async () => {
  const page = await mountList();
  for (let i = 0; i < 3; i += 1) await press(page, '添加成员');
  await typeInto(page, '/members/0/name');
  await typeInto(page, '/members/1/name', '李四');
  await typeInto(page, '/members/1/age', '40');
  await typeInto(page, '/members/2/name');
  await typeInto(page, '/members/2/age', '3.');
  assert.deepEqual(await fieldsInError(page), [fieldId('/members/0/name'), fieldId('/members/2/name')]);

  await press(page, '删除第2项成员');
  assert.deepEqual(await fieldsInError(page), [fieldId('/members/0/name'), fieldId('/members/1/name')],
    'the third entry, now second, still shows its error');
  assert.equal(await valueOf(page, '/members/1/age'), '3.', 'and its number as typed');

  await press(page, '删除第2项成员');
  await press(page, '添加成员');
  assert.deepEqual(await fieldsInError(page), [fieldId('/members/0/name')], 'the new second entry has no error yet');
  assert.equal(await valueOf(page, '/members/1/age'), '', 'nor the removed entry\'s text');
  await screenshot(page, 'list-state-removed-and-added');
  assert.deepEqual(page.problems, []);
  await page.close();
});
