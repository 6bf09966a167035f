// Accessibility of <banli-form>: axe-core on every step of several items
// (the 办事指引 page of an item with situations among them),
// in normal and large-text mode (大字模式), with screenshots of each; the
// large-text mode's sizes (≥ 18px text, ≥ 60×60px targets); and an
// application with a deferred material completed from the keyboard whose
// envelope `banli check` accepts as valid_with_commitments with the due
// date the review page showed; and no sideways scrolling at 200% zoom.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, baseUrl, openPage as openCheckedPage, fillStep, press, submitAndCheck, screenshot, fixture, fieldId, logicalId, root, today } from './helpers.mjs';

const axeSource = readFileSync(join(root, 'tools/node_modules/axe-core/axe.min.js'), 'utf8');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * Like helpers' openPage, but with the page's CSP bypassed: axe-core adds
 * inline styles while it measures contrast, which the demo's strict
 * style-src refuses. Only the axe runs use it; every other test here opens
 * its page through helpers' openPage, under the CSP.
 */
async function openAxePage(browser, path) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(`${today}T10:00:00+08:00`));
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.goto(`${baseUrl}${path}`);
  page.problems = problems;
  return page;
}

const ready = (page) => page.locator('banli-form').locator('.page-title').first().waitFor();

/** Serious and critical axe violations on the page (shadow roots included). */
async function axe(page) {
  // CDP evaluation is not subject to the page's CSP, unlike a <script> tag.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function walkSteps(item, fixtureName, { large, axeEach = true }) {
  const data = fixture(item, fixtureName);
  const page = await (axeEach ? openAxePage : openCheckedPage)(browser, `/apply.html?item=${item}.json`);
  await ready(page);
  if (large) {
    await page.locator(`#${logicalId('large-text')}`).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator(`#${logicalId('large-text')}`).getAttribute('aria-pressed'), 'true');
  }
  const mode = large ? 'large' : 'normal';
  const filled = new Set();
  for (let step = 1; step <= 8; step += 1) {
    await fillStep(page, data, filled);
    if (axeEach) assert.deepEqual(await axe(page), [], `${item} step ${step} (${mode})`);
    await screenshot(page, `a11y-${item}-${mode}-${step}`);
    if (await page.locator('banli-form .review').count() > 0) break;
    await press(page, '下一步');
    const summary = page.locator('banli-form .error-summary');
    if (await summary.count() > 0) {
      if (axeEach) assert.deepEqual(await axe(page), [], `${item} step ${step} error summary (${mode})`);
      assert.fail(`${item} step ${step}: ${await summary.textContent()}`);
    }
  }
  return page;
}

// The 广西 item opens on 办事指引 (situation questions and the checklist).
for (const [item, fixtureName] of [['food-business-licence', 'deferred-floor-plan'], ['tractor-registration', 'valid-owner'], ['utility-connection-permit', 'valid-excavation'], ['gx-feasibility-approval', 'valid-allocated-land-upper-level']]) {
  for (const large of [false, true]) {
    test(`axe finds no serious or critical violation on any step: ${item}${large ? ', large text' : ''}`, async () => {
      const page = await walkSteps(item, fixtureName, { large });
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }
}

test('the error summary and inline errors pass axe too', async () => {
  const page = await openAxePage(browser, '/apply.html?item=food-business-licence.json');
  await ready(page);
  await page.locator(`input[name="${fieldId('/applicant/kind')}"][value='"person"']`).focus();
  await page.keyboard.press('Space');
  await press(page, '下一步');
  await page.locator('banli-form .error-summary').waitFor();
  assert.deepEqual(await axe(page), []);
  const invalid = page.locator('banli-form [aria-invalid=true]');
  assert.ok(await invalid.count() > 0);
  for (const control of await invalid.all()) {
    const described = await control.getAttribute('aria-describedby');
    assert.ok(described, 'an invalid control names its error');
    const ids = described.split(' ');
    const texts = await page.evaluate((list) => list.map((id) => document.querySelector('banli-form').shadowRoot.getElementById(id)?.textContent ?? ''), ids);
    assert.ok(texts.some((t) => t.includes('错误')), texts.join('|'));
  }
  await page.context().close();
});

test('large-text mode: ≥ 18px text and ≥ 60×60px targets on every kind of control; the host can default it', async () => {
  const page = await openCheckedPage(browser, '/apply.html?item=food-business-licence.json&large=1');
  await ready(page);
  assert.equal(await page.locator(`#${logicalId('large-text')}`).getAttribute('aria-pressed'), 'true', 'the host default is applied');
  // A person: their text fields appear. The food item has no select, so the
  // select is measured on the energy review's list of energy sources below.
  await page.locator(`input[name="${fieldId('/applicant/kind')}"][value='"person"']`).focus();
  await page.keyboard.press('Space');
  await page.locator(`#${fieldId('/applicant/id_number')}`).waitFor();
  const measure = (p, kinds) => p.evaluate((selectors) => {
    const shadow = document.querySelector('banli-form').shadowRoot;
    const font = parseFloat(getComputedStyle(shadow.querySelector('.banli-form')).fontSize);
    const targets = Object.fromEntries(selectors.map((selector) => [selector, [...shadow.querySelectorAll(selector)]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { what: e.outerHTML.slice(0, 60), width: r.width, height: r.height };
      })]));
    return { font, targets };
  }, kinds);
  const check = (sizes, where) => {
    assert.ok(sizes.font >= 18, `${where}: body text ${sizes.font}px`);
    for (const [selector, found] of Object.entries(sizes.targets)) {
      assert.ok(found.length > 0, `${where}: no ${selector} was measured`);
      for (const t of found) assert.ok(t.width >= 60 && t.height >= 60, `${where} ${selector}: ${JSON.stringify(t)}`);
    }
  };
  check(await measure(page, ['button', 'input[type=text]', '.radio label']), 'food, person');
  await screenshot(page, 'large-text-mode');
  // The applicant can switch it off.
  await page.locator(`#${logicalId('large-text')}`).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(`#${logicalId('large-text')}`).getAttribute('aria-pressed'), 'false');
  assert.deepEqual(page.problems, []);
  await page.close();

  const energy = await openCheckedPage(browser, '/apply.html?item=energy-conservation-review.json&large=1');
  await ready(energy);
  const filled = new Set();
  for (let step = 0; step < 6 && await energy.locator('banli-form select').count() === 0; step += 1) {
    await fillStep(energy, fixture('energy-conservation-review', 'valid-industrial'), filled);
    if (await energy.locator('banli-form select').count() > 0) break;
    await press(energy, '下一步');
  }
  check(await measure(energy, ['select', 'input[type=text]', 'button']), 'energy review');
  assert.deepEqual(energy.problems, []);
  await energy.close();
});

// The Tab-only walk is keyboard.test.mjs; this one checks the due date.
test('a deferred application shows its due date on the review page and submits it', async () => {
  const page = await walkSteps('food-business-licence', 'deferred-floor-plan', { large: false, axeEach: false });
  const shown = await page.locator('banli-form .deadlines .important').textContent();
  const expected = execFileSync(process.env.BANLI_BIN ?? join(root, 'target/debug/banli'), ['workdays', 'add', today, '3'], { encoding: 'utf8' }).trim();
  assert.match(shown, new RegExp(`${expected}前补齐`), shown);
  const { envelope, report } = await submitAndCheck(page, 'food-business-licence.json', '确认并提交');
  assert.equal(report.status, 'valid_with_commitments', JSON.stringify(report.errors));
  assert.equal(envelope.materials['floor-plan'].disposition, 'deferred');
  assert.equal(envelope.commitment.signer, fixture('food-business-licence', 'deferred-floor-plan').commitment.signer);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('at 200% zoom (half the CSS width) and in large text, nothing needs horizontal scrolling', async () => {
  const page = await openCheckedPage(browser, '/apply.html?item=food-business-licence.json&large=1', { viewport: { width: 550, height: 900 }, deviceScaleFactor: 2 });
  await ready(page);
  await page.locator(`input[name="${fieldId('/applicant/kind')}"][value='"person"']`).focus();
  await page.keyboard.press('Space');
  await press(page, '下一步');
  await page.locator('banli-form .error-summary').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await screenshot(page, 'zoom-200-large-text');
  assert.deepEqual(page.problems, []);
  await page.close();
});
