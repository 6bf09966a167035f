// A bundle (一件事一次办) whose member has situations (办理情形) and variants
// (业务办理项, issue 18): the test bundle tests/fixtures/bundles/project-approval.json,
// merged by the native `banli bundle` and mounted with `mount({ bundle })`,
// opens on 办事指引 with the feasibility member's situation questions; the
// answers pick that member's materials and its variant in the checklist; the review page
// names the member's variant with its own dates; and the submitted envelope
// is checked per member by the native `banli check`, whose report for the
// member names the variant the answers chose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { launch, openPage, press, screenshot, fixture, fillPage, fillStep, unreached, today, root, banliBin as bin, checkNatively } from './helpers.mjs';

const bundleFile = join(root, 'tests/fixtures/bundles/project-approval.json');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const need = (page, material) => page.locator(`#host .checklist-material[data-material="${material}"]`).getAttribute('data-need');

test('a bundle with a situational member opens on 办事指引, its answers pick the member\'s materials and variant, and it submits under that variant', async () => {
  const application = fixture('bundles/project-approval/submissions', 'valid-upper-level');
  const bundle = JSON.parse(execFileSync(bin, ['bundle', bundleFile], { encoding: 'utf8' }));
  const page = await openPage(browser, '/demo/blank.html');
  await page.evaluate(async (merged) => {
    const { mount } = await import('/banli-form/banli-form.js');
    window.__envelope = null;
    const host = document.getElementById('host');
    host.addEventListener('banli-submit', (e) => { window.__envelope = e.detail; });
    await mount(host, { bundle: merged });
  }, bundle);
  await page.locator('#host .page-title').first().waitFor();
  assert.equal(await page.locator('#host .page-title').textContent(), '办事指引');
  // Before any answer, the member's situational materials wait for them.
  assert.equal(await need(page, 'upper-level-review'), 'unanswered');
  assert.equal(await need(page, 'metering-plan'), 'required', 'the other member\'s materials are listed too');
  const situation = application.data.feasibility.situation;
  const filled = await fillPage(page, { feasibility: { situation } }, new Set(), 'bf1-');
  assert.equal(filled.size, 4, 'the four questions are on the page, at their merged places');
  const checklist = page.locator('#host .checklist');
  await page.waitForFunction(() => document.querySelector('#host .checklist-material[data-material="upper-level-review"]')?.dataset.need === 'required'
    || document.querySelector('#host').shadowRoot?.querySelector('.checklist-material[data-material="upper-level-review"]')?.dataset.need === 'required');
  assert.match(await checklist.textContent(), /您属于：以划拨方式提供国有土地使用权、位于城市规划区域内的投资项目；属上一级发展改革部门审批权限的项目/);
  // The member's variant, chosen there by its own answers, with the member's name.
  assert.match(await checklist.textContent(), /业务办理项（政府投资项目审批——可行性研究报告审批）：属上一级发展改革部门审批权限的项目（初审转报）/);
  assert.equal(await need(page, 'planning-opinion'), 'required');
  assert.equal(await need(page, 'stability-assessment'), 'required');
  assert.match(await page.locator('#host .checklist-material[data-material="upper-level-review"]').textContent(), /属上一级发展改革部门审批权限的项目时需要/);
  await screenshot(page, 'bundle-situations-guide');
  await press(page, '下一步');
  for (let step = 0; step < 16 && await page.locator('#host .review').count() === 0; step += 1) {
    await fillStep(page, application, filled, '#host');
    if (await page.locator('#host .review').count() > 0) break;
    await press(page, '下一步');
    const summary = page.locator('#host .error-summary');
    if (await summary.count() > 0) assert.fail(await summary.textContent());
  }
  assert.deepEqual(unreached(application, filled), []);
  // The review gives the member's variant, and its limits (not stated by the source): no dates.
  const member = page.locator('#host .member[data-member="feasibility"]');
  assert.match(await member.locator('.member-variant').textContent(), /业务办理项.*属上一级发展改革部门审批权限的项目（初审转报）/);
  assert.equal(await member.locator('.member-variant').getAttribute('data-variant'), 'forwarded-upward');
  assert.equal(await page.locator('#host .member[data-member="energy"] .member-variant').count(), 0);
  await screenshot(page, 'bundle-situations-review');
  await press(page, '确认并提交');
  const envelope = await (await page.waitForFunction(() => window.__envelope)).jsonValue();
  assert.deepEqual(envelope.data.feasibility.situation, situation);
  const report = checkNatively(bundleFile, envelope, ['--accepted-on', today]);
  assert.equal(report.status, 'valid', JSON.stringify(report));
  assert.equal(report.members[0].report.variant.id, 'forwarded-upward');
  assert.equal(report.members[0].code, bundle.members[0].code);
  assert.deepEqual(page.problems, []);
  await page.close();
});
