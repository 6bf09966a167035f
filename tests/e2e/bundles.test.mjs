// 一件事一次办 from the portal (issue 19). The portal lists 开办餐馆一件事;
// its page shows the three members with their own time limits and one
// materials table in which the premises proof two members need is one row;
// 在线办理 mounts <banli-form> on the merged definition. The applicant then
// fills that one form page by page like any item (each member's steps show
// only their own fields), gives the premises proof once (the materials step
// says which members use it), defers the food licence's floor plan (容缺后补),
// signs once and submits; the page sends the envelope to
// /api/bundle-applications. The server API then holds three member
// applications with their own deadlines and one commitment for the one
// deferring member; the applicant's view lists the three, and the officials'
// ledger shows the deferred floor plan under the food licence with that
// member's due date, naming the bundle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { launch, baseUrl, openPage, screenshot, fixture, today, fillStep, press, unreached, fieldId } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const BUNDLE = '11339900MB1000001Q9000000001000';

test("the bundle's page: its members, the premises proof once, and the form on the merged definition", async () => {
  const page = await openPage(browser, '/');
  await page.locator('#bundles button', { hasText: '开办餐馆一件事' }).click();
  const members = page.locator('#detail table.members tbody tr');
  await members.nth(2).waitFor();
  assert.equal(await members.count(), 3);
  const rows = await page.evaluate(() => [...document.querySelectorAll('#detail table.members tbody tr')]
    .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  // Each member keeps its own promised limit: registration 1 working day, the others 5.
  assert.deepEqual(rows.map((r) => r[3]), ['1 个工作日', '5 个工作日', '5 个工作日'], JSON.stringify(rows));
  const proofs = await page.evaluate(() => [...document.querySelectorAll('#detail table.materials tbody tr')]
    .filter((tr) => tr.textContent.includes('经营场所使用证明')).length);
  assert.equal(proofs, 1, 'the premises proof is one row of the materials table');
  await screenshot(page, 'bundle-open-restaurant-page');
  await page.locator('#detail a', { hasText: '在线办理' }).click();
  await page.waitForURL(/apply\.html\?bundle=/);
  await page.locator('banli-form .page-title').first().waitFor();
  assert.match(await page.locator('#title').textContent(), /开办餐馆一件事/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a bundle filled in page by page: one form, one proof, one deferral, one signature; three member applications and the ledger', async () => {
  // The fixture's answers, as an applicant gives them: the identity card
  // and the business licence uploaded (no e-licence library on this page),
  // the floor plan deferred, the premises proof uploaded once.
  const application = fixture('bundles/open-restaurant', 'deferred-floor-plan');
  for (const id of ['applicant-id', 'operator-licence']) {
    application.materials[id] = { disposition: 'provided', files: [{ name: `${id}.pdf` }] };
  }
  // The sign is not lit: the required 是否设置灯光照明 is answered 否 (it
  // was a checkbox, which cannot say 否; lint.required_checkbox now finds
  // that), so no lighting safety statement is asked for.
  assert.equal(application.data.signage.sign.lit, false);
  // Dates on the national calendar from the server's today (the tests' date).
  const workdays = (n) => execFileSync(process.env.BANLI_BIN, ['workdays', 'add', today, String(n)], { encoding: 'utf8' }).trim();
  const due = workdays(3);
  const page = await openPage(browser, `/apply.html?bundle=${BUNDLE}`);
  await page.locator('banli-form .page-title').first().waitFor();
  const form = page.locator('banli-form');
  const filled = new Set();
  const titles = [];
  // Until 是 is answered, the sign permit's two steps are skipped.
  const steps = () => form.locator('.steps li').count();
  const withoutSign = await steps();
  const shown = (pointer) => form.locator(`#${fieldId(pointer)}, [name="${fieldId(pointer)}"]`).count();
  for (let step = 0; step < 16 && await form.locator('.review').count() === 0; step += 1) {
    const title = await form.locator('.page-title').textContent();
    titles.push(title);
    // A member's step shows its own fields only, not the member's whole form.
    if (title === '食品经营许可（新办）：申请人') {
      assert.ok(await shown('/food/applicant/kind') > 0, title);
      assert.equal(await shown('/food/category'), 0, `${title} shows the business information step's fields`);
    }
    await fillStep(page, application, filled);
    if (step === 0) assert.equal(await steps(), withoutSign + 2, 'with a sign, its two steps are added');
    if (await form.locator('.materials').count() > 0) {
      // The premises proof is one material, used by two members.
      const proof = form.locator('.material', { hasText: '经营场所使用证明' });
      assert.equal(await proof.count(), 1, 'the premises proof is asked once');
      assert.equal((await proof.locator('.used-by').textContent()).trim(), '用于：个体工商户设立登记、户外招牌设置审批');
      // One commitment, naming the deferring member's material and its due date.
      const dues = await form.locator('.commitment .member-dues li').allTextContents();
      assert.deepEqual(dues, [`食品经营许可（新办）：经营场所平面图，须于${due}前补齐`]);
      await screenshot(page, 'bundle-open-restaurant-materials');
    }
    await press(page, '下一步');
    // A page with problems keeps the applicant there: fail with them.
    if (await form.locator('.error-summary').count() > 0) {

      assert.fail(`${titles.at(-1)}: ${await form.locator('.error-summary').textContent()}`);
    }
  }
  // Each member's steps were pages of their own, the sign permit's too (是).
  assert.ok(titles.includes('食品经营许可（新办）：从业人员'), JSON.stringify(titles));
  assert.ok(titles.includes('户外招牌设置审批：招牌信息'), JSON.stringify(titles));
  assert.deepEqual(unreached(application, filled), []);
  // The review page: each member with its own dates, as its office sets them.
  const reviewed = await page.evaluate(() => [...document.querySelector('banli-form').shadowRoot
    .querySelectorAll('.member-deadlines .member')].map((m) => ({ key: m.dataset.member, text: m.textContent })));
  assert.deepEqual(reviewed.map((m) => m.key), ['registration', 'food', 'signage']);
  assert.ok(reviewed[0].text.includes(workdays(1)), reviewed[0].text);
  assert.ok(reviewed[1].text.includes(workdays(5)) && reviewed[1].text.includes(`容缺材料须于${due}前补齐`), reviewed[1].text);
  assert.ok(!reviewed[2].text.includes('容缺'), reviewed[2].text);
  // ... and its results (办理结果), as each member's own definition gives them.
  const results = await page.evaluate(() => [...document.querySelector('banli-form').shadowRoot
    .querySelectorAll('.member-deadlines .member')].map((m) => [...m.querySelectorAll('.member-result')]
    .map((r) => [r.querySelector('.result-name').textContent, r.querySelector('.result-facts').textContent])));
  const own = ['business-registration', 'food-business-licence', 'shop-sign-permit']
    .map((name) => JSON.parse(readFileSync(new URL(`../../schemas/items/${name}.json`, import.meta.url), 'utf8')).results);
  assert.deepEqual(results.map((rs) => rs.map(([name]) => name)), own.map((rs) => rs.map((r) => r.name)));
  assert.ok(results[1][0][1].includes(`有效期：${own[1][0].validity}`), results[1][0][1]);
  assert.ok(results[0][0][1].includes('有电子证照'), results[0][0][1]);
  await screenshot(page, 'bundle-open-restaurant-review');
  const posted = page.waitForResponse((r) => r.url().endsWith('/api/bundle-applications') && r.request().method() === 'POST');
  await press(page, '确认并提交');
  const answer = await (await posted).json();
  assert.equal(answer.status, 'valid_with_commitments', JSON.stringify(answer.report));

  // The server API: three member applications, each with its own promised
  // date (registration 1 working day, the others 5), and one commitment,
  // for the food licence's deferred floor plan, due 3 working days on.
  const stored = await (await fetch(`${baseUrl}/api/bundle-applications/${answer.receipt}`, {
    headers: { Authorization: `Bearer ${answer.access_token}` },
  })).json();
  assert.deepEqual(stored.members.map((m) => m.key), ['registration', 'food', 'signage']);
  assert.deepEqual(stored.members.map((m) => m.deadlines.promised), [workdays(1), workdays(5), workdays(5)], JSON.stringify(stored.members.map((m) => m.deadlines)));
  assert.deepEqual(stored.members.map((m) => m.commitments.length), [0, 1, 0]);
  const [commitment] = stored.members[1].commitments;
  assert.equal(commitment.due, due, JSON.stringify(commitment));
  assert.deepEqual(commitment.materials.map((m) => m.name), ['经营场所平面图'], JSON.stringify(commitment));
  assert.deepEqual(stored.members.map((m) => m.deadlines.deferred_due), [null, due, null]);

  // The applicant's view: three member applications, each with its receipt.
  const rows = page.locator('#member-applications tbody tr');
  await rows.nth(2).waitFor();
  assert.equal(await rows.count(), 3);
  const members = await page.evaluate(() => [...document.querySelectorAll('#member-applications tbody tr')]
    .map((tr) => ({ key: tr.dataset.key, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })));
  assert.deepEqual(members.map((m) => m.key), ['registration', 'food', 'signage']);
  for (const member of members) assert.match(member.cells[1], /^BL\d{8}-[0-9A-Z]{10}$/, JSON.stringify(member));
  assert.equal(new Set(members.map((m) => m.cells[1])).size, 3, 'each member has its own receipt');
  const bundleReceipt = await page.locator('#receipt').getAttribute('data-receipt');
  assert.match(bundleReceipt, /^YJ\d{8}-/);
  // The same due date in the applicant's view; the other members defer nothing.
  assert.equal(members[1].cells[4], `${due}（经营场所平面图）`, JSON.stringify(members[1]));
  assert.equal(members[0].cells[4], '—');
  assert.equal(members[2].cells[4], '—');
  await screenshot(page, 'bundle-open-restaurant-submitted');
  assert.deepEqual(page.problems, []);

  // The ledger: the deferred floor plan under the food licence's receipt,
  // with its due date and the bundle named.
  await page.goto(`${baseUrl}/ledger/`);
  await page.locator('#token').fill(process.env.BANLI_OFFICIAL_TOKEN);
  await page.locator('#token').press('Enter');
  const row = page.locator('tr', { hasText: members[1].cells[1] });
  await row.first().waitFor();
  const text = await row.first().textContent();
  assert.match(text, new RegExp(due), text);
  assert.match(text, /经营场所平面图/, text);
  assert.match(text, /食品经营许可/, text);
  assert.ok(text.includes(`开办餐馆一件事（${bundleReceipt}）`), text);
  await screenshot(page, 'ledger-with-bundle-commitment');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('mount({ bundle }) renders a merged bundle definition; a definition without members is refused', async () => {
  const page = await openPage(browser, '/demo/blank.html');
  const refused = await page.evaluate(async (code) => {
    const { mount } = await import('/banli-form/banli-form.js');
    const bundle = await (await fetch(`/api/bundles/${code}`)).json();
    await mount(document.getElementById('host'), { bundle });
    try {
      await mount(document.createElement('div'), { bundle: { format: 'banli-item/1', name: 'x' } });
      return null;
    } catch (error) {
      return error.message;
    }
  }, BUNDLE);
  await page.locator('#host .page-title').first().waitFor();
  assert.equal(await page.locator('#host .page-title').first().textContent(), '共同信息');
  assert.match(refused ?? '', /merged bundle definition/);
  assert.deepEqual(page.problems, []);
  await page.close();
});
