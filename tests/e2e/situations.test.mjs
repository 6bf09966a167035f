// Browser tests of situations (办理情形, issue 18): an item with situation
// questions opens on 办事指引, where the applicant answers them first and
// sees their own checklist (CompiledItem::checklist) change with each
// answer; the questions are not asked again in the form; each real item is
// then completed from its fixture and `banli check` accepts the envelope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, fillPage, fillStep, press, submitAndCheck, screenshot, fixture, fieldId, logicalId, leaves, unreached } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const need = (page, material) => page.locator(`banli-form .checklist-material[data-material="${material}"]`).getAttribute('data-need');

/**
 * Adds the entries of lists of plain values (经营类别: one choice per entry)
 * that the fixture fills, so that fillPage finds their controls.
 */
async function addValueEntries(page, data) {
  for (const [pointer] of leaves(data)) {
    const entry = pointer.match(/^(.*)\/(\d+)$/);
    if (!entry || await page.locator(`#${fieldId(pointer)}`).count() > 0) continue;
    const add = page.locator(`#${logicalId(`list:${entry[1]}`)}`);
    if (await add.count() === 1 && await add.isEnabled()) { await add.focus(); await page.keyboard.press('Enter'); }
  }
}

/** Fills the pages after 办事指引 from the fixture, then submits and checks it. */
async function completeFromGuide(page, item, application, filled) {
  for (let step = 1; step <= 8; step += 1) {
    const title = await page.locator('banli-form .page-title').textContent();
    await addValueEntries(page, application.data);
    await fillStep(page, application, filled);
    await screenshot(page, `situations-${item}-${step}`);
    if (await page.locator('banli-form .review').count() > 0) break;
    await press(page, '下一步');
    const summary = page.locator('banli-form .error-summary');
    if (await summary.count() > 0) assert.fail(`${item} step ${step} (${title}): ${await summary.textContent()}`);
  }
  assert.deepEqual(unreached(application, filled), [], `${item}: every answer and material of the fixture had its control`);
  return submitAndCheck(page, `${item}.json`, '确认并提交');
}

/** Opens `item`, checks it starts on 办事指引, and answers the situation questions of `application`. */
async function answerSituations(item, application, questions) {
  const page = await openPage(browser, `/apply.html?item=${item}.json`);
  await page.locator('banli-form .page-title').first().waitFor();
  assert.equal(await page.locator('banli-form .page-title').textContent(), '办事指引');
  assert.match(await page.locator('banli-form .guide-intro').textContent(), /请先回答以下问题/);
  // Only the questions are on this page, nothing else of the form.
  const controls = await page.locator('banli-form .fields').locator('input, select, textarea').evaluateAll((els) => els.map((e) => (e.type === 'radio' ? e.name : e.id)));
  assert.deepEqual([...new Set(controls)].sort(), questions.map((q) => fieldId(q)).sort(), 'only the situation questions');
  const answers = {};
  for (const q of questions) {
    const parts = q.split('/').slice(1);
    let from = application.data;
    let to = answers;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) to[part] = from[part];
      else { to[part] ??= {}; to = to[part]; from = from[part]; }
    });
  }
  // Next before answering: the questions are what is missing.
  await press(page, '下一步');
  await page.locator('banli-form .error-summary').waitFor();
  assert.equal(await page.locator('banli-form .page-title').textContent(), '办事指引');
  const filled = await fillPage(page, answers);
  assert.equal(filled.size, questions.length);
  return { page, filled };
}

test('广西 可研审批: the four situation questions first, then the checklist in the guide\'s words, then the form without them', async () => {
  const item = 'gx-feasibility-approval';
  const application = fixture(item, 'valid-allocated-land-upper-level');
  const questions = ['/situation/land_by_allocation', '/situation/agricultural', '/situation/upper_level_authority', '/situation/stability_assessment_exempt'];
  const { page, filled } = await answerSituations(item, application, questions);
  // 划拨用地 and 上一级审批权限 hold: their materials are needed, in the guide's words.
  const checklist = page.locator('banli-form .checklist');
  assert.match(await checklist.textContent(), /您属于：以划拨方式提供国有土地使用权、位于城市规划区域内的投资项目；属上一级发展改革部门审批权限的项目/);
  assert.equal(await need(page, 'upper-level-review'), 'required');
  assert.equal(await need(page, 'planning-opinion'), 'required');
  assert.equal(await need(page, 'funding-commitments'), 'required');
  assert.match(await page.locator('banli-form .checklist-material[data-material="upper-level-review"]').textContent(), /属上一级发展改革部门审批权限的项目时需要/);
  // 上一级审批权限 chooses the variant 初审转报, whose limits the source does not state.
  assert.match(await checklist.textContent(), /业务办理项：属上一级发展改革部门审批权限的项目（初审转报）.*承诺办结时限：未载明.*到办事现场次数：1次（现场核验材料）/s);
  // 否 chooses county approval, with the item's own limits; then back to 是.
  const upper = (answer) => page.locator(`input[type=radio][name="${fieldId('/situation/upper_level_authority')}"][value="${answer}"]`);
  await upper('false').focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('banli-form').shadowRoot.querySelector('.checklist').textContent.includes('业务办理项：县级审批'));
  assert.match(await checklist.textContent(), /业务办理项：县级审批（县本级财政资金安排的项目）.*承诺办结时限：5个工作日/s);
  assert.equal(await need(page, 'upper-level-review'), 'not_needed');
  await upper('true').focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('banli-form').shadowRoot.querySelector('.checklist').textContent.includes('初审转报'));
  // 农口项目: the funding commitments are no longer needed; back again.
  const agricultural = page.locator(`input[type=radio][name="${fieldId('/situation/agricultural')}"][value="true"]`);
  await agricultural.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('banli-form').shadowRoot.querySelector('.checklist-material[data-material="funding-commitments"]').dataset.need === 'not_needed');
  assert.match(await checklist.textContent(), /本次无需提交的材料.*必要，农口项目除外/s);
  await screenshot(page, 'situations-gx-guide');
  const notAgricultural = page.locator(`input[type=radio][name="${fieldId('/situation/agricultural')}"][value="false"]`);
  await notAgricultural.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('banli-form').shadowRoot.querySelector('.checklist-material[data-material="funding-commitments"]').dataset.need === 'required');
  await press(page, '下一步');
  // The 适用情形 step holds only the questions: it is not asked again.
  const titles = await page.locator('banli-form .progress li').allTextContents();
  assert.ok(!titles.some((t) => t.includes('适用情形')), titles.join(' | '));
  const { envelope, report } = await completeFromGuide(page, item, application, filled);
  assert.equal(report.status, 'valid', JSON.stringify(report.errors));
  assert.deepEqual(envelope.data.situation, application.data.situation);
  assert.equal(envelope.materials['upper-level-review'].disposition, 'provided');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('河南 道路客运许可: the 班线 situations first; 已获许可新增班线 and 已购置客车 select their materials', async () => {
  const item = 'ha-road-passenger-licence';
  const application = fixture(item, 'valid-new-line-vehicles-purchased');
  const { page, filled } = await answerSituations(item, application, ['/scope/line_situation', '/scope/vehicles_purchased']);
  for (const material of ['licence-copy', 'own-bus-documents', 'vehicle-licences', 'technical-grade', 'bus-grade']) {
    assert.equal(await need(page, material), 'required', material);
  }
  for (const material of ['line-application', 'line-feasibility', 'station-plan', 'service-commitment']) {
    assert.equal(await need(page, material), 'not_needed', material);
  }
  assert.match(await page.locator('banli-form .checklist-material[data-material="application-form"]').textContent(), /由系统根据填写内容生成/);
  await screenshot(page, 'situations-ha-guide');
  await press(page, '下一步');
  const { envelope, report } = await completeFromGuide(page, item, application, filled);
  assert.equal(report.status, 'valid', JSON.stringify(report.errors));
  assert.equal(envelope.data.scope.line_situation, 'new_line');
  assert.deepEqual(page.problems, []);
  await page.close();
});
