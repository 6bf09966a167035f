// 一件事一次办 from the portal (issue 19). The portal lists 开办餐馆一件事;
// its page shows the three members with their own time limits and one
// materials table in which the premises proof two members need is one row;
// 在线办理 mounts <banli-form> on the merged definition. The envelope the
// form submits goes to /api/bundle-applications (the page chooses the URL);
// the applicant's view then lists the three member applications with their
// own receipts, and the officials' ledger shows the deferred floor plan
// under its member (the food licence) with that member's due date, naming
// the bundle.
//
// Not yet here: filling the merged form step by step. The merge no longer
// leaves empty required groups (core unit test), and a required yes/no is
// now answerable with 否, but the widget builds a page per step from the
// root property of each step's fields only (`pages.rs`), so every step of a
// member shows that member's whole form and its errors stop the first of
// them. Until pages follow nested step fields, the second test submits the
// fixture envelope through the page's banli-submit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, baseUrl, openPage, screenshot, fixture, today } from './helpers.mjs';

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

test('a bundle submitted from its application page: three member applications and the ledger', async () => {
  const envelope = fixture('bundles/open-restaurant', 'deferred-floor-plan');
  const page = await openPage(browser, `/apply.html?bundle=${BUNDLE}`);
  await page.locator('banli-form .page-title').first().waitFor();
  await page.evaluate(async (env) => {
    document.querySelector('banli-form').dispatchEvent(new CustomEvent('banli-submit', { detail: env }));
  }, envelope);

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
  // The food licence defers the floor plan for 3 working days from the
  // server's today, on the national calendar; the other members defer nothing.
  const due = execFileSync(process.env.BANLI_BIN, ['workdays', 'add', today, '3'], { encoding: 'utf8' }).trim();
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
