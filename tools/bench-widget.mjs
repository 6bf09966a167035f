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
//   node tools/bench-widget.mjs --load [--loads 5] [--variants big,medium] [--pkg ...]
//        [--no-hints]
//
// --load measures loading instead, banli against react-jsonschema-form:
// navigation start → the form painted, over a network emulated through CDP
// at 10 Mbit/s down and up with 100 ms round trips, the browser cache off,
// and the bytes transferred until then; medians of --loads loads (default
// 5) of each page and form, the pages interleaved load by load so that the
// machine's noise falls on both alike. banli's page carries the loading
// hints of the README ("Loading early") in its <head>, as a portal would
// (--no-hints leaves them out, to see what they add). Everything is sent brotli-compressed:
// the widget's `.br` files that `cargo xtask build` writes, as banli-server
// serves them; the RJSF page's bundle (RJSF 6, React, ajv 8 with live
// validation, from tools/bench-rjsf/entry.jsx and the versions pinned in
// tools/package.json), built here with esbuild (production, minified) into
// target/bench-rjsf/ and compressed at brotli 11 like the widget's files;
// the pages and the generated form's JSON (the same form and data for
// both), compressed at brotli 11 when the server starts. "Painted" is the
// frame after the form is in the DOM: for banli, after `mount()` resolves
// (the form is in a shadow root, out of a document observer's sight); for
// RJSF, after the first `<input>` appears in the document, as the harness
// in docs/benchmarks.md marks it (React commits the whole form at once).
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
import { readFileSync, writeFileSync, statSync, mkdirSync } from 'node:fs';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { createRequire } from 'node:module';
import { join, dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tools/package.json'));
const { chromium } = require('playwright-core');

function options(argv) {
  const o = { pkg: join(root, 'target/pkg/banli-widget'), variants: ['big', 'medium'], throttle: [1, 4], chars: 20, json: null, load: false, loads: 5, hints: true };
  for (let i = 0; i < argv.length; i += 1) {
    const next = () => argv[++i];
    switch (argv[i]) {
      case '--pkg': o.pkg = resolve(next()); break;
      case '--variants': o.variants = next().split(','); break;
      case '--throttle': o.throttle = next().split(',').map(Number); break;
      case '--chars': o.chars = Number(next()); break;
      case '--json': o.json = next(); break;
      case '--load': o.load = true; break;
      case '--loads': o.loads = Number(next()); break;
      case '--no-hints': o.hints = false; break;
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

// The README's hints ("Loading early"), with the stylesheet's hash from the
// package's integrity.json as a portal's template would put it.
const HINTS = (pkg) => {
  const integrity = JSON.parse(readFileSync(join(pkg, 'integrity.json'), 'utf8'))['banli-form.css'];
  return '<link rel="modulepreload" href="/pkg/banli-form.js"><link rel="modulepreload" href="/pkg/banli_widget.js">' +
    '<link rel="preload" href="/pkg/banli_widget_bg.wasm" as="fetch" crossorigin>' +
    `<link rel="preload" href="/pkg/banli-form.css" as="style" crossorigin integrity="${integrity}">`;
};

const PAGE = (hints) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,">${hints}</head>
<body><div id="host"></div><script type="module">
import { mount } from '/pkg/banli-form.js';
const variant = new URLSearchParams(location.search).get('variant');
const { definition, data } = await (await fetch('/form/' + variant + '.json')).json();
const form = await mount(document.getElementById('host'), { definition, prefill: { data }, drafts: false });
window.__ready = true;
// The schema engine arrives after the form is painted: keystrokes are
// timed with it in, as an applicant's are after the first moment.
await form.checks;
window.__checked = true;
</script></body></html>`;

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

// The RJSF page: the harness's page (docs/benchmarks.md) with the bundle
// from tools/bench-rjsf/entry.jsx.
const RJSF_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RJSF benchmark</title>
<link rel="icon" href="data:,">
<style>
  body { font-family: system-ui, sans-serif; margin: 1rem; max-width: 60rem; }
  fieldset { margin: 0.5rem 0; }
  .form-group { margin: 0.25rem 0; }
  .error-detail, .text-danger { color: #b00; }
</style>
</head>
<body>
<div id="root"></div>
<script src="/rjsf/rjsf.js"></script>
</body>
</html>`;

/** Brotli 11 with a 2^24 window, as `cargo xtask build` precompresses. */
const brotli = (bytes) => brotliCompressSync(bytes, {
  params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_LGWIN]: 24, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
});

/**
 * Bundles tools/bench-rjsf/entry.jsx with esbuild (production React,
 * minified) into target/bench-rjsf/rjsf.js and writes its `.br` beside it;
 * returns the file's path and its raw and brotli sizes in bytes.
 */
async function buildRjsf() {
  const { build } = require('esbuild');
  const dir = join(root, 'target/bench-rjsf');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'rjsf.js');
  await build({
    entryPoints: [join(root, 'tools/bench-rjsf/entry.jsx')],
    outfile: file,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const raw = readFileSync(file);
  const br = brotli(raw);
  writeFileSync(`${file}.br`, br);
  return { file, raw: raw.length, br: br.length };
}

function serve(pkg, rjsfFile, hints) {
  // Generated text, sent as banli-server sends files: brotli when asked.
  const text = new Map([['/', PAGE(hints ? HINTS(pkg) : '')], ['/rjsf/', RJSF_PAGE]]);
  for (const variant of Object.keys(SIZES)) {
    const { definition, data } = generated(variant);
    text.set(`/form/${variant}.json`, JSON.stringify({ definition, data }));
    text.set(`/rjsf/form/${variant}.json`, JSON.stringify({ schema: definition.form, data }));
  }
  const compressed = new Map([...text].map(([path, body]) => [path, brotli(Buffer.from(body))]));
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const acceptsBr = /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
    if (text.has(url.pathname)) {
      const headers = { 'content-type': url.pathname.endsWith('/') ? 'text/html' : 'application/json' };
      if (acceptsBr) return res.writeHead(200, { ...headers, 'content-encoding': 'br' }).end(compressed.get(url.pathname));
      return res.writeHead(200, headers).end(text.get(url.pathname));
    }
    if (url.pathname === '/rjsf/rjsf.js') {
      const headers = { 'content-type': 'text/javascript' };
      if (acceptsBr) return res.writeHead(200, { ...headers, 'content-encoding': 'br' }).end(readFileSync(`${rjsfFile}.br`));
      return res.writeHead(200, headers).end(readFileSync(rjsfFile));
    }
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
const rjsf = o.load ? await buildRjsf() : null;
const server = await serve(o.pkg, rjsf?.file, o.hints);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

// One load of `path` in a fresh context over the emulated network: ms from
// navigation start to the frame painted after the form is there, and the
// bytes transferred (bodies as sent, and headers) until then.
async function loadOnce(path, signal) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.addInitScript((signal) => {
    const painted = () => requestAnimationFrame(() => {
      const c = new MessageChannel();
      c.port1.onmessage = () => { window.__painted ??= performance.now(); };
      c.port2.postMessage(null);
    });
    if (signal === 'ready') {
      // banli: the page sets window.__ready once mount() has resolved.
      Object.defineProperty(window, '__ready', { configurable: true, set: painted, get: () => undefined });
    } else {
      // RJSF: the first <input> in the document, as the harness marks it.
      const observer = new MutationObserver(() => {
        if (document.querySelector('input')) { observer.disconnect(); painted(); }
      });
      observer.observe(document, { childList: true, subtree: true });
    }
  }, signal);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 100, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 });
  let bytes = 0; let counting = true;
  cdp.on('Network.loadingFinished', (e) => { if (counting) bytes += e.encodedDataLength; });
  // A hint the page's own request does not take is a second download.
  const requested = new Map();
  cdp.on('Network.requestWillBeSent', (e) => requested.set(e.request.url, (requested.get(e.request.url) ?? 0) + 1));
  await page.goto(`${base}${path}`);
  await page.waitForFunction(() => window.__painted !== undefined, null, { timeout: 180000, polling: 50 });
  counting = false;
  const painted = await page.evaluate(() => window.__painted);
  // Where the time went: when each script and module had arrived.
  const arrived = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\.(wasm|js|json|css)$/.test(new URL(e.name).pathname))
    .map((e) => `${new URL(e.name).pathname.split('/').pop()} ${e.responseEnd.toFixed(0)}`));
  // Printed, to see that each page drew the whole form by then.
  const controls = await page.evaluate(() => (document.getElementById('host')?.shadowRoot ?? document)
    .querySelectorAll('input,select,textarea').length);
  await context.close();
  for (const [url, n] of requested) if (n > 1) problems.push(`${url} requested ${n} times`);
  return { painted, bytes, controls, problems, arrived };
}

if (o.load) {
  const pages = { banli: [(v) => `/?variant=${v}`, 'ready'], RJSF: [(v) => `/rjsf/?variant=${v}`, 'input'] };
  console.error(`RJSF bundle ${rjsf.file}: ${(rjsf.raw / 1024).toFixed(0)} KiB raw, ${(rjsf.br / 1024).toFixed(0)} KiB brotli 11`);
  // Unrecorded: the first load of a browser pays for starting its processes.
  for (const [path, signal] of Object.values(pages)) await loadOnce(path(o.variants[0]), signal);
  const samples = {};
  for (let n = 0; n < o.loads; n += 1) {
    for (const variant of o.variants) {
      // Alternate which page goes first, so neither always follows the other.
      const order = n % 2 ? ['RJSF', 'banli'] : ['banli', 'RJSF'];
      for (const name of order) {
        const r = await loadOnce(pages[name][0](variant), pages[name][1]);
        (samples[`${variant} ${name}`] ??= []).push(r);
        console.error(`load ${n + 1} ${variant} ${name}: painted ${r.painted.toFixed(0)} ms, ${(r.bytes / 1024).toFixed(0)} KiB, ` +
          `${r.controls} controls${r.problems.length ? ` | ${r.problems.join('; ')}` : ''} (arrived: ${r.arrived.join(', ')})`);
        if (r.problems.length) process.exitCode = 1;
      }
    }
  }
  await browser.close();
  server.close();
  const med = (variant, name, key) => median(samples[`${variant} ${name}`].map((r) => r[key]));
  console.log(`navigation → form painted over 10 Mbit/s, 100 ms RTT (CDP), brotli, cache off; medians of ${o.loads} loads per cell, interleaved\n`);
  console.log('| form | banli (ms) | RJSF (ms) | banli ÷ RJSF | banli (KiB) | RJSF (KiB) | banli ÷ RJSF |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const variant of o.variants) {
    const [bm, rm] = [med(variant, 'banli', 'painted'), med(variant, 'RJSF', 'painted')];
    const [bb, rb] = [med(variant, 'banli', 'bytes'), med(variant, 'RJSF', 'bytes')];
    console.log(`| ${variant} | ${bm.toFixed(0)} | ${rm.toFixed(0)} | ${(bm / rm).toFixed(2)} | ${(bb / 1024).toFixed(0)} | ${(rb / 1024).toFixed(0)} | ${(bb / rb).toFixed(2)} |`);
  }
  console.log('\n(KiB: bytes transferred before the form was painted, bodies as sent and headers)');
  if (o.json) writeFileSync(o.json, JSON.stringify({ rjsf, samples }, null, 1));
  process.exit();
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
    await page.waitForFunction(() => window.__checked === true, null, { timeout: 120000 });
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
