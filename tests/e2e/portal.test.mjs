// The demo portal's item page (issue 15): its materials table is the
// core's guide section served by GET /api/items/{code}/materials, not a
// table built in JavaScript. The page shows what the printed guide shows,
// under the strict CSP (openPage records any violation). That an item which
// does not allow deferral never offers it is the server's test
// (an_item_that_disallows_deferral_never_offers_it_on_the_portal): no
// served item has deferrable materials without allowing deferral.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, openPage } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("the item page's materials table is the core's, cell for cell", async () => {
  const item = await (await fetch(`${baseUrl}/schemas/items/food-business-licence.json`)).json();
  const expected = await (await fetch(`${baseUrl}/api/items/${item.code}/materials`)).json();
  const page = await openPage(browser, '/?item=food-business-licence.json');
  await page.waitForSelector('#detail table.materials tbody tr');
  const shown = await page.evaluate(() => ({
    heads: [...document.querySelectorAll('#detail table.materials th')].map((th) => th.textContent),
    rows: [...document.querySelectorAll('#detail table.materials tbody tr')]
      .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
  }));
  assert.deepEqual(shown.heads, expected.columns);
  assert.deepEqual(shown.rows, expected.rows.map((row) => row.map((cell) => cell || '—')));
  assert.ok(shown.rows.some((row) => row.includes('可容缺后补')), 'the food item allows deferral');
  assert.deepEqual(page.problems, []);
  await page.close();
});
