// The follow-up loop in the browser (issue 20): an application accepted
// with its floor plan deferred; the applicant opens it on the portal with
// the receipt and the access token and hands the floor plan in (补交); an
// official, logged in with an account (窗口受理), returns it with a reason
// on the ledger page; the applicant sees the reason and hands in another
// file; the official accepts it, the commitment is fulfilled; a 审核
// account records the decision, which the applicant sees; the
// application's audit trail names the account for each step; a 督办
// account reads the ledger and the trail but is offered no action, sees
// the decided application in the timeliness report (限时办结) and exports
// the report as CSV.
//
// The accounts are added with `banli-server officials add` on the test
// server's database (BANLI_E2E_DATA_DIR, set by `cargo xtask e2e`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { launch, baseUrl, openPage, screenshot, fixture } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PASSWORD = 'e2e-password-long-enough';

function addOfficial(login, name, role) {
  const dir = process.env.BANLI_E2E_DATA_DIR;
  const bin = process.env.BANLI_SERVER_BIN;
  assert.ok(dir && bin, 'run through cargo xtask e2e (BANLI_E2E_DATA_DIR, BANLI_SERVER_BIN)');
  execFileSync(bin, ['--data-dir', dir, 'officials', 'add', '--login', login, '--name', name, '--role', role],
    { input: `${PASSWORD}\n`, stdio: ['pipe', 'pipe', 'inherit'] });
}

async function handIn(page, name, bytes) {
  await page.locator('#file-floor-plan').setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(bytes) });
  await page.locator('form.supplement[data-material="floor-plan"] button[type="submit"]').click();
}

test("a deferred material handed in on the portal, returned and accepted on the ledger, the decision recorded, 督办 read-only", async () => {
  const login = `wang${process.pid}`;
  addOfficial(login, '王窗口', 'intake');

  const response = await fetch(`${baseUrl}/api/applications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fixture('food-business-licence', 'deferred-floor-plan')),
  });
  const accepted = await response.json();
  assert.equal(response.status, 201, JSON.stringify(accepted));
  const { receipt, access_token: token } = accepted;

  // The applicant opens the application and hands the floor plan in.
  const applicant = await openPage(browser, '/application.html');
  await applicant.locator('#receipt').fill(receipt);
  await applicant.locator('#token').fill(token);
  await applicant.locator('#token').press('Enter');
  const material = applicant.locator('section.deferred[data-material="floor-plan"]');
  await material.waitFor();
  assert.match(await material.textContent(), new RegExp(accepted.commitments[0].due));
  await handIn(applicant, '平面图.pdf', '%PDF-1.4 first');
  await material.locator('li[data-n="1"][data-state="submitted"]').waitFor();
  assert.equal(await applicant.locator('#file-floor-plan').count(), 0, 'no second upload while one waits');

  // The official logs in with the account and returns it with a reason.
  const official = await openPage(browser, '/ledger/');
  await official.locator('#login-name').fill(login);
  await official.locator('#password').fill(PASSWORD);
  await official.locator('#password').press('Enter');
  await official.locator('#who').waitFor();
  assert.match(await official.locator('#who-name').textContent(), /王窗口/);
  const row = official.locator(`tr[data-id="${receipt}-1"]`);
  const waiting = row.locator('li[data-material="floor-plan"][data-n="1"][data-state="submitted"]');
  await waiting.waitFor();
  await waiting.locator('input[name="reason"]').fill('平面图未标注排水设施');
  await waiting.locator('form.return button').click();
  await row.locator('li[data-n="1"][data-state="returned"]').waitFor();
  assert.equal(await row.getAttribute('data-status'), 'pending', 'a return keeps the commitment open');

  // The applicant sees why, and hands in a corrected plan.
  await applicant.locator('#token').press('Enter');
  await material.locator('li[data-n="1"][data-state="returned"] .return-reason').waitFor();
  assert.match(await material.textContent(), /平面图未标注排水设施/);
  await handIn(applicant, '平面图-修改.pdf', '%PDF-1.4 second');
  await material.locator('li[data-n="2"][data-state="submitted"]').waitFor();
  await screenshot(applicant, 'followup-applicant-handed-in-again');

  // The official accepts it: the commitment is fulfilled.
  await official.locator('#login button[type="submit"]').click();
  const second = official.locator(`tr[data-id="${receipt}-1"] li[data-n="2"][data-state="submitted"]`);
  await second.waitFor();
  await second.locator('button.accept').click();
  await official.locator(`tr[data-id="${receipt}-1"][data-status="fulfilled"]`).waitFor();

  // The audit trail: both reviews, each with the account.
  await official.locator(`tr[data-id="${receipt}-1"] button.audit`).click();
  const trail = official.locator('#audit-trail tbody tr');
  await trail.nth(1).waitFor();
  const steps = await official.evaluate(() => [...document.querySelectorAll('#audit-trail tbody tr')]
    .map((tr) => [...tr.querySelectorAll('td')].slice(1, 3).map((td) => td.textContent)));
  assert.deepEqual(steps.map(([who]) => who), [login, login]);
  assert.match(steps[0][1], /退回补交材料/);
  assert.match(steps[1][1], /接收补交材料/);
  // The notice of the return, queued for the portal's message service.
  const returned = official.locator('#notices tr[data-kind="material_returned"]');
  await returned.waitFor();
  assert.match(await returned.textContent(), /平面图未标注排水设施/);
  await screenshot(official, 'followup-ledger-audit-trail');

  // A 审核 account records the decision.
  const reviewer = await logIn(`chen${process.pid}`, '陈审核', 'review');
  await reviewer.locator(`tr[data-id="${receipt}-1"] button.audit`).click();
  await reviewer.locator('#decision-choice').selectOption('approved');
  await reviewer.locator('#decision button[type="submit"]').click();
  await reviewer.locator('#audit-trail tbody tr').nth(2).waitFor();
  const decided = await reviewer.locator('#audit-trail tbody tr').nth(2).textContent();
  assert.match(decided, new RegExp(`chen${process.pid}.*作出办理决定`));

  // A 督办 account reads everything and is offered no action.
  const supervisor = await logIn(`zhao${process.pid}`, '赵督办', 'supervision');
  const supervised = supervisor.locator(`tr[data-id="${receipt}-1"]`);
  await supervised.locator('li[data-n="2"][data-state="accepted"]').waitFor();
  assert.equal(await supervisor.locator('button.accept, form.return, input[name="sha256"]').count(), 0);
  await supervised.locator('button.audit').click();
  await supervisor.locator('#audit-trail tbody tr').nth(2).waitFor();
  assert.equal(await supervisor.locator('#decision').count(), 0, 'no decision form for 督办');

  // The timeliness report counts the decided application and does not list
  // it to act on; 督办 exports the report as CSV (headings in Chinese).
  const foodCode = fixture('food-business-licence', 'deferred-floor-plan').item.code;
  const line = supervisor.locator(`#timeliness-table tr[data-item="${foodCode}"]`);
  await line.waitFor();
  assert.ok(Number(await line.locator('td.decided').textContent()) >= 1, await line.textContent());
  assert.equal(await supervisor.locator(`#to-act li[data-receipt="${receipt}"]`).count(), 0);
  const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.locator('#timeliness-csv').click()]);
  assert.match(download.suggestedFilename(), /^timeliness-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /实施编码/);
  assert.match(csv, new RegExp(foodCode));
  await screenshot(supervisor, 'followup-timeliness');

  await applicant.locator('#token').press('Enter');
  await applicant.locator('section.deferred[data-material="floor-plan"][data-status="fulfilled"]').waitFor();
  assert.match(await applicant.locator('#decision').textContent(), /准予/);
  for (const page of [applicant, official, reviewer, supervisor]) {
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

/** A new account with `role`, logged in on the ledger page. */
async function logIn(login, name, role) {
  addOfficial(login, name, role);
  const page = await openPage(browser, '/ledger/');
  await page.locator('#login-name').fill(login);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#password').press('Enter');
  await page.locator('#who').waitFor();
  return page;
}
