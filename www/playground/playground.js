// The playground: an item definition (or a 一件事一次办 bundle) in an editor,
// its lint findings as you type (click one to go to its line), the live
// <banli-form> of the last definition that loads, and the report of whatever
// is in the form. All of it runs in the browser on the WebAssembly builds of
// banli-core: lint and the report come from banli-wasm, the form from
// banli-widget. A bundle's members are fetched as the core says where they
// come from (bundleMembers): a file beside /schemas/bundles/, or an item
// code from /api/items/. Every text from a definition or from the data is
// inserted as text, never as HTML.
import initBanli, { Bundle, Item, bundleMembers, fileKind, lint } from '/banli-wasm/web/banli.js';
import { mount } from '/banli-form/banli-form.js';

const STORAGE_KEY = 'banli-playground:definition';
const LINT_DELAY_MS = 250;

const editor = document.getElementById('definition');
const gutter = document.getElementById('gutter');
const findingsList = document.getElementById('findings');
const lintSummary = document.getElementById('lint-summary');
const sample = document.getElementById('sample');
const langSelect = document.getElementById('lang');
const formSlot = document.getElementById('form-slot');
const formStatus = document.getElementById('form-status');

// `item` is the compiled Item or Bundle that validates; `code` and `version`
// name it in the envelope (a bundle's are its merged definition's).
const state = {
  item: null, code: null, version: null, form: null, mountedText: null, data: {}, envelope: null,
  timer: 0, generation: 0, memberTexts: new Map(),
};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

const lang = () => langSelect.value;
const english = () => lang() === 'en';

function renderGutter() {
  const lines = editor.value.split('\n').length;
  if (gutter.dataset.lines === String(lines)) return;
  gutter.dataset.lines = String(lines);
  gutter.textContent = Array.from({ length: lines }, (_, i) => i + 1).join('\n');
}

/** Moves the caret to a 1-based line and column and scrolls it into view. */
function goTo(line, column) {
  const lines = editor.value.split('\n');
  const target = Math.min(Math.max(line, 1), lines.length);
  let offset = 0;
  for (let i = 0; i < target - 1; i += 1) offset += lines[i].length + 1;
  const start = offset + Math.min(Math.max((column ?? 1) - 1, 0), lines[target - 1].length);
  editor.focus();
  editor.setSelectionRange(start, offset + lines[target - 1].length);
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 20;
  editor.scrollTop = Math.max(0, (target - 1) * lineHeight - editor.clientHeight / 3);
  gutter.scrollTop = editor.scrollTop;
}

function renderFindings(findings) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  lintSummary.textContent = findings.length === 0
    ? (english() ? 'No problems found.' : '没有发现问题。')
    : (english() ? `${errors} error(s), ${warnings} warning(s).` : `${errors} 个错误，${warnings} 个警告。`);
  lintSummary.className = errors ? 'has-errors' : findings.length ? 'has-warnings' : 'clean';
  findingsList.replaceChildren(...findings.map((finding) => {
    const place = finding.line == null
      ? (english() ? 'whole file' : '整个文件')
      : (english() ? `line ${finding.line}, column ${finding.column}` : `第 ${finding.line} 行第 ${finding.column} 列`);
    const severity = finding.severity === 'error' ? (english() ? 'Error' : '错误') : (english() ? 'Warning' : '警告');
    const button = el('button', { type: 'button', class: `finding ${finding.severity}` },
      el('span', { class: 'severity' }, severity),
      el('span', { class: 'place' }, place),
      el('span', { class: 'message' }, finding.message),
      el('code', { class: 'rule' }, finding.code),
      finding.pointer ? el('code', { class: 'pointer' }, finding.pointer) : '',
      finding.hint ? el('span', { class: 'hint' }, finding.hint) : '');
    button.dataset.line = finding.line ?? '';
    button.addEventListener('click', () => goTo(finding.line ?? 1, finding.column ?? 1));
    return el('li', {}, button);
  }));
}

function statusText(status) {
  const zh = { valid: '通过：可以受理', valid_with_commitments: '通过：容缺或告知承诺受理', invalid: '未通过' };
  const en = { valid: 'Valid: can be accepted', valid_with_commitments: 'Valid with commitments', invalid: 'Invalid' };
  return (english() ? en : zh)[status] ?? status;
}

function renderReport() {
  const status = document.getElementById('report-status');
  const errors = document.getElementById('report-errors');
  const materials = document.getElementById('report-materials');
  const json = document.getElementById('report-json');
  if (!state.item) {
    status.textContent = english() ? 'No definition loads yet.' : '还没有可用的事项定义。';
    status.dataset.status = '';
    errors.replaceChildren();
    materials.replaceChildren();
    json.textContent = '';
    return;
  }
  const envelope = state.envelope ?? { item: { code: state.code, version: state.version }, data: state.data };
  let report;
  try {
    report = flatten(state.item.validate(envelope, { lang: lang() }));
  } catch (error) {
    status.textContent = `${english() ? 'Cannot validate' : '无法校验'}: ${error.message}`;
    status.dataset.status = 'error';
    return;
  }
  status.textContent = `${statusText(report.status)}（${report.errors.length} ${english() ? 'problem(s)' : '个问题'}）`;
  status.dataset.status = report.status;
  errors.replaceChildren(...report.errors.map((e) => el('li', {},
    el('strong', {}, e.label || e.path), ' ', e.message, ' ', el('code', {}, e.code))));
  materials.replaceChildren(...report.materials.map((m) => el('tr', {},
    el('td', {}, m.name), el('td', {}, m.required ? (english() ? 'yes' : '是') : (english() ? 'no' : '否')), el('td', {}, m.disposition))));
  json.textContent = JSON.stringify(report.json ?? report, null, 2);
}

/** A bundle's report as one list: the bundle's own errors, then each
 *  applying member's errors and materials under the member's name. */
function flatten(report) {
  if (!report.members) return report;
  const applying = report.members.filter((m) => m.report);
  return {
    ...report,
    errors: [...(report.errors ?? []), ...applying.flatMap((m) => m.report.errors.map((e) => ({ ...e, label: `${m.name} › ${e.label || e.path}` })))],
    materials: applying.flatMap((m) => m.report.materials.map((x) => ({ ...x, name: `${m.name} › ${x.name}` }))),
    json: report,
  };
}

/** The member definitions of a bundle's text, fetched once per place. */
async function fetchMembers(text) {
  const members = {};
  for (const member of bundleMembers(text)) {
    const url = member.file
      ? new URL(member.file, new URL('/schemas/bundles/', location.origin)).pathname
      : `/api/items/${encodeURIComponent(member.code)}`;
    if (!state.memberTexts.has(url)) {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${member.key}: ${url} (${response.status})`);
      state.memberTexts.set(url, await response.text());
    }
    members[member.key] = state.memberTexts.get(url);
  }
  return members;
}

/** Lints the text and compiles what it defines: an Item, or a Bundle with
 *  its members; `definition` is the text the form is mounted on. */
async function compile(text) {
  if (fileKind(text) !== 'bundle') {
    renderFindings(lint(text, { lang: lang() }));
    const item = new Item(text);
    return { item, code: item.code, version: item.version, definition: text, name: item.name(lang()) };
  }
  let members;
  try {
    members = await fetchMembers(text);
  } catch (error) {
    // A broken bundle file (lint says why) or a member that cannot be fetched.
    renderFindings(lint(text, { lang: lang() }));
    throw Object.assign(error, { problems: [error] });
  }
  renderFindings(lint(text, { lang: lang(), members }));
  const item = new Bundle(text, members);
  const merged = item.merged();
  const name = english() ? merged.i18n?.en?.name ?? merged.name : merged.name;
  return { item, code: merged.code, version: merged.version, definition: JSON.stringify(merged), name };
}

async function showForm(text) {
  const generation = ++state.generation;
  const canonical = JSON.stringify(JSON.parse(text));
  if (canonical === state.mountedText) return;
  state.form?.destroy();
  state.form = null;
  state.data = {};
  state.envelope = null;
  const form = await mount(formSlot, {
    definition: text,
    lang: lang(),
    onChange: (data) => { state.data = data; state.envelope = null; renderReport(); },
    onSubmit: (envelope) => { state.envelope = envelope; renderReport(); },
  });
  if (generation !== state.generation) { form.destroy(); return; }
  state.form = form;
  state.mountedText = canonical;
}

async function update() {
  const text = editor.value;
  renderGutter();
  try { sessionStorage.setItem(STORAGE_KEY, text); } catch { /* storage full or off: the editor still has the text */ }
  let compiled;
  try {
    compiled = await compile(text);
  } catch (error) {
    const count = error.problems?.length ?? 1;
    formStatus.textContent = state.form
      ? (english() ? `The definition has ${count} problem(s) that stop it loading; the form shows the last version that loaded.` : `定义有 ${count} 个问题导致无法加载，右侧仍显示上一个可用的版本。`)
      : (english() ? `The definition has ${count} problem(s) that stop it loading.` : `定义有 ${count} 个问题导致无法加载。`);
    formStatus.dataset.state = 'stale';
    return;
  }
  state.item?.free();
  ({ item: state.item, code: state.code, version: state.version } = compiled);
  formStatus.textContent = english() ? `Showing ${compiled.name} ${compiled.version}.` : `正在显示：${compiled.name}（${compiled.version}）`;
  formStatus.dataset.state = 'live';
  try {
    await showForm(compiled.definition);
  } catch (error) {
    formStatus.textContent = `${english() ? 'The form cannot be shown' : '无法显示申请表'}: ${error.message}`;
    formStatus.dataset.state = 'stale';
  }
  renderReport();
}

function scheduleUpdate() {
  clearTimeout(state.timer);
  state.timer = setTimeout(update, LINT_DELAY_MS);
}

/** Loads a sample: `item:FILE` from /schemas/items/, `bundle:FILE` from /schemas/bundles/. */
async function loadSample(choice) {
  const [kind, file] = choice.split(':');
  const response = await fetch(`/schemas/${kind}s/${encodeURIComponent(file)}`);
  if (!response.ok) throw new Error(`${file}: ${response.status}`);
  editor.value = await response.text();
  editor.scrollTop = 0;
  history.replaceState(null, '', `?${kind}=${encodeURIComponent(file)}`);
  await update();
}

async function start() {
  await initBanli({ module_or_path: '/banli-wasm/web/banli_bg.wasm' });
  const files = await (await fetch('/api/items')).json();
  const bundles = await (await fetch('/api/bundles')).json();
  const option = (kind) => ({ file, name }) => el('option', { value: `${kind}:${file}` }, name ? `${name} (${file})` : file);
  sample.replaceChildren(el('option', { value: '' }, '（自己的定义 Your own）'),
    el('optgroup', { label: '事项 Items' }, ...files.map(option('item'))),
    el('optgroup', { label: '一件事 Bundles' }, ...bundles.map(option('bundle'))));
  editor.addEventListener('input', () => { renderGutter(); scheduleUpdate(); });
  editor.addEventListener('scroll', () => { gutter.scrollTop = editor.scrollTop; });
  sample.addEventListener('change', () => { if (sample.value) loadSample(sample.value); });
  langSelect.addEventListener('change', () => {
    state.form?.setLang(lang());
    update();
  });
  const params = new URLSearchParams(location.search);
  const wanted = params.has('bundle') ? `bundle:${params.get('bundle')}` : params.has('item') ? `item:${params.get('item')}` : null;
  const saved = wanted ? null : sessionStorage.getItem(STORAGE_KEY);
  if (saved) {
    editor.value = saved;
    await update();
  } else {
    const known = [...sample.querySelectorAll('option')].map((o) => o.value).filter(Boolean);
    const choice = known.includes(wanted) ? wanted : known[0];
    sample.value = choice ?? '';
    if (choice) await loadSample(choice);
  }
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  formStatus.textContent = `试验场无法启动 The playground cannot start: ${error.message}`;
  formStatus.dataset.state = 'stale';
});
