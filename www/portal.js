// The demo portal: lists the sample items and the bundles (一件事一次办)
// and shows each one's service summary (time limits, materials) from its
// definition (a bundle's is the merged definition banli-server serves).
// Every text from a definition is inserted with textContent, never as HTML.

const list = document.getElementById('items');
const bundleList = document.getElementById('bundles');
const detail = document.getElementById('detail');

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function limitText(limit) {
  if (!limit) return '—';
  return limit.on_the_spot ? '即办' : `${limit.working_days} 个工作日`;
}

// The materials table is the printed guide's, from the core through the
// server (`GET /api/items/{code}/materials`): its wording and its rules
// (which material may be supplied later) are never rewritten here.
async function materialsTable(item, url = `/api/items/${encodeURIComponent(item.code)}/materials?version=${encodeURIComponent(item.version)}`) {
  const table = await (await fetch(url)).json();
  if (!table.columns || table.columns.length === 0) return [el('h3', {}, table.heading), el('p', {}, table.note || '')];
  return [
    el('h3', {}, table.heading),
    el('table', { class: 'materials' },
      el('thead', {}, el('tr', {}, ...table.columns.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...table.rows.map((row) => el('tr', {}, ...row.map((cell) => el('td', {}, cell || '—')))))),
  ];
}

// 一件事一次办: the bundles banli-server merged from its items. A bundle's
// page shows its members with their own time limits (each is decided by
// its own office) and the one materials table, where a material several
// members need is one row.
async function loadBundles() {
  const bundles = await (await fetch('/api/bundles')).json();
  if (bundles.length === 0) {
    bundleList.replaceChildren(el('p', {}, '暂无一件事。'));
    return;
  }
  bundleList.replaceChildren(el('ul', { class: 'item-list bundle-list' }, ...bundles.map((bundle) => {
    const button = el('button', { type: 'button', class: 'item-link' }, bundle.name);
    button.addEventListener('click', () => showBundle(bundle));
    return el('li', {}, button, el('span', { class: 'meta' }, `一件事 · ${bundle.authority} · ${bundle.members.map((m) => m.name).join(' + ')}`));
  })));
  const wanted = new URLSearchParams(location.search).get('bundle');
  const match = bundles.find(({ code }) => code === wanted);
  if (match) showBundle(match);
}

async function showBundle(bundle) {
  history.replaceState(null, '', `?bundle=${encodeURIComponent(bundle.code)}`);
  const code = encodeURIComponent(bundle.code);
  const merged = await (await fetch(`/api/bundles/${code}`)).json();
  const materials = await materialsTable(merged, `/api/bundles/${code}/materials`);
  detail.replaceChildren(
    el('h2', {}, merged.name),
    el('p', {}, merged.description || ''),
    el('dl', { class: 'facts' },
      el('dt', {}, '受理窗口'), el('dd', {}, merged.authority.name),
      el('dt', {}, '包含事项'), el('dd', {}, String(merged.members.length))),
    el('h3', {}, '包含的事项（各自办结）'),
    el('table', { class: 'members' },
      el('thead', {}, el('tr', {}, ...['事项', '实施机关', '实施编码', '承诺办结时限', '法定办结时限'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...merged.members.map((m) => el('tr', {},
        el('td', {}, m.name), el('td', {}, m.authority.name), el('td', {}, m.code),
        el('td', {}, limitText(m.time_limits.promised)), el('td', {}, limitText(m.time_limits.statutory)))))),
    ...materials,
    el('p', { class: 'actions' },
      el('a', { class: 'button-link', href: `/apply.html?bundle=${code}` }, '在线办理'),
      ' ',
      el('a', { href: `/api/bundles/${code}/guide` }, '打印办事指南'),
      ' ',
      el('a', { href: `/api/bundles/${code}` }, '下载合并后的事项定义（JSON）')));
  detail.hidden = false;
  detail.scrollIntoView();
}

async function load() {
  const files = await (await fetch('/api/items')).json();
  const items = await Promise.all(files.map(async ({ file }) => ({ file, item: await (await fetch(`/schemas/items/${encodeURIComponent(file)}`)).json() })));
  list.replaceChildren(el('ul', { class: 'item-list' }, ...items.map(({ file, item }) => {
    const button = el('button', { type: 'button', class: 'item-link' }, item.name);
    button.addEventListener('click', () => show(file, item));
    return el('li', {}, button, el('span', { class: 'meta' }, `${item.item_type.label} · ${item.authority.name} · 承诺时限 ${limitText(item.time_limits.promised)}`));
  })));
  const wanted = new URLSearchParams(location.search).get('item');
  const match = items.find(({ file }) => file === wanted);
  if (match) show(match.file, match.item);
}

async function show(file, item) {
  history.replaceState(null, '', `?item=${encodeURIComponent(file)}`);
  const materials = await materialsTable(item);
  detail.replaceChildren(
    el('h2', {}, item.name),
    el('dl', { class: 'facts' },
      el('dt', {}, '事项类型'), el('dd', {}, item.item_type.label),
      el('dt', {}, '实施机关'), el('dd', {}, item.authority.name),
      el('dt', {}, '法定办结时限'), el('dd', {}, limitText(item.time_limits.statutory)),
      el('dt', {}, '承诺办结时限'), el('dd', {}, limitText(item.time_limits.promised)),
      el('dt', {}, '到办事现场次数'), el('dd', {}, String(item.visits.count)),
      el('dt', {}, '是否收费'), el('dd', {}, item.fees.charged ? '收费' : '不收费')),
    ...materials,
    el('p', { class: 'actions' },
      el('a', { class: 'button-link', href: `/apply.html?item=${encodeURIComponent(file)}` }, '在线办理'),
      ' ',
      el('a', { href: `/api/items/${encodeURIComponent(item.code)}/guide` }, '打印办事指南'),
      ' ',
      el('a', { href: `/schemas/items/${encodeURIComponent(file)}` }, '下载事项定义（JSON）')),
    checker(file, item));
  detail.hidden = false;
  detail.scrollIntoView();
}

// 在线核验: the WebAssembly build checks a submission envelope in the
// browser, with the same report the server gives.
function checker(file, item) {
  const envelope = { item: { code: item.code, version: item.version }, data: {}, materials: {} };
  const input = el('textarea', { id: 'submission', rows: '10', spellcheck: 'false' });
  input.value = JSON.stringify(envelope, null, 2);
  const button = el('button', { type: 'button', class: 'primary' }, '核验');
  const output = el('div', { id: 'report', 'aria-live': 'polite' });
  button.addEventListener('click', async () => {
    try {
      const { default: init, Item } = await import('/banli-wasm/web/banli.js');
      await init();
      const definition = await (await fetch(`/schemas/items/${encodeURIComponent(file)}`)).text();
      const report = new Item(definition).validate(input.value);
      const summary = { valid: '通过', valid_with_commitments: '通过（含容缺或承诺）', invalid: '不通过' }[report.status];
      output.replaceChildren(
        el('p', { class: `status ${report.status}` }, `核验结果：${summary}`),
        el('ol', {}, ...report.errors.map((e) => el('li', {}, e.message, ' ', el('code', {}, e.path)))));
    } catch (error) {
      output.replaceChildren(el('p', { class: 'error', role: 'alert' }, `无法核验：${error.message}`));
    }
  });
  return el('section', { class: 'checker' },
    el('h3', {}, '在线核验申请（WebAssembly）'),
    el('label', { for: 'submission' }, '申请数据（提交信封 JSON）'),
    input, button, output);
}

load().catch((error) => {
  list.replaceChildren(el('p', { class: 'error', role: 'alert' }, `事项加载失败：${error.message}`));
});
loadBundles().catch((error) => {
  bundleList.replaceChildren(el('p', { class: 'error', role: 'alert' }, `一件事加载失败：${error.message}`));
});
