// Drafts (草稿) and prefill (预填) for a bundle (一件事一次办, issue 19), as
// drafts.test.mjs and prefill.test.mjs test them for an item: 开办餐馆一件事
// filled in part is saved as the applicant types (key banli-draft:<bundle
// code>), offered after a reload and restored on the page the applicant was
// on with the values typed; a draft saved on the sign permit's page, whose
// answers no longer apply that member, opens on the nearest page that
// applies; and a portal's prefill of the shared fields and the e-licence
// materials reaches the bundle envelope, which the native `banli check`
// accepts per member.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, baseUrl, openPage, press, continueDraft, screenshot, fixture, fillPage, fillStep, fieldId, unreached, today, root, checkNatively } from './helpers.mjs';

const BUNDLE = '11339900MB1000001Q9000000001000';
const key = `banli-draft:${BUNDLE}`;
const url = `/apply.html?bundle=${BUNDLE}`;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const form = (page) => page.locator('banli-form');
const ready = (page) => form(page).locator('.page-title').first().waitFor();
const title = async (page) => (await form(page).locator('.page-title').textContent()).trim();
const stored = async (page) => JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));

test("a bundle's draft is saved, offered after a reload and restored on its page with its values", async () => {
  const application = fixture('bundles/open-restaurant', 'deferred-floor-plan');
  const page = await openPage(browser, url);
  await ready(page);
  // The first page: the question and the shared fields.
  await fillPage(page, application.data);
  await press(page, '下一步');
  const second = await title(page);
  assert.notEqual(second, '', 'on the second page');
  const operator = application.data.registration.operator.name;
  await fillPage(page, { registration: { operator: { name: operator } } });
  await page.waitForFunction(([k, n]) => localStorage.getItem(k)?.includes(n), [key, operator]);
  const draft = await stored(page);
  assert.equal(draft.code, BUNDLE);
  assert.equal(draft.page, 1);
  assert.equal(draft.data.premises_address, application.data.premises_address);

  await page.reload();
  await ready(page);
  assert.match(await form(page).locator('.draft-notice').textContent(), /继续填写上次的草稿？/);
  await continueDraft(page);
  assert.equal(await title(page), second, 'restored on the page the applicant was on');
  assert.equal(await page.locator(`#${fieldId('/registration/operator/name')}`).inputValue(), operator);
  await press(page, '上一步');
  assert.equal(await page.locator(`#${fieldId('/premises_address')}`).inputValue(), application.data.premises_address);
  assert.equal(await page.locator(`#${fieldId('/contact_mobile')}`).inputValue(), application.data.contact_mobile);
  await screenshot(page, 'bundle-draft-restored');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a draft saved on the sign permit's page opens on the nearest page that applies when there is no sign", async () => {
  const merged = await (await fetch(`${baseUrl}/api/bundles/${BUNDLE}`)).json();
  // No situation questions: page n is step n, then the materials, then the review.
  const signage = merged.ui.steps.findIndex((s) => s.fields.some((f) => f.startsWith('/signage/')));
  assert.ok(signage > 0, 'the sign permit has a step');
  const draft = {
    format: 'banli-draft/1',
    code: BUNDLE,
    version: merged.version,
    saved_at: `${today}T09:00:00+08:00`,
    data: { has_signage: false, premises_address: '云溪市临湖区湖滨路12号1楼' },
    materials: {},
    page: signage,
  };
  const page = await openPage(browser, url);
  await ready(page);
  await page.evaluate(([k, text]) => localStorage.setItem(k, text), [key, JSON.stringify(draft)]);
  await page.reload();
  await ready(page);
  await continueDraft(page);
  const shown = await title(page);
  assert.ok(!shown.startsWith('户外招牌设置审批'), `the skipped member's page is not shown: ${shown}`);
  assert.equal(shown, '申请材料', 'the next page that applies');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a portal's prefill of the shared fields and e-licences reaches the bundle envelope", async () => {
  const application = fixture('bundles/open-restaurant', 'deferred-floor-plan');
  const prefill = {
    data: { premises_address: application.data.premises_address, contact_mobile: application.data.contact_mobile },
    provenance: {
      '/premises_address': { source: '不动产登记电子证照', locked: true },
      '/contact_mobile': { source: '实名认证手机号', locked: false },
    },
    materials: ['applicant-id', 'operator-licence'],
  };
  const page = await openPage(browser, '/demo/blank.html');
  await page.evaluate(async ([code, options]) => {
    const { mount } = await import('/banli-form/banli-form.js');
    window.__envelope = null;
    const host = document.getElementById('host');
    host.addEventListener('banli-submit', (e) => { window.__envelope = e.detail; });
    const bundle = await (await fetch(`/api/bundles/${code}`)).json();
    await mount(host, { bundle, ...options });
  }, [BUNDLE, { prefill }]);
  await page.locator('#host .page-title').first().waitFor();
  const address = page.locator(`#${fieldId('/premises_address')}`);
  assert.equal(await address.inputValue(), prefill.data.premises_address);
  assert.notEqual(await address.getAttribute('readonly'), null, 'the verified shared field is locked');
  const source = (await address.getAttribute('aria-describedby')).split(' ')[0];
  assert.match(await page.locator(`#${source}`).textContent(), /来源：不动产登记电子证照/);
  // The rest as an applicant gives it; the e-licences need no choice.
  const rest = structuredClone(application);
  delete rest.data.premises_address;
  delete rest.data.contact_mobile;
  for (const id of prefill.materials) delete rest.materials[id];
  const filled = new Set();
  for (let step = 0; step < 16 && await page.locator('#host .review').count() === 0; step += 1) {
    await fillStep(page, rest, filled, '#host');
    if (await page.locator('#host .materials').count() > 0) {
      const shared = page.locator('#host .material.prefilled');
      assert.equal(await shared.count(), 2, 'both e-licence materials are shared');
      assert.match(await shared.first().textContent(), /已通过电子证照获取，无需提交/);
    }
    await press(page, '下一步');
    const summary = page.locator('#host .error-summary');
    if (await summary.count() > 0) assert.fail(await summary.textContent());
  }
  assert.deepEqual(unreached(rest, filled), []);
  await press(page, '确认并提交');
  const envelope = await (await page.waitForFunction(() => window.__envelope)).jsonValue();
  assert.equal(envelope.data.premises_address, prefill.data.premises_address);
  assert.equal(envelope.materials['applicant-id'].disposition, 'shared');
  assert.equal(envelope.materials['operator-licence'].disposition, 'shared');
  // The core's per-member verdict, as banli-server gives it.
  const report = checkNatively(join(root, 'schemas/bundles/open-restaurant.json'), envelope, ['--accepted-on', today]);
  assert.equal(report.status, 'valid_with_commitments', JSON.stringify(report));
  assert.deepEqual(page.problems, []);
  await page.close();
});
