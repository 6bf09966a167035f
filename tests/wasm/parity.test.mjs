// Parity: every fixture of every sample item through the WebAssembly build
// under Node must give byte-for-byte the report JSON the native core gives
// (the insta snapshots written by `banli check --format json`, in
// tests/fixtures/<item>/snapshots/). Run by `cargo xtask test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = join(root, 'target/pkg/banli-wasm/node/banli.js');
assert.ok(existsSync(pkg), `build the package first: cargo xtask build (missing ${pkg})`);
const banli = createRequire(import.meta.url)(pkg);

/** The body of an insta snapshot: the text after its front matter. */
function snapshotBody(path) {
  const text = readFileSync(path, 'utf8');
  return text.split('---\n').slice(2).join('---\n').replace(/\n+$/, '');
}

const items = readdirSync(join(root, 'schemas/items')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

for (const name of items) {
  test(`wasm reports equal native reports: ${name}`, () => {
    const item = new banli.Item(readFileSync(join(root, 'schemas/items', `${name}.json`), 'utf8'));
    const dir = join(root, 'tests/fixtures', name);
    const cases = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    assert.ok(cases.length >= 2);
    let compared = 0;
    for (const c of cases) {
      const submission = readFileSync(join(dir, `${c}.json`), 'utf8');
      for (const [lang, suffix] of [['zh-CN', ''], ['en', '.en']]) {
        const snapshot = join(dir, 'snapshots', `${c}${suffix}.snap`);
        if (!existsSync(snapshot)) continue;
        const wasm = item.validateJson(submission, { lang, acceptedOn: '2026-11-20', pretty: true });
        assert.equal(wasm, snapshotBody(snapshot), `${name}/${c} (${lang})`);
        compared += 1;
      }
    }
    assert.ok(compared >= cases.length, `${name}: every case compared`);
  });
}
