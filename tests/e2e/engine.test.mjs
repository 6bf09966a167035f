// The view and the schema engine are two wasm modules (issue 16): the view
// paints the form and takes input before the engine has arrived, the
// engine is requested only once the view's module is in, what needs a
// verdict waits for the engine and then gets the engine's, and a form
// whose engine cannot load says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, mountDefinition, root, fieldId, logicalId, focusedId, press } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const food = readFileSync(join(root, 'schemas/items/food-business-licence.json'), 'utf8');
const ENGINE = '**/banli-form/banli_widget_engine_bg.wasm';

/** A route that holds the engine's wasm until `release()` is called. */
function heldEngine() {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  return { release, route: [ENGINE, async (route) => { await released; await route.continue(); }] };
}

/** Chooses 个人 as the applicant's kind and types `text` as the name; the name field. */
async function personNamed(page, text) {
  const kind = page.locator(`input[name="${fieldId('/applicant/kind')}"][value='"person"']`);
  await kind.focus();
  await page.keyboard.press('Space');
  const name = page.locator(`#${fieldId('/applicant/name')}`);
  await name.focus();
  await page.keyboard.type(text);
  return name;
}

test('the form is typeable before the engine arrives, and Next waits for its verdict', async () => {
  const engine = heldEngine();
  const page = await mountDefinition(browser, food, { routes: [engine.route] });
  const name = await personNamed(page, '张三');
  await page.keyboard.press('Tab');
  assert.equal(await name.inputValue(), '张三', 'typed into the form the view painted');
  assert.equal(await page.locator('#host .error-message').count(), 0, 'nothing is wrong before a verdict');
  await press(page, '下一步');
  const waiting = page.locator('#host .checking[role=status]');
  await waiting.waitFor();
  assert.match(await waiting.textContent(), /正在准备校验/);
  assert.equal(await page.locator('#host .error-summary').count(), 0, 'Next is neither refused nor let through');
  engine.release();
  // The engine's verdict decides the Next that waited for it.
  const summary = page.locator('#host .error-summary');
  await summary.waitFor();
  assert.equal(await waiting.count(), 0);
  assert.match(await summary.textContent(), /请填写申请人 › 身份证号码/);
  assert.doesNotMatch(await summary.textContent(), /姓名/, 'judged on what was typed while it was away');
  assert.equal(await focusedId(page, '#host'), logicalId('summary'));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the engine is requested once, when a form is mounted, not by importing the loader', async () => {
  const page = await openPage(browser, '/demo/blank.html');
  const events = [];
  const finished = {};
  const done = (file) => new Promise((resolve) => { finished[file] = resolve; });
  const view = done('banli_widget_bg.wasm');
  const engineDone = done('banli_widget_engine_bg.wasm');
  page.on('request', (r) => events.push(`request ${new URL(r.url()).pathname}`));
  page.on('requestfinished', (r) => {
    const path = new URL(r.url()).pathname;
    events.push(`finished ${path}`);
    finished[path.replace('/banli-form/', '')]?.();
  });
  const engine = 'request /banli-form/banli_widget_engine_bg.wasm';
  await page.evaluate(() => import('/banli-form/banli-form.js'));
  await view;
  // Imported, the view's module in, no form mounted: no engine yet.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  assert.ok(!events.includes(engine), events.join('\n'));
  const checks = page.evaluate(async (text) => {
    const { mount } = await import('/banli-form/banli-form.js');
    const form = await mount(document.getElementById('host'), { definition: text });
    await form.checks;
    return 'checks in';
  }, food);
  await page.locator('#host .page-title').first().waitFor();
  await engineDone;
  assert.equal(await checks, 'checks in');
  assert.equal(events.filter((e) => e === engine).length, 1, events.join('\n'));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a form whose engine cannot be loaded says so instead of judging nothing', async () => {
  const page = await openPage(browser, '/demo/blank.html', {
    routes: [[ENGINE, (route) => route.fulfill({ status: 404, body: 'gone' })]],
  });
  const failure = await page.evaluate(async (text) => {
    const { mount } = await import('/banli-form/banli-form.js');
    const host = document.getElementById('host');
    const failed = new Promise((resolve) => host.addEventListener('banli-error', (e) => resolve(e.detail.message)));
    await mount(host, { definition: text });
    return failed;
  }, food);
  assert.match(failure, /the checks \(.*banli_widget_engine_bg\.wasm\) could not be loaded/);
  const alert = page.locator('#host [role=alert]');
  assert.match(await alert.textContent(), /申请表无法加载/);
  assert.equal(await page.locator('#host .page-title').count(), 0, 'the form that cannot be checked is gone');
  // The browser logs the refused module; nothing else went wrong.
  assert.deepEqual(page.problems.filter((p) => !/banli_widget_engine_bg\.wasm|404 \(Not Found\)/.test(p)), []);
  await page.close();
});

// A material's `when` that the view cannot decide alone (here `minimum`)
// is asked of the engine once it is in: the materials page requires it
// exactly when the server does. Before, the view counted such a material
// as required for every answer.
test('a material required by a condition only the engine decides is required exactly when the server requires it', async () => {
  const definition = {
    ...JSON.parse(readFileSync(join(root, 'tests/fixtures/item-head.json'), 'utf8')),
    form: {
      type: 'object', title: '企业信息', required: ['capital'],
      properties: { capital: { type: 'integer', title: '注册资本（万元）' } },
    },
    materials: [
      { id: 'licence', name: '营业执照', source: 'applicant', required: true },
      {
        id: 'audit', name: '审计报告', source: 'applicant',
        required: { when: { properties: { capital: { minimum: 1000 } }, required: ['capital'] } },
      },
    ],
  };
  for (const [capital, required] of [['500', false], ['5000', true]]) {
    const page = await mountDefinition(browser, JSON.stringify(definition));
    const field = page.locator(`#${fieldId('/capital')}`);
    await field.focus();
    await page.keyboard.type(capital);
    await press(page, '下一步');
    await page.locator('#host .materials').waitFor();
    const audit = page.locator('#host .material').filter({ hasText: '审计报告' });
    assert.equal(await audit.evaluate((el) => el.classList.contains('not-needed')), !required, `capital ${capital}`);
    const licence = page.locator('#host .material').filter({ hasText: '营业执照' });
    assert.equal(await licence.evaluate((el) => el.classList.contains('not-needed')), false);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

// The engine module judges its own copy of the form data, which the view
// keeps in step by sending only what changed (a keystroke crosses as one
// value). Every question names the copy's version; a question about any
// other version is refused, never answered about the wrong data.
test('the engine judges a copy kept in step by changes, and refuses a question about another version', async () => {
  const envelope = JSON.parse(readFileSync(join(root, 'tests/fixtures/food-business-licence/valid-organisation.json'), 'utf8'));
  const page = await openPage(browser, '/demo/blank.html');
  const seen = await page.evaluate(async ([text, data]) => {
    const { mount } = await import('/banli-form/banli-form.js');
    const form = await mount(document.getElementById('host'), { definition: text });
    await form.checks;
    // The module the loader instantiated; a second item of it.
    const { EngineItem } = await import('/banli-form/banli_widget_engine.js');
    const bytes = (value) => new TextEncoder().encode(JSON.stringify(value));
    const errors = (b) => JSON.parse(new TextDecoder().decode(b)).map((e) => `${e.path} ${e.code}`);
    const refused = (f) => { try { f(); return 'answered'; } catch (e) { return String(e.message ?? e); } };
    const copy = new EngineItem(text);
    const v1 = copy.setData(bytes(data));
    const valid = errors(copy.judgeForm(v1, 'zh-CN', ''));
    const changed = structuredClone(data);
    changed.applicant.uscc = '91330100MA2B3C4D1B';
    changed.premises.postcode = '33900';
    const v2 = copy.updateData(v1, bytes([['/applicant/uscc', changed.applicant.uscc], ['/premises/postcode', changed.premises.postcode]]));
    const kept = errors(copy.judgeForm(v2, 'zh-CN', ''));
    const whole = new EngineItem(text);
    const sent = errors(whole.judgeForm(whole.setData(bytes(changed)), 'zh-CN', ''));
    const stale = [
      refused(() => copy.judgeForm(v1, 'zh-CN', '')),
      refused(() => copy.updateData(v1, bytes([['/premises/postcode', '339001']]))),
      refused(() => copy.materialRequired(v1, 0)),
    ];
    const nowhere = refused(() => copy.updateData(v2, bytes([['/no/such/place', 1]])));
    const after = refused(() => copy.judgeForm(v2, 'zh-CN', ''));
    const fresh = refused(() => new EngineItem(text).judgeForm(0, 'zh-CN', ''));
    return { v1, v2, valid, kept, sent, stale, nowhere, after, fresh };
  }, [food, envelope.data]);
  assert.deepEqual(seen.valid, []);
  assert.notEqual(seen.v1, seen.v2);
  assert.equal(seen.kept.length, 2, seen.kept.join('\n'));
  assert.deepEqual(seen.kept, seen.sent, 'the copy changed in place is judged as the whole data sent afresh');
  for (const answer of seen.stale) assert.match(answer, /not \d+/, 'a question about an old version is refused');
  assert.match(seen.nowhere, /no value at "\/no\/such\/place"/);
  assert.match(seen.after, /there is no copy/, 'after a failed update there is no copy to answer about');
  assert.match(seen.fresh, /there is no copy/, 'a fresh item answers no question before its data is set');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// When the module refuses an update (page script or a second form moved
// the item's copy on, or an earlier failure left none), the view sends the
// whole data and asks again: the verdict is the engine's, not "the checks
// failed".
test('the view sends the whole data again when the engine refuses an update', async () => {
  const page = await openPage(browser, '/demo/blank.html');
  await page.evaluate(async (text) => {
    const { mount } = await import('/banli-form/banli-form.js');
    const form = await mount(document.getElementById('host'), { definition: text });
    await form.checks;
    const { EngineItem } = await import('/banli-form/banli_widget_engine.js');
    const update = EngineItem.prototype.updateData;
    window.__refused = 0;
    EngineItem.prototype.updateData = function (version, changes) {
      if (window.__refused === 0) {
        window.__refused += 1;
        // What a stale copy answers, and the copy moves on, as after a failed update.
        this.setData(new TextEncoder().encode('null'));
        throw new Error(`the copy is at version ?, not ${version}`);
      }
      return update.call(this, version, changes);
    };
  }, food);
  await page.locator('#host .page-title').first().waitFor();
  await personNamed(page, '张三');
  await press(page, '下一步');
  const summary = page.locator('#host .error-summary');
  await summary.waitFor();
  assert.equal(await page.evaluate(() => window.__refused), 1, 'an update was refused');
  assert.match(await summary.textContent(), /请填写申请人 › 身份证号码/);
  assert.doesNotMatch(await summary.textContent(), /姓名|校验/, 'judged on the data as typed, by the engine');
  assert.deepEqual(page.problems, []);
  await page.close();
});
