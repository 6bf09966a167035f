// Schema forms (issue 17): items whose form is reached in the ways
// maintainers coming from other JSON Schema tools write it — a discriminated
// `oneOf` at the root, an `allOf` at the root, a root `$ref` into `$defs`
// with an `$id`-bundled resource, a recursive tree, and a form with times —
// each mounted with `mount(element, {definition})` from
// `tests/fixtures/kinds/<kind>/item.json`, filled the way a person does to
// the fixture's valid submission, submitted, and the envelope checked with
// the native `banli check`. The page runs in a zh-CN locale, where
// Chromium's native time controls are 24-hour.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, press, screenshot, fieldId, logicalId, fillPage, leaves, root, mountDefinition, banliBin as bin, checkNatively } from './helpers.mjs';

const kindDir = (kind) => join(root, 'tests/fixtures/kinds', kind);
const definitionOf = (kind) => readFileSync(join(kindDir(kind), 'item.json'), 'utf8');
const caseOf = (kind, name) => JSON.parse(readFileSync(join(kindDir(kind), 'cases', `${name}.json`), 'utf8'));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const mountKind = (kind, definition = definitionOf(kind)) => mountDefinition(browser, definition, { locale: 'zh-CN' });

/** Goes on to the review page, submits, and checks the envelope natively
 *  against `definition` (a file, or `{ text }`: see `checkNatively`). */
async function submitAndCheck(page, kind, definition = join(kindDir(kind), 'item.json')) {
  for (let step = 0; step < 4 && await page.locator('#host .review').count() === 0; step += 1) {
    await press(page, '下一步');
  }
  await page.locator('#host .review').waitFor();
  await press(page, '确认并提交');
  const envelope = await (await page.waitForFunction(() => window.__envelope)).jsonValue();
  const report = checkNatively(definition, envelope, ['--accepted-on', '2026-11-20']);
  assert.equal(report.status, 'valid', `${kind}: ${JSON.stringify(report.errors)}`);
  return envelope;
}

for (const [kind, name] of [['root-one-of', 'valid-organisation'], ['root-one-of', 'valid-person'], ['root-all-of', 'valid-with-agent'],
  ['root-ref', 'valid'], ['recursive-tree', 'valid-three-levels']]) {
  test(`${kind}: filled to ${name} and submitted, it passes banli check`, async () => {
    const page = await mountKind(kind);
    const { data } = caseOf(kind, name);
    const filled = await fillPage(page, data);
    await screenshot(page, `schema-forms-${kind}-${name}`);
    assert.equal(filled.size, leaves(data).length, `every answer found its field: ${[...filled]}`);
    const envelope = await submitAndCheck(page, kind);
    assert.deepEqual(envelope.data, data, 'what was filled in is what is submitted');
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

test('root oneOf: the choice comes first, then only the chosen branch\'s fields', async () => {
  const page = await mountKind('root-one-of');
  const shown = () => page.evaluate(() => [...document.querySelector('#host').shadowRoot.querySelectorAll('input')].map((e) => e.id || e.name));
  const before = await shown();
  assert.ok(!before.includes(fieldId('/uscc')) && !before.includes(fieldId('/id_number')), `no branch yet: ${before}`);
  await fillPage(page, { applicant_type: 'organisation' });
  const after = await shown();
  assert.ok(after.includes(fieldId('/uscc')) && !after.includes(fieldId('/id_number')), `the organisation's fields: ${after}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('recursive tree: one level at a time, as entries are added', async () => {
  const page = await mountKind('recursive-tree');
  const ids = () => page.evaluate(() => [...document.querySelector('#host').shadowRoot.querySelectorAll('input')].map((e) => e.id));
  const first = await ids();
  assert.deepEqual(first.filter((id) => id.includes('children')), [], `no sub-department before one is added: ${first}`);
  await fillPage(page, { organisation: { name: '总公司', children: [{ name: '市场部', children: [{ name: '华东区' }] }] } });
  const deeper = await ids();
  assert.ok(deeper.includes(fieldId('/organisation/children/0/children/0/name')), `${deeper}`);
  assert.ok(!deeper.some((id) => id.includes('children-0-children-0-children-0')), 'nothing below what was added');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('recursive optional object: an agent\'s agent is started one level at a time, by a button', async () => {
  const page = await mountKind('recursive-agent');
  const start = (pointer) => page.locator(`#${fieldId(pointer)}`);
  assert.equal(await start('/applicant/agent').evaluate((e) => e.tagName), 'BUTTON', 'the agent is offered, not laid out');
  assert.equal(await page.locator(`#${fieldId('/applicant/agent/name')}`).count(), 0, 'nothing below what was started');
  await page.locator(`#${fieldId('/applicant/name')}`).fill('张伟');
  await start('/applicant/agent').focus();
  await page.keyboard.press('Enter');
  await page.locator(`#${fieldId('/applicant/agent/name')}`).fill('李娜');
  assert.equal(await start('/applicant/agent/agent').evaluate((e) => e.tagName), 'BUTTON', 'the next level is offered in turn');
  assert.equal(await page.locator(`#${fieldId('/applicant/agent/agent/name')}`).count(), 0);
  await start('/applicant/agent/agent').click();
  await page.locator(`#${fieldId('/applicant/agent/agent/name')}`).fill('王强');
  const envelope = await submitAndCheck(page, 'recursive-agent');
  assert.deepEqual(envelope.data, caseOf('recursive-agent', 'valid-two-agents').data);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('times: "09:30" in a time field and "2026-12-01 09:30" in a date-time field are submitted complete and pass banli check', async () => {
  const page = await mountKind('times');
  const control = (pointer) => page.locator(`#${fieldId(pointer)}`);
  const attrs = async (pointer) => control(pointer).evaluate((e) => `${e.type}|${e.getAttribute('inputmode') ?? ''}|${e.getAttribute('autocomplete') ?? ''}`);
  assert.equal(await attrs('/event_date'), 'date||');
  assert.equal(await attrs('/opens_at'), 'time||');
  assert.equal(await attrs('/starts_at'), 'datetime-local||');
  assert.equal(await attrs('/email'), 'text|email|email');
  assert.equal(await attrs('/website'), 'text|url|url');
  assert.equal(await attrs('/mobile'), 'text|tel|tel');
  assert.equal(await attrs('/postcode'), 'text|numeric|postal-code');
  assert.equal(await attrs('/visitors'), 'text|numeric|off');

  // What the native controls give when a person enters 09:30 and
  // 2026-12-01 09:30 (headless Chromium takes no keystrokes in their
  // segments, so they are set as the helpers set dates; typing
  // "2026-12-01 09:30" as text is the `valid-as-typed` fixture).
  await control('/event_date').fill('2026-12-01');
  await control('/opens_at').fill('09:30');
  await control('/starts_at').fill('2026-12-01T09:30');
  await control('/starts_at').blur();
  assert.equal(await control('/opens_at').inputValue(), '09:30', 'the time is shown as typed');
  assert.equal(await control('/starts_at').inputValue(), '2026-12-01T09:30', 'the date and time are shown as typed');
  for (const pointer of ['/opens_at', '/starts_at']) {
    assert.equal(await page.locator(`#${fieldId(pointer)}-error`).count(), 0, `${pointer}: no error for what was typed`);
  }
  await fillPage(page, { mobile: '13857112233', visitors: '１２０' });
  await screenshot(page, 'schema-forms-times');
  const envelope = await submitAndCheck(page, 'times');
  assert.deepEqual(envelope.data, {
    event_date: '2026-12-01', opens_at: '09:30:00+08:00', starts_at: '2026-12-01T09:30:00+08:00', mobile: '13857112233', visitors: 120,
  });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('draft-07: the item `banli migrate` makes from a draft-07 form is filled, tuple and all, and passes banli check', async () => {
  const draft07 = join(root, 'tests/fixtures/migrate/same-verdicts/item.json');
  const migrated = execFileSync(bin, ['migrate', draft07], { encoding: 'utf8' });
  const page = await mountKind('migrated', migrated);
  // The tuple (draft-07 `items: [...]`, now `prefixItems`): two entries.
  for (let i = 0; i < 2; i += 1) {
    await page.locator(`#${logicalId('list:/opening_hours')}`).focus();
    await page.keyboard.press('Enter');
  }
  const { data } = JSON.parse(readFileSync(join(root, 'tests/fixtures/migrate/same-verdicts/cases/valid-manager.json'), 'utf8'));
  await fillPage(page, data);
  const envelope = await submitAndCheck(page, 'migrated', { text: migrated });
  assert.deepEqual(envelope.data, data);
  assert.deepEqual(page.problems, []);
  await page.close();
});
