// Node benchmark: banli's WebAssembly build against ajv 8 (+ ajv-formats),
// side by side in one process, on the largest sample item's form schema.
//
//   cargo xtask build && npm ci --prefix tools && node tools/bench-wasm-vs-ajv.mjs
//
// banli validates the whole envelope (form data, materials, deadlines,
// labels and messages for every error); ajv only the form data against the
// same schema (allErrors, with equivalent cn-* format checks). Results go in
// docs/benchmarks.md.
//
// ajv is timed twice: on a parsed object (the yardstick), and on the
// JSON text a back end receives (`JSON.parse` first), which is what banli's
// `formErrors(text)` is given.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// BANLI_NODE_PKG: another Node build to compare (e.g. one made from the size profile).
const banli = require(join(process.env.BANLI_NODE_PKG ?? join(root, 'target/pkg/banli-wasm/node'), 'banli.js'));
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');

const read = (p) => readFileSync(join(root, p), 'utf8');
const definitionText = read('schemas/items/food-business-licence.json');
const definition = JSON.parse(definitionText);
const cases = {
  valid: read('tests/fixtures/food-business-licence/valid-organisation.json'),
  invalid: read('tests/fixtures/food-business-licence/invalid-organisation-multiple.json'),
};

// The same Chinese identifier checks banli asserts.
const idCard = (s) => {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((acc, wi, i) => acc + wi * Number(s[i]), 0);
  const y = +s.slice(6, 10), m = +s.slice(10, 12), d = +s.slice(12, 14);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && '10X98765432'[sum % 11] === s[17].toUpperCase();
};
const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const uscc = (s) => {
  if (s.length !== 18) return false;
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) { const v = USCC.indexOf(s[i]); if (v < 0) return false; sum += v * w[i]; }
  return USCC[(31 - (sum % 31)) % 31] === s[17];
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('cn-id-card', idCard);
ajv.addFormat('cn-uscc', uscc);
ajv.addFormat('cn-org-code', /^[0-9A-Z]{8}-?[0-9X]$/);
ajv.addFormat('cn-mobile', /^1[3-9]\d{9}$/);
ajv.addFormat('cn-postcode', /^\d{6}$/);

function measure(name, fn, seconds = 2) {
  for (let i = 0; i < 200; i++) fn();
  let runs = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(seconds * 1e9);
  while (process.hrtime.bigint() - start < limit) { for (let i = 0; i < 100; i++) fn(); runs += 100; }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const opsPerSecond = runs / elapsed;
  console.log(`${name.padEnd(48)} ${Math.round(opsPerSecond).toLocaleString('en').padStart(10)} ops/s`);
  return opsPerSecond;
}

function compileTime(label, fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  console.log(`${label.padEnd(48)} ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1).padStart(10)} ms`);
  return result;
}

console.log(`node ${process.version}, banli ${banli.version()}, ajv ${require('ajv/package.json').version}`);
const item = compileTime('banli: first compile (fresh instance)', () => new banli.Item(definitionText));
const validateForm = compileTime('ajv: first compile', () => ajv.compile(definition.form));
const options = { acceptedOn: '2026-11-20' };
const results = {};
for (const [kind, text] of Object.entries(cases)) {
  const object = JSON.parse(text);
  const data = object.data;
  const dataText = JSON.stringify(data);
  results[kind] = {
    banliString: measure(`banli validateJson(JSON string) ${kind}`, () => item.validateJson(text, options)),
    banliObject: measure(`banli validate(object) -> object ${kind}`, () => item.validate(object, options)),
    banliForm: measure(`banli formErrors(JSON string) form only ${kind}`, () => item.formErrors(dataText)),
    ajv: measure(`ajv validate(object) ${kind}`, () => validateForm(data)),
    ajvText: measure(`ajv validate(JSON.parse(string)) ${kind}`, () => validateForm(JSON.parse(dataText))),
  };
}
console.log('\nratios (ajv ops/s ÷ banli ops/s):');
for (const [kind, r] of Object.entries(results)) {
  console.log(`  ${kind}: whole envelope, string ${(r.ajv / r.banliString).toFixed(1)}×, object ${(r.ajv / r.banliObject).toFixed(1)}×; form only ${(r.ajv / r.banliForm).toFixed(1)}×`);
}
console.log('\nform data only, banli ops/s ÷ ajv ops/s (the issue\'s target: ≥ 0.5):');
for (const [kind, r] of Object.entries(results)) {
  console.log(`  ${kind}: ajv on an object ${(r.banliForm / r.ajv).toFixed(3)}, ajv on the JSON text ${(r.banliForm / r.ajvText).toFixed(3)}`);
}
