// Parity: every fixture of every sample item (and of every kind in
// tests/fixtures/kinds/) through the WebAssembly build
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
    const compared = { 'zh-CN': 0, en: 0 };
    for (const c of cases) {
      const submission = readFileSync(join(dir, `${c}.json`), 'utf8');
      for (const [lang, suffix] of [['zh-CN', ''], ['en', '.en']]) {
        const snapshot = join(dir, 'snapshots', `${c}${suffix}.snap`);
        if (!existsSync(snapshot)) continue;
        const wasm = item.validateJson(submission, { lang, acceptedOn: '2026-11-20', pretty: true });
        assert.equal(wasm, snapshotBody(snapshot), `${name}/${c} (${lang})`);
        compared[lang] += 1;
      }
    }
    // Every case has its Chinese snapshot; English ones are optional.
    assert.equal(compared['zh-CN'], cases.length, `${name}: every case compared in zh-CN`);
  });
}

// The applicant's checklist (办事指引) from the answers to the situation
// questions: Item.checklist gives what `banli checklist --format json`
// gives (the snapshots tests/fixtures/<item>/snapshots/checklist-<case>*.snap).
test('wasm checklists equal native checklists', () => {
  let compared = 0;
  for (const name of items) {
    const dir = join(root, 'tests/fixtures', name, 'checklists');
    if (!existsSync(dir)) continue;
    const item = new banli.Item(readFileSync(join(root, 'schemas/items', `${name}.json`), 'utf8'));
    for (const c of readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''))) {
      const answers = readFileSync(join(dir, `${c}.json`), 'utf8');
      for (const [lang, suffix] of [['zh-CN', ''], ['en', '.en']]) {
        const snapshot = join(root, 'tests/fixtures', name, 'snapshots', `checklist-${c}${suffix}.snap`);
        const wasm = JSON.stringify(item.checklist(answers, lang), null, 2);
        assert.equal(wasm, snapshotBody(snapshot), `${name}/${c} (${lang})`);
        compared += 1;
      }
    }
  }
  assert.ok(compared >= 6, `checklists compared: ${compared}`);
});

// The kinds of item (tests/fixtures/kinds/<kind>/: item.json, cases/,
// snapshots/): identifier dates, reference fragments, forms whose root is a
// composition or a `$ref`, a recursive tree, times typed as people type them.
const kindsDir = join(root, 'tests/fixtures/kinds');
const kinds = readdirSync(kindsDir).filter((k) => existsSync(join(kindsDir, k, 'item.json'))).sort();
for (const kind of kinds) {
  test(`wasm reports equal native reports: kinds/${kind}`, () => {
    const dir = join(kindsDir, kind);
    const item = new banli.Item(readFileSync(join(dir, 'item.json'), 'utf8'));
    const cases = readdirSync(join(dir, 'cases')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    let compared = 0;
    for (const c of cases) {
      const submission = readFileSync(join(dir, 'cases', `${c}.json`), 'utf8');
      for (const [lang, suffix] of [['zh-CN', ''], ['en', '.en']]) {
        const snapshot = join(dir, 'snapshots', `${c}${suffix}.snap`);
        if (!existsSync(snapshot)) continue;
        const wasm = item.validateJson(submission, { lang, acceptedOn: '2026-11-20', pretty: true });
        assert.equal(wasm, snapshotBody(snapshot), `kinds/${kind}/${c} (${lang})`);
        compared += 1;
      }
    }
    assert.ok(cases.length > 0 && compared >= cases.length, `kinds/${kind}: every case compared`);
  });
}

// Deadlines in a year whose holidays are not loaded: pending in both builds,
// and dated the same once the (made-up) 2027 test calendar is loaded.
const pending = JSON.parse(readFileSync(join(root, 'tests/fixtures/pending-deadlines/cases.json'), 'utf8')).cases;
test('wasm reports equal native reports: pending deadlines', () => {
  let compared = 0;
  for (const c of pending) {
    banli.resetCalendar();
    for (const file of c.calendars ?? []) {
      banli.loadCalendar(readFileSync(join(root, 'tests/fixtures', file), 'utf8'), file);
    }
    const item = new banli.Item(readFileSync(join(root, 'schemas/items', `${c.item}.json`), 'utf8'));
    const submission = readFileSync(join(root, 'tests/fixtures', c.submission), 'utf8');
    for (const [lang, suffix] of [['zh-CN', ''], ['en', '.en']]) {
      const snapshot = join(root, 'tests/fixtures/pending-deadlines/snapshots', `${c.name}${suffix}.snap`);
      const wasm = item.validateJson(submission, { lang, acceptedOn: c.accepted_on, pretty: true });
      assert.equal(wasm, snapshotBody(snapshot), `${c.name} (${lang})`);
      compared += 1;
    }
  }
  banli.resetCalendar();
  assert.equal(compared, pending.length * 2);
});

// Bundles (一件事一次办): the JS API's Bundle, given each member's definition
// under its key, reports every bundle fixture exactly as `banli check
// BUNDLE SUBMISSION` does (tests/fixtures/bundles/snapshots/).
test('wasm bundle reports equal native reports: open-restaurant', () => {
  const bundleFile = JSON.parse(readFileSync(join(root, 'schemas/bundles/open-restaurant.json'), 'utf8'));
  const definitions = items.map((name) => readFileSync(join(root, 'schemas/items', `${name}.json`), 'utf8'));
  const members = Object.fromEntries(bundleFile.members.map((m) => [m.key, m.item
    ? readFileSync(join(root, 'schemas/bundles', m.item), 'utf8')
    : definitions.find((text) => JSON.parse(text).code === m.code)]));
  const bundle = new banli.Bundle(JSON.stringify(bundleFile), members);
  const dir = join(root, 'tests/fixtures/bundles/open-restaurant');
  const cases = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  assert.ok(cases.length >= 3);
  let compared = 0;
  for (const c of cases) {
    const submission = readFileSync(join(dir, `${c}.json`), 'utf8');
    for (const [lang, suffix] of [['zh-CN', ''], ['en', '.en']]) {
      const snapshot = join(root, 'tests/fixtures/bundles/snapshots', `open-restaurant.${c}${suffix}.snap`);
      if (!existsSync(snapshot)) continue;
      assert.equal(bundle.validateJson(submission, { lang, acceptedOn: '2026-10-20', pretty: true }), snapshotBody(snapshot), `${c} (${lang})`);
      if (lang === 'zh-CN') compared += 1;
    }
  }
  assert.equal(compared, cases.length, 'every case compared in zh-CN');
  // A member whose `when` does not hold (no sign, no sign permit) is reported
  // as not applying, with no report, in wasm as natively.
  assert.ok(cases.includes('no-signage'), 'the case without a sign is compared');
  const noSign = JSON.parse(bundle.validateJson(readFileSync(join(dir, 'no-signage.json'), 'utf8'), { acceptedOn: '2026-10-20' }));
  assert.deepEqual(noSign.members.map((m) => [m.key, m.applies, 'report' in m]),
    [['registration', true, true], ['food', true, true], ['signage', false, false]]);
  assert.equal(bundle.merged().code, bundleFile.code);
  // A member left out is named, in both languages.
  const { food, ...rest } = members;
  assert.ok(food);
  assert.throws(() => new banli.Bundle(JSON.stringify(bundleFile), rest),
    (e) => e.name === 'BundleError' && e.message.includes('food') && e.messageEn.includes('food'));
});

// A bundle whose member has situations and variants (the test bundle
// tests/fixtures/bundles/project-approval.json): each member's report, the
// chosen variant included, is the native one; so is the merged checklist.
test('wasm bundle reports equal native reports: project-approval (situations and variants)', () => {
  const file = join(root, 'tests/fixtures/bundles/project-approval.json');
  const bundleFile = JSON.parse(readFileSync(file, 'utf8'));
  const members = Object.fromEntries(bundleFile.members.map((m) => [m.key, readFileSync(join(dirname(file), m.item), 'utf8')]));
  const bundle = new banli.Bundle(JSON.stringify(bundleFile), members);
  const dir = join(root, 'tests/fixtures/bundles/project-approval/submissions');
  const cases = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  assert.ok(cases.length >= 3);
  for (const c of cases) {
    const snapshot = join(root, 'tests/fixtures/bundles/snapshots', `project-approval.${c}.snap`);
    assert.equal(bundle.validateJson(readFileSync(join(dir, `${c}.json`), 'utf8'), { lang: 'zh-CN', acceptedOn: '2026-10-20', pretty: true }),
      snapshotBody(snapshot), c);
  }
  const merged = bundle.merged();
  assert.equal(merged.situations[2].field, '/feasibility/situation/upper_level_authority');
  assert.equal(merged.members[0].variants[1].id, 'forwarded-upward');
});
