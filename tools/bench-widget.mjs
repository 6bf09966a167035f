// Browser benchmark of <banli-form>: a generated item with 300 fields and a
// 100-row repeatable group; the time from a keystroke to the updated DOM
// (the `banli-change` event fires from an effect after Yew has rendered),
// median and p95, in headless Chromium. Results go in docs/benchmarks.md.
//
//   cargo xtask serve &   # or any server of www/ with the built widget
//   node tools/bench-widget.mjs [http://127.0.0.1:8080]
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const base = process.argv[2] ?? 'http://127.0.0.1:8080';

function generatedItem() {
  const properties = {};
  for (let i = 0; i < 300; i += 1) {
    properties[`field_${i}`] = i % 10 === 0
      ? { type: 'string', title: `选项${i}`, enum: ['a', 'b', 'c', 'd'], 'x-enum-labels': { a: '甲', b: '乙', c: '丙', d: '丁' } }
      : { type: 'string', title: `字段${i}`, maxLength: 50 };
  }
  properties.rows = { type: 'array', title: '明细', maxItems: 200, items: { type: 'object', title: '明细', properties: { name: { type: 'string', title: '名称' }, amount: { type: 'number', title: '数量' } }, required: ['name'] } };
  return {
    format: 'banli-item/1', code: 'BENCH001', basic_code: '000000000BEN', version: '1', name: '性能测试事项',
    item_type: { code: '01', label: '行政许可' }, authority: { name: '测试局' },
    time_limits: { statutory: { working_days: 20 }, promised: { working_days: 5 } },
    visits: { count: 0 }, fees: { charged: false }, materials: [],
    form: { type: 'object', properties, required: ['field_1', 'field_2'] },
  };
}

const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage();
await page.goto(`${base}/demo/blank.html`);
const timings = await page.evaluate(async (definition) => {
  const { mount } = await import('/banli-form/banli-form.js');
  const host = document.getElementById('host');
  const started = performance.now();
  await mount(host, { definition });
  const root = host.shadowRoot;
  await new Promise((r) => requestAnimationFrame(r));
  const mountMs = performance.now() - started;
  // 100 rows in the repeatable group.
  const add = [...root.querySelectorAll('button')].find((b) => b.textContent.startsWith('添加'));
  for (let i = 0; i < 100; i += 1) add.click();
  await new Promise((r) => setTimeout(r, 50));
  const input = root.querySelector('input[type=text]');
  const samples = [];
  for (let i = 0; i < 60; i += 1) {
    const changed = new Promise((resolve) => host.addEventListener('banli-change', resolve, { once: true }));
    const t0 = performance.now();
    input.value += String(i % 10);
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await changed;
    samples.push(performance.now() - t0);
  }
  return { mountMs, samples, fields: root.querySelectorAll('input, select, textarea').length };
}, generatedItem());
await browser.close();
console.log(`controls rendered: ${timings.fields}`);
console.log(`mount (compile + first render): ${timings.mountMs.toFixed(1)} ms`);
console.log(`keystroke → updated DOM: median ${percentile(timings.samples, 0.5).toFixed(1)} ms, p95 ${percentile(timings.samples, 0.95).toFixed(1)} ms (${timings.samples.length} keystrokes)`);
