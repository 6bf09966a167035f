// Shared helpers for the browser tests: launching Debian's Chromium through
// playwright-core, the ids the widget gives its controls, filling a form
// from a fixture's data the way a person would (keyboard for text), and
// saving screenshots to target/e2e-screenshots/.
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'tools/package.json'));
const { chromium } = require('playwright-core');

export const baseUrl = process.env.BANLI_BASE_URL ?? 'http://127.0.0.1:8080';
/** The tests' date (tests/fixtures/today.txt): the browser's clock and the
 *  test server's BANLI_TODAY, so no test depends on the day it runs. */
export const today = readFileSync(join(root, 'tests/fixtures/today.txt'), 'utf8').trim();
const screenshots = join(root, 'target/e2e-screenshots');
mkdirSync(screenshots, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A page that fails the test on any console error, page error, dialog or CSP
 * violation. `options` are Playwright context options (viewport,
 * deviceScaleFactor, …) plus `initScript`, a function run in the page before
 * its own scripts, and `routes`, `[url, handler]` pairs for `page.route`,
 * set before the page loads. Each page has its own context: `page.close()`
 * ends both.
 */
export async function openPage(browser, path, { initScript, routes = [], ...options } = {}) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, ...options });
  if (initScript) await page.addInitScript(initScript);
  // Routes go in before the page loads: the widget fetches what mount()
  // needs (definition, calendars) while its wasm is still arriving, so a
  // route added after navigation can come too late.
  for (const [url, handler] of routes) await page.route(url, handler);
  // Date.now() is the tests' date at 10:00 in China; timers run as usual.
  await page.clock.setFixedTime(new Date(`${today}T10:00:00+08:00`));
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('dialog', (d) => { problems.push(`dialog opened: ${d.message()}`); d.dismiss(); });
  // Every CSP violation (also inside shadow roots) is a failure, whether or
  // not the browser also logs it.
  await page.exposeFunction('__banliCspViolation', (v) => problems.push(`CSP violation: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__banliCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
    }, true);
  });
  await page.goto(`${baseUrl}${path}`);
  page.problems = problems;
  return page;
}

/**
 * A blank page with a form mounted from `definition` (JSON text) in #host;
 * each `banli-submit` envelope is kept in `window.__envelope`. Resolves once
 * the form shows its first page.
 */
export async function mountDefinition(browser, definition, options = {}) {
  const page = await openPage(browser, '/demo/blank.html', options);
  await page.evaluate(async (text) => {
    const { mount } = await import('/banli-form/banli-form.js');
    window.__envelope = null;
    const host = document.getElementById('host');
    host.addEventListener('banli-submit', (e) => { window.__envelope = e.detail; });
    await mount(host, { definition: text });
  }, definition);
  await page.locator('#host .page-title').first().waitFor();
  return page;
}

export const fieldId = (pointer, prefix = 'bf1-') =>
  prefix + 'f' + [...pointer].map((c) => (/[A-Za-z0-9]/.test(c) ? c : c === '/' ? '-' : `_${c.codePointAt(0).toString(16)}`)).join('');
export const logicalId = (target, prefix = 'bf1-') => prefix + target.replace(/[^A-Za-z0-9-]/g, '_');

export async function screenshot(page, name) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** Leaf values of the data: [pointer, value], arrays as entries. */
export function leaves(value, pointer = '') {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${pointer}/${i}`));
  return [[pointer, value]];
}

/** Fills whatever of `data` is shown on the current page; returns pointers filled. */
export async function fillPage(page, data, filled = new Set(), prefix = 'bf1-') {
  for (let pass = 0; pass < 4; pass += 1) {
    let progress = false;
    for (const [pointer, value] of leaves(data)) {
      if (filled.has(pointer)) continue;
      // Array entries appear after "add": add entries until this one exists.
      const entry = pointer.match(/^(.*)\/(\d+)\/[^/]+$/);
      const id = fieldId(pointer, prefix);
      if (await page.locator(`#${id}, [name="${id}"]`).count() === 0 && entry) {
        const add = page.locator(`#${logicalId(`list:${entry[1]}`, prefix)}`);
        if (await add.count() === 1 && await add.isEnabled()) { await add.focus(); await page.keyboard.press('Enter'); }
      }
      if (await page.locator(`#${id}, [name="${id}"]`).count() === 0) continue;
      await setValue(page, id, value);
      filled.add(pointer);
      progress = true;
    }
    if (!progress) break;
  }
  return filled;
}

async function setValue(page, id, value) {
  const radio = page.locator(`input[type=radio][name="${id}"][value='${JSON.stringify(value)}']`);
  if (await radio.count() === 1) { await radio.focus(); await page.keyboard.press('Space'); return; }
  const control = page.locator(`#${id}`);
  const tag = await control.evaluate((e) => `${e.tagName.toLowerCase()}:${e.type}`);
  if (tag.startsWith('select')) { await control.selectOption(JSON.stringify(value)); await control.blur(); return; }
  if (tag === 'input:checkbox') { if (value) await control.check(); else await control.uncheck(); return; }
  if (tag === 'input:date') { await control.fill(String(value)); await control.blur(); return; }
  await control.focus();
  await page.keyboard.type(String(value));
  await page.keyboard.press('Tab');
}

export async function press(page, name) {
  const button = page.getByRole('button', { name, exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
}

/**
 * Presses "继续填写" on a draft notice and waits until the draft is
 * restored ("已恢复上次的草稿…"): restoring waits for the schema engine,
 * which may still be on its way when the notice is shown.
 */
export async function continueDraft(page, form = 'banli-form') {
  await press(page, '继续填写');
  await page.locator(`${form} .draft-notice`).filter({ hasText: '已恢复' }).waitFor();
}

/** The element focused inside the form's shadow root. */
export async function focusedId(page, selector = 'banli-form') {
  return page.evaluate((s) => document.querySelector(s).shadowRoot.activeElement?.id ?? null, selector);
}

/**
 * Chooses each material's disposition as the fixture does (uploading a small
 * file for `provided`, after choosing its `alternative` when it names one). A material whose choice is not on this page is left
 * for a later one; the ids chosen are added to `chosen`.
 */
/**
 * The material choices of an envelope's `materials`, one per slot of the
 * form: a per-item material's entries (`{entries: [...]}`) each under
 * `<id>/entries/<n>`, as the widget keys them; `null` entries are left out.
 */
export function materialSlots(materials) {
  return Object.entries(materials ?? {}).flatMap(([id, choice]) => (choice.entries
    ? choice.entries.flatMap((entry, n) => (entry ? [[`${id}/entries/${n}`, entry]] : []))
    : [[id, choice]]));
}

export async function chooseMaterials(page, materials, prefix = 'bf1-', chosen = new Set()) {
  for (const [id, choice] of materialSlots(materials)) {
    if (chosen.has(id)) continue;
    const name = logicalId(`material:${id}`, prefix);
    const radio = page.locator(`input[name="${name}"][value="${choice.disposition}"]`);
    if (await radio.count() === 0) continue;
    chosen.add(id);
    await radio.focus();
    await page.keyboard.press('Space');
    if (choice.alternative) {
      const alternative = page.locator(`input[name="${name}-alternative"][value="${choice.alternative}"]`);
      await alternative.focus();
      await page.keyboard.press('Space');
    }
    if (choice.disposition === 'provided') {
      await page.locator(`#${name}-file`).setInputFiles({ name: choice.files?.[0]?.name ?? 'file.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`banli e2e ${id}`) });
      await page.locator(`#${name}`).locator('xpath=ancestor::fieldset').getByText(/已选择|Chosen/).waitFor();
    }
  }
}

/**
 * Answers what the current step shows of an application (a fixture's
 * `{data, materials, commitment}`): its fields, and on the materials step
 * the dispositions and the signed commitment. `form` selects the form's host.
 */
export async function fillStep(page, application, filled, form = 'banli-form') {
  await fillPage(page, application.data, filled);
  if (await page.locator(`${form} .materials`).count() === 0) return;
  filled.materials ??= new Set();
  await chooseMaterials(page, application.materials, 'bf1-', filled.materials);
  if (!application.commitment) return;
  await page.locator(`#${logicalId('signer')}`).focus();
  await page.keyboard.type(application.commitment.signer);
  await page.locator(`#${logicalId('confirm')}`).focus();
  await page.keyboard.press('Space');
}

/** Waits for `banli-submit` and checks the envelope with the native `banli check`. */
export async function submitAndCheck(page, itemFile, submitLabel, { acceptedOn = today, calendars = [] } = {}) {
  await page.evaluate(() => {
    window.__envelope = null;
    document.querySelector('banli-form').addEventListener('banli-submit', (e) => { window.__envelope = e.detail; }, { once: true });
  });
  await press(page, submitLabel);
  const envelope = await (await page.waitForFunction(() => window.__envelope)).jsonValue();
  const report = checkNatively(join(root, 'schemas/items', itemFile), envelope,
    ['--accepted-on', acceptedOn, ...calendars.flatMap((file) => ['--calendar', join(root, file)])]);
  return { envelope, report };
}

/** The native `banli` command line (`cargo build`; `BANLI_BIN` names another). */
export const banliBin = process.env.BANLI_BIN ?? join(root, 'target/debug/banli');

/**
 * The native `banli check --format json` report on `envelope`, as
 * banli-server would judge it. `definition` is the item's or bundle's file,
 * or `{ text }` for a definition that is in no file; `args` are further
 * arguments (`--accepted-on`, `--calendar`). The files the check reads are
 * written to a temporary directory, removed afterwards whatever happens.
 */
export function checkNatively(definition, envelope, args = []) {
  const dir = mkdtempSync(join(tmpdir(), 'banli-e2e-'));
  try {
    let itemPath = definition;
    if (typeof definition !== 'string') {
      itemPath = join(dir, 'item.json');
      writeFileSync(itemPath, definition.text);
    }
    const path = join(dir, 'submission.json');
    writeFileSync(path, JSON.stringify(envelope, null, 2));
    return JSON.parse(execFileSync(banliBin, ['check', itemPath, path, '--format', 'json', ...args], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What of `application` the walk never found a control for: data pointers
 * never filled and materials never chosen. A field or a material choice
 * that fails to render shows up here instead of silently dropping out of
 * the envelope.
 */
export function unreached(application, filled) {
  const fields = leaves(application.data).map(([pointer]) => pointer).filter((p) => !filled.has(p));
  const materials = materialSlots(application.materials).map(([id]) => id).filter((id) => !filled.materials?.has(id)).map((id) => `material:${id}`);
  return [...fields, ...materials];
}

export const fixture = (item, name) => JSON.parse(readFileSync(join(root, 'tests/fixtures', item, `${name}.json`), 'utf8'));
