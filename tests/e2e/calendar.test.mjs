// A year whose public holidays are not loaded never blocks an application
// in the widget: accepted on 2026-12-29 with a deferred material, the
// review page shows the due date as pending (3 working days, the date once
// the 2027 notice is published), the applicant signs and submits, and
// `banli check` agrees. With the (made-up) 2027 test calendar passed by the
// host, the same application shows the date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, fillStep, press, submitAndCheck, screenshot, fixture, root } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TEST_CALENDAR = 'tests/fixtures/calendars/cn-2027-test.json';

async function toReview(query) {
  // The host publishes the calendar file; here the test plays that server.
  // Matched on the path alone: the page's own URL names the file in its query.
  const routes = [[
    (url) => url.pathname === '/test-calendars/cn-2027-test.json',
    (route) => route.fulfill({
      contentType: 'application/json', body: readFileSync(join(root, TEST_CALENDAR), 'utf8'),
    }),
  ]];
  const page = await openPage(browser, `/apply.html?item=food-business-licence.json&accepted=2026-12-29${query}`, { routes });
  await page.locator('banli-form').locator('.page-title').first().waitFor();
  const application = fixture('food-business-licence', 'deferred-floor-plan');
  const filled = new Set();
  for (let step = 1; step <= 8; step += 1) {
    await fillStep(page, application, filled);
    if (await page.locator('banli-form .review').count() > 0) break;
    await press(page, '下一步');
    const summary = page.locator('banli-form .error-summary');
    if (await summary.count() > 0) assert.fail(`step ${step}: ${await summary.textContent()}`);
  }
  return page;
}

test('the review page shows a pending due date, and the application is submitted', async () => {
  const page = await toReview('');
  const pending = page.locator('banli-form .deadlines .pending-deadline[data-deadline="deferred_due"]');
  assert.equal(
    await pending.textContent(),
    '容缺材料补齐期限：自受理之日起3个工作日（2027年节假日安排公布后确定具体日期）',
  );
  // The statutory 20 days are pending too; nothing shows a guessed date.
  assert.equal(await page.locator('banli-form .deadlines').getByText(/2027-\d\d-\d\d/).count(), 0);
  await screenshot(page, 'calendar-pending-review');
  const { envelope, report } = await submitAndCheck(page, 'food-business-licence.json', '确认并提交', { acceptedOn: '2026-12-29' });
  assert.equal(envelope.materials['floor-plan'].disposition, 'deferred');
  assert.equal(report.status, 'valid_with_commitments', JSON.stringify(report.errors));
  assert.equal(report.deadlines.deferred_due, undefined);
  assert.ok(report.deadlines.pending.some((p) => p.deadline === 'deferred_due' && p.year === 2027));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('with the host\'s 2027 calendar the review page shows the date', async () => {
  const page = await toReview('&calendar=/test-calendars/cn-2027-test.json');
  // 12-30, 12-31, then Monday 2027-01-04 (01-01 to 01-03 off on the test calendar).
  assert.match(await page.locator('banli-form .deadlines .important').textContent(), /2027-01-04/);
  assert.equal(await page.locator('banli-form .deadlines .pending-deadline').count(), 0);
  await screenshot(page, 'calendar-dated-review');
  const { report } = await submitAndCheck(page, 'food-business-licence.json', '确认并提交', { acceptedOn: '2026-12-29', calendars: [TEST_CALENDAR] });
  assert.equal(report.deadlines.deferred_due, '2027-01-04');
  assert.deepEqual(page.problems, []);
  await page.close();
});
