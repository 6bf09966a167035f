// Keystroke → next painted frame for <banli-form>, in headless Chromium, at
// normal speed and with the CPU throttled 4× (CDP
// Emulation.setCPUThrottlingRate, a slower phone): the method of the
// side-by-side comparison with react-jsonschema-form in docs/benchmarks.md,
// on the project's own build, so that a change that slows typing shows up
// in a pull request. It prints figures; it asserts nothing.
//
//   cargo xtask build --no-opt        # or cargo xtask build
//   node tools/bench-widget.mjs [--pkg target/pkg/banli-widget]
//        [--variants big,medium] [--throttle 1,4] [--chars 20] [--json FILE]
//   node tools/bench-widget.mjs --load [--variants big,medium] [--pkg ...]
//
// --load measures loading instead: navigation start → the form mounted
// and painted, over a network emulated through CDP at 10 Mbit/s down and
// up with 100 ms round trips, the browser cache off, the widget's files
// served brotli-compressed (the `.br` files `cargo xtask build` writes) as
// banli-server serves them; and the bytes transferred until then.
//
// The forms are generated here: "big" has 10 sections of 30 fields (two
// levels of objects, eight kinds of field: text with a pattern, a choice,
// numbers, a yes/no, a date, an e-mail, a short text) and a list of 100
// rows of 5 fields; "medium" has 10 sections of 6 fields and 10 rows. Every
// field is prefilled with valid data, drafts are off.
//
// Per keystroke (timestamps are performance.now() in the page): t0 is a
// capture-phase `keydown` listener on window installed before any page
// script; on the `input` event (capture phase) a requestAnimationFrame
// callback posts a MessageChannel message, whose task runs right after
// that frame's rendering: `paint - t0` is the latency reported.
// `handlers` is t0 → a bubble-phase `input` listener on window: the
// script's share (the widget's handler, reducer and render run
// synchronously inside the event). Keystrokes never overlap: the next one
// waits until the page has been idle for 150 ms.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tools/package.json'));
const { chromium } = require('playwright-core');

function options(argv) {
  const o = { pkg: join(root, 'target/pkg/banli-widget'), variants: ['big', 'medium'], throttle: [1, 4], chars: 20, json: null, load: false };
  for (let i = 0; i < argv.length; i += 1) {
    const next = () => argv[++i];
    switch (argv[i]) {
      case '--pkg': o.pkg = resolve(next()); break;
      case '--variants': o.variants = next().split(','); break;
      case '--throttle': o.throttle = next().split(',').map(Number); break;
      case '--chars': o.chars = Number(next()); break;
      case '--json': o.json = next(); break;
      case '--load': o.load = true; break;
      default: throw new Error(`unknown option ${argv[i]} (see the comment at the top of tools/bench-widget.mjs)`);
    }
  }
  return o;
}

const SIZES = { big: { sections: 10, fields: 30, rows: 100 }, medium: { sections: 10, fields: 6, rows: 10 } };
const WORDS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel'];
const COLOURS = ['red', 'green', 'blue', 'cyan', 'magenta', 'yellow', 'black'];
const two = (n) => String(n).padStart(2, '0');
// [schema, value] per kind of field; index 0 is text, so d00 of every
// section's details is a text field (the typing target s8.details.d00).
const KINDS = [
  [(t) => ({ type: 'string', title: t, minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9 .,'-]*$" }), (s, i) => `${WORDS[(s + i) % 8]} ${s}-${i}`],
  [(t) => ({ type: 'string', title: t, enum: COLOURS }), (s, i) => COLOURS[(s + i) % 7]],
  [(t) => ({ type: 'number', title: t, minimum: 0, maximum: 10000 }), (s, i) => s * 100 + i + 0.5],
  [(t) => ({ type: 'boolean', title: t }), (s, i) => (s + i) % 2 === 0],
  [(t) => ({ type: 'string', title: t, format: 'date' }), (s, i) => `20${two(10 + s)}-${two(1 + (i % 12))}-${two(1 + (i % 28))}`],
  [(t) => ({ type: 'integer', title: t, minimum: 0, maximum: 100 }), (s, i) => (s * 13 + i) % 101],
  [(t) => ({ type: 'string', title: t, format: 'email' }), (s, i) => `user${s}.${i}@example.com`],
  [(t) => ({ type: 'string', title: t, minLength: 2, maxLength: 80 }), (s, i) => `code-${s}-${i}`],
];

function fieldGroup(s, count, prefix, label) {
  const properties = {}; const data = {}; const required = [];
  for (let i = 0; i < count; i += 1) {
    const [schema, value] = KINDS[i % KINDS.length];
    const key = `${prefix}${two(i)}`;
    properties[key] = schema(`S${s} ${label} ${i}`);
    data[key] = value(s, i);
    if (i % 3 === 0) required.push(key);
  }
  return { properties, data, required };
}

/** A banli-item/1 definition and valid data for it. */
export function generated(variant) {
  const { sections, fields, rows } = SIZES[variant];
  const properties = {}; const data = {};
  const details = Math.floor(fields / 3);
  for (let s = 0; s < sections; s += 1) {
    const flat = fieldGroup(s, fields - details, 'f', 'field');
    const inner = fieldGroup(s, details, 'd', 'detail');
    properties[`s${s}`] = {
      type: 'object', title: `Section ${s}`, required: [...flat.required, 'details'],
      properties: { ...flat.properties, details: { type: 'object', title: `Section ${s} details`, required: inner.required, properties: inner.properties } },
    };
    data[`s${s}`] = { ...flat.data, details: inner.data };
  }
  properties.rows = {
    type: 'array', title: 'Rows', maxItems: 1000,
    items: {
      type: 'object', title: 'Row', required: ['name', 'qty'],
      properties: {
        name: { type: 'string', title: 'Name', minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9 .,'-]*$" },
        qty: { type: 'integer', title: 'Qty', minimum: 0, maximum: 1000 },
        price: { type: 'number', title: 'Price', minimum: 0 },
        active: { type: 'boolean', title: 'Active' },
        category: { type: 'string', title: 'Category', enum: ['hardware', 'software', 'service', 'license', 'other'] },
      },
    },
  };
  data.rows = Array.from({ length: rows }, (_, r) => ({ name: `Row ${r}`, qty: r, price: r + 0.5, active: r % 2 === 0, category: 'other' }));
  const definition = {
    format: 'banli-item/1', code: 'BENCH001', basic_code: '000000000BEN', version: '1', name: `benchmark ${variant}`,
    item_type: { code: '01', label: '行政许可' }, authority: { name: '测试局' },
    time_limits: { statutory: { working_days: 20 }, promised: { working_days: 5 } },
    visits: { count: 0 }, fees: { charged: false }, materials: [],
    form: { type: 'object', required: Object.keys(properties).filter((k) => k !== 'rows'), properties },
  };
  return { definition, data };
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,"></head>
<body><div id="host"></div><script type="module">
import { mount } from '/pkg/banli-form.js';
const variant = new URLSearchParams(location.search).get('variant');
const { definition, data } = await (await fetch('/form/' + variant + '.json')).json();
await mount(document.getElementById('host'), { definition, prefill: { data }, drafts: false });
window.__ready = true;
</script></body></html>`;

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

function serve(pkg) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    const form = url.pathname.match(/^\/form\/(\w+)\.json$/);
    if (form && SIZES[form[1]]) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(generated(form[1])));
    const file = url.pathname.startsWith('/pkg/') && join(pkg, url.pathname.slice(5));
    if (!file || !file.startsWith(pkg)) return res.writeHead(404).end();
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
    try {
      if (/\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        try {
          const body = readFileSync(`${file}.br`);
          return res.writeHead(200, { ...headers, 'content-encoding': 'br' }).end(body);
        } catch { /* no precompressed file: send it as is */ }
      }
      res.writeHead(200, headers).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// Installed before any page script.
function instrument() {
  const B = (window.__bench = { cur: null });
  const afterPaint = (cb) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => cb(performance.now());
    channel.port2.postMessage(null);
  });
  addEventListener('keydown', () => { B.cur = { t0: performance.now(), paint: null, handlers: null, last: performance.now() }; }, true);
  addEventListener('input', () => { const c = B.cur; if (c && c.paint === null) afterPaint((t) => { c.paint = t; }); }, true);
  addEventListener('input', () => { const c = B.cur; if (c && c.handlers === null) c.handlers = performance.now() - c.t0; }, false);
  new MutationObserver(() => { if (B.cur) B.cur.last = performance.now(); })
    .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  B.wait = () => new Promise((ok) => {
    const poll = () => {
      const c = B.cur;
      if (c && c.paint !== null && performance.now() - Math.max(c.paint, c.last) >= 150) {
        return ok({ paint: c.paint - c.t0, handlers: c.handlers });
      }
      setTimeout(poll, 20);
    };
    poll();
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]; };

const o = options(process.argv.slice(2));
statSync(join(o.pkg, 'banli-form.js'));
const server = await serve(o.pkg);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
if (o.load) {
  console.log('navigation → form painted over 10 Mbit/s, 100 ms RTT (CDP), brotli, cache off\n');
  console.log('| form | painted (ms) | bytes transferred until then (KiB) |');
  console.log('| --- | ---: | ---: |');
  for (const variant of o.variants) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const poll = () => (window.__ready
        ? requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => { window.__painted = performance.now(); }; c.port2.postMessage(null); })
        : setTimeout(poll, 5));
      poll();
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 100, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 });
    let bytes = 0; let counting = true;
    cdp.on('Network.loadingFinished', (e) => { if (counting) bytes += e.encodedDataLength; });
    await page.goto(`${base}/?variant=${variant}`);
    await page.waitForFunction(() => window.__painted !== undefined, null, { timeout: 180000 });
    counting = false;
    const painted = await page.evaluate(() => window.__painted);
    console.log(`| ${variant} | ${painted.toFixed(0)} | ${(bytes / 1024).toFixed(0)} |`);
    await context.close();
  }
  await browser.close();
  server.close();
  process.exit(0);
}
const targets = { text: '[id$="-f-s8-details-d00"]', row: { big: '[id$="-f-rows-50-name"]', medium: '[id$="-f-rows-5-name"]' } };
const rows = [];
for (const variant of o.variants) {
  for (const throttle of o.throttle) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.addInitScript(instrument);
    const cdp = await context.newCDPSession(page);
    const started = Date.now();
    await page.goto(`${base}/?variant=${variant}`);
    await page.waitForFunction(() => window.__ready === true, null, { timeout: 120000 });
    const loadMs = Date.now() - started;
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    for (const [name, selectors] of Object.entries(targets)) {
      const selector = typeof selectors === 'string' ? selectors : selectors[variant];
      const input = page.locator(selector);
      await input.evaluate((el) => { el.scrollIntoView({ block: 'center' }); el.focus(); el.setSelectionRange(el.value.length, el.value.length); });
      const before = await input.inputValue();
      await page.waitForTimeout(100 * throttle);
      const paint = []; const handlers = [];
      let typed = '';
      for (let k = 0; k < o.chars; k += 1) {
        const ch = 'abcdefghijklmnopqrstuvwxyz '[k % 27];
        await page.keyboard.type(ch);
        const s = await page.evaluate(() => window.__bench.wait());
        paint.push(s.paint); handlers.push(s.handlers);
        typed += ch;
        await page.waitForTimeout(30);
      }
      const after = await input.inputValue();
      if (after !== before + typed) problems.push(`${name}: typed ${JSON.stringify(typed)} but the field holds ${JSON.stringify(after)}`);
      rows.push({ variant, field: name, throttle, median: median(paint), p95: p95(paint), handlers: median(handlers), loadMs, paint, problems });
    }
    await context.close();
    if (problems.length) console.error(`${variant} ${throttle}×: ${problems.join('; ')}`);
  }
}
await browser.close();
server.close();
const ms = (x) => x.toFixed(1);
console.log(`keystroke → next paint (ms), ${o.chars} keystrokes per cell, ${o.pkg}\n`);
console.log('| form | field | CPU | median | p95 | handlers median |');
console.log('| --- | --- | --- | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.variant} | ${r.field} | ${r.throttle}× | ${ms(r.median)} | ${ms(r.p95)} | ${ms(r.handlers)} |`);
if (o.json) writeFileSync(o.json, JSON.stringify(rows, null, 1));
if (rows.some((r) => r.problems.length)) process.exitCode = 1;
