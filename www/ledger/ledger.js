// The officials' ledger page: lists commitments from GET /api/commitments
// (overdue first, as the server sorts them), the materials handed in for
// each (补交) with accept and return, terminates them, and shows an
// application's audit trail, and the timeliness report (限时办结) with the
// receipts due soon and overdue, and the CSV exports of the report and the
// ledger. An official logs in with an account (a
// session cookie; every state-changing request sends the CSRF token in
// X-CSRF-Token) or, in the single-account mode, with the shared token.
// Every text from the server is written with textContent, never as HTML.

const LABELS = {
  overdue: '已逾期 Overdue',
  due_soon: '即将到期 Due soon',
  undetermined: '待定 Undetermined',
  pending: '待履行 Pending',
  fulfilled: '已履行 Fulfilled',
  terminated: '已终止 Terminated',
};
const KINDS = { deferral: '容缺后补 Deferral', in_lieu: '告知承诺 In lieu' };

const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function token() {
  return $('token').value.trim();
}

function say(text, isError = false) {
  const message = $('message');
  message.textContent = text;
  message.className = isError ? 'error' : '';
}

/** The session's CSRF token, from the readable cookie the login set. */
function csrf() {
  const pair = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('banli_csrf='));
  return pair ? pair.slice('banli_csrf='.length) : '';
}

/** A request as the logged-in official (the shared token, or the session with its CSRF token). */
function request(path, options = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  else if (options.method && options.method !== 'GET') headers['X-CSRF-Token'] = csrf();
  return fetch(path, { ...options, headers, credentials: 'same-origin' });
}

async function api(path, options = {}) {
  const response = await request(path, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body && body.error;
    throw new Error(error ? `${error.message} / ${error.message_en}` : `HTTP ${response.status}`);
  }
  return body;
}

const STATE = { submitted: '待审核 Waiting', accepted: '已接收 Accepted', returned: '已退回 Returned' };

// What the logged-in account's role permits (GET /api/officials/me); null
// for the shared token, which may do everything. The server checks every
// action itself: this only leaves out buttons that would be refused.
let permits = null;
const may = (action) => !permits || permits.includes(action);

/** What was handed in for a deferral, with accept and return for the one waiting. */
function supplements(commitment) {
  const list = el('ul', { class: 'supplements' });
  for (const s of commitment.supplements || []) {
    const item = el('li', { 'data-material': s.material_id, 'data-n': String(s.n), 'data-state': s.state },
      el('span', { text: `#${s.n} ${s.material_name ? `${s.material_name}：` : ''}${s.file.name}（${s.file.size} B）${STATE[s.state] || s.state}${s.lateness === 'late' ? ' · 逾期 Late' : ''}` }),
      s.return_reason ? el('span', { text: ` · ${s.return_reason}` }) : '',
      s.reviewed_by ? el('span', { text: ` · ${s.reviewed_by}` }) : '');
    if (s.state === 'submitted' && may('accept_material') && may('return_material')) {
      const base = `/api/applications/${encodeURIComponent(commitment.receipt)}/materials/${encodeURIComponent(s.material_id)}/supplements/${s.n}`;
      const accept = el('button', { type: 'button', class: 'secondary accept', text: '接收 Accept' });
      accept.addEventListener('click', () => review(`${base}/accept`, {}, `已接收 #${s.n} / Accepted`));
      const reasonId = `return-${commitment.id}-${s.material_id}-${s.n}`;
      const giveBack = el('form', { class: 'return' },
        el('label', { for: reasonId, class: 'visually-hidden', text: '退回原因 / Reason' }),
        el('input', { id: reasonId, name: 'reason', required: 'required', placeholder: '退回原因 Reason' }),
        el('button', { type: 'submit', class: 'secondary', text: '退回 Return' }));
      giveBack.addEventListener('submit', (event) => {
        event.preventDefault();
        review(`${base}/return`, { reason: giveBack.elements.reason.value }, `已退回 #${s.n} / Returned`);
      });
      item.append(' ', accept, giveBack);
    }
    list.append(item);
  }
  return list;
}

async function review(path, body, done) {
  try {
    await api(path, { method: 'POST', body: JSON.stringify(body) });
    say(done);
    await load();
  } catch (error) {
    say(error.message, true);
  }
}

/** An application's audit trail: who did what, when. */
async function showAudit(receipt) {
  try {
    const trail = await api(`/api/applications/${encodeURIComponent(receipt)}/audit`);
    const rows = trail.entries.map((e) => el('tr', {},
      el('td', { text: e.at }), el('td', { text: e.official.login }),
      el('td', { text: e.action_label ? `${e.action_label['zh-CN']} ${e.action_label.en}` : e.action }),
      el('td', { text: e.detail && (e.detail.reason || e.detail.material || e.detail.decision) || '' })));
    const head = el('tr', {}, ...['时间 At', '工作人员 Official', '操作 Action', '说明 Detail'].map((text) => el('th', { scope: 'col', text })));
    $('audit').replaceChildren(
      el('h2', { text: `办理记录 Audit trail: ${receipt}` }),
      rows.length ? el('table', { id: 'audit-trail' }, el('thead', {}, head), el('tbody', {}, ...rows)) : el('p', { text: '暂无记录。 Nothing recorded.' }),
      notices(trail.notices || []));
    if (may('decide')) $('audit').append(decisionForm(receipt));
  } catch (error) {
    say(error.message, true);
  }
}

/** The notices queued for the applicant (reminders, returns, decisions) and whether each went out. */
function notices(list) {
  if (list.length === 0) return el('p', { id: 'notices', text: '没有通知。 No notices.' });
  const head = el('tr', {}, ...['生成时间 Queued', '通知 Notice', '送达 Delivery'].map((text) => el('th', { scope: 'col', text })));
  const rows = list.map((n) => el('tr', { 'data-kind': n.kind, 'data-delivered': n.delivered_at ? 'true' : 'false' },
    el('td', { text: n.created_at }),
    el('td', { text: n.payload && n.payload.text ? `${n.payload.text['zh-CN']} / ${n.payload.text.en}` : n.kind }),
    el('td', { text: n.delivered_at
      ? `已送达 Delivered ${n.delivered_at}`
      : `待送达 Pending（已尝试 ${n.attempts} 次 attempts${n.last_error ? `：${n.last_error}` : ''}）` })));
  return el('table', { id: 'notices' }, el('caption', { text: '发给申请人的通知 Notices to the applicant' }),
    el('thead', {}, head), el('tbody', {}, ...rows));
}

/** The decision on an application (审核 only): 准予 / 不予 / 退回 / 撤回. */
function decisionForm(receipt) {
  const form = el('form', { id: 'decision', class: 'toolbar' },
    el('label', { for: 'decision-choice', text: '办理决定 Decision' }),
    el('select', { id: 'decision-choice', name: 'decision' },
      el('option', { value: 'approved', text: '准予 Approved' }),
      el('option', { value: 'refused', text: '不予 Refused' }),
      el('option', { value: 'returned', text: '退回 Returned' }),
      el('option', { value: 'withdrawn', text: '撤回 Withdrawn' })),
    el('label', { for: 'decision-reason', text: '理由 Reason' }),
    el('input', { id: 'decision-reason', name: 'reason' }),
    el('button', { type: 'submit', class: 'primary', text: '记录决定 Record' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const body = { decision: form.elements.decision.value, reason: form.elements.reason.value || undefined };
      await api(`/api/applications/${encodeURIComponent(receipt)}/decision`, { method: 'POST', body: JSON.stringify(body) });
      say(`已记录办理决定 ${receipt} / Decision recorded`);
      await showAudit(receipt);
    } catch (error) {
      say(error.message, true);
    }
  });
  return form;
}

function actions(commitment) {
  const cell = el('td', { class: 'actions' });
  const audit = el('button', { type: 'button', class: 'secondary audit', text: '办理记录 Audit' });
  audit.addEventListener('click', () => showAudit(commitment.receipt));
  cell.append(audit);
  if ((commitment.supplements || []).length) cell.append(supplements(commitment));
  if (commitment.status === 'fulfilled') {
    cell.append(el('span', { class: 'hash', text: commitment.fulfilled_sha256 || '' }));
    return cell;
  }
  if (commitment.status === 'terminated') {
    cell.append(el('span', { text: commitment.termination_reason || '' }));
    return cell;
  }
  if (!may('accept_material') || !may('terminate')) return cell;
  const hashId = `hash-${commitment.id}`;
  const fulfil = el('form', {},
    el('label', { for: hashId, class: 'visually-hidden', text: '材料文件 SHA-256 / File SHA-256' }),
    el('input', { id: hashId, name: 'sha256', required: 'required', pattern: '[0-9a-fA-F]{64}', placeholder: '材料文件 SHA-256' }),
    el('button', { type: 'submit', class: 'secondary', text: '登记履行 Fulfil' }));
  fulfil.addEventListener('submit', async (event) => {
    event.preventDefault();
    await change(commitment.id, 'fulfil', { sha256: fulfil.elements.sha256.value });
  });
  const reasonId = `reason-${commitment.id}`;
  const terminate = el('form', {},
    el('label', { for: reasonId, class: 'visually-hidden', text: '终止原因 / Reason' }),
    el('input', { id: reasonId, name: 'reason', required: 'required', placeholder: '终止原因 Reason' }),
    el('button', { type: 'submit', class: 'secondary', text: '终止办理 Terminate' }));
  terminate.addEventListener('submit', async (event) => {
    event.preventDefault();
    await change(commitment.id, 'terminate', { reason: terminate.elements.reason.value });
  });
  cell.append(fulfil, terminate);
  return cell;
}

async function change(id, action, body) {
  try {
    await api(`/api/commitments/${encodeURIComponent(id)}/${action}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    say(action === 'fulfil' ? `已登记履行 ${id} / Fulfilled` : `已终止 ${id} / Terminated`);
    await load();
  } catch (error) {
    say(error.message, true);
  }
}

function render(data) {
  const section = $('ledger');
  section.replaceChildren();
  // The server's calendar ends soon: say so above the list.
  const warning = data.calendar && data.calendar.warning;
  if (warning) section.append(el('p', { class: 'calendar-warning', role: 'alert', text: `${warning['zh-CN']} / ${warning.en}` }));
  if (data.commitments.length === 0) {
    section.append(el('p', { text: '没有符合条件的承诺。 No commitments.' }));
    return;
  }
  const head = el('tr', {}, ...['状态 Status', '到期日 Due', '受理编号 Receipt', '事项 Item', '一件事 Bundle', '类型 Kind', '材料 Materials', '承诺人 Signer', '处理 Action']
    .map((text) => el('th', { scope: 'col', text })));
  const rows = data.commitments.map((c) => el('tr', { 'data-id': c.id, 'data-status': c.status },
    el('td', {}, el('span', { class: `badge ${c.status}`, text: LABELS[c.status] || c.status })),
    el('td', { text: c.due || (c.due_pending_working_days ? `待定：受理后${c.due_pending_working_days}个工作日 / pending: ${c.due_pending_working_days} working days` : '—') }),
    el('td', { text: c.receipt }),
    el('td', { text: c.item.name }),
    // The bundle (一件事) this member application belongs to, if any.
    el('td', { class: 'bundle', text: c.bundle ? `${c.bundle.name}（${c.bundle.receipt}）` : '—' }),
    el('td', { text: KINDS[c.kind] || c.kind }),
    el('td', { text: (c.materials || []).map((m) => m.name).join('、') }),
    el('td', { text: c.signer || '' }),
    actions(c)));
  section.append(
    el('p', { text: `今天 Today: ${data.today} · 共 ${data.commitments.length} 条 commitments` }),
    el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)));
}

async function load() {
  const status = $('status').value;
  const query = status ? `?status=${encodeURIComponent(status)}` : '';
  try {
    render(await api(`/api/commitments${query}`));
  } catch (error) {
    $('ledger').replaceChildren();
    say(error.message, true);
    return;
  }
  await loadTimeliness();
}

const COUNTS = [
  ['decided_in_time', '时限内办结 In time'],
  ['decided_late', '超期办结 Late'],
  ['on_track', '办理中 On track'],
  ['due_soon', '临近到期 Due soon'],
  ['overdue', '超期未办结 Overdue'],
  ['undetermined', '待定 Undetermined'],
];
const LIMITS = [['promised', '承诺时限 Promised'], ['statutory', '法定时限 Statutory']];

/** The period asked for: `from=…&to=…` (the server's defaults when empty). */
function period() {
  const query = new URLSearchParams();
  if ($('from').value) query.set('from', $('from').value);
  if ($('to').value) query.set('to', $('to').value);
  return query;
}

/** GET /api/reports/timeliness for the period, as a table per item with the receipts to act on. */
async function loadTimeliness() {
  const section = $('timeliness-section');
  section.hidden = false;
  $('timeliness-csv').hidden = !may('export');
  $('ledger-csv').hidden = !may('export');
  let report;
  try {
    report = await api(`/api/reports/timeliness?${period()}`);
  } catch (error) {
    $('timeliness').replaceChildren(el('p', { class: 'error', text: error.message }));
    return;
  }
  if (!$('from').value) $('from').value = report.from;
  if (!$('to').value) $('to').value = report.to;
  const head = [el('tr', {},
    el('th', { scope: 'col', rowspan: '2', text: '事项 Item' }),
    el('th', { scope: 'col', rowspan: '2', text: '受理 Accepted' }),
    el('th', { scope: 'col', rowspan: '2', text: '已办结 Decided' }),
    ...LIMITS.map(([, label]) => el('th', { scope: 'colgroup', colspan: String(COUNTS.length), text: label }))),
  el('tr', {}, ...LIMITS.flatMap(() => COUNTS.map(([, label]) => el('th', { scope: 'col', text: label }))))];
  const rows = report.items.map((line) => el('tr', { 'data-item': line.item_code },
    el('th', { scope: 'row', text: line.item_code }),
    el('td', { class: 'accepted', text: String(line.accepted) }),
    el('td', { class: 'decided', text: String(line.decided) }),
    ...LIMITS.flatMap(([limit]) => COUNTS.map(([count]) => el('td', { 'data-count': `${limit}.${count}`, text: String(line[limit][count]) })))));
  const act = report.items.flatMap((line) => LIMITS.flatMap(([limit, label]) => [
    ...line[limit].overdue_receipts.map((receipt) => [receipt, `${label} · 超期未办结 Overdue`, 'overdue']),
    ...line[limit].due_soon_receipts.map((receipt) => [receipt, `${label} · 临近到期 Due soon`, 'due_soon']),
  ]));
  $('timeliness').replaceChildren(
    el('p', { text: `受理日期 Accepted ${report.from} – ${report.to} · 按 ${report.today} 计 judged on ${report.today}` }),
    report.items.length === 0
      ? el('p', { text: '这段时间没有受理的申请。 No applications accepted in the period.' })
      : el('table', { id: 'timeliness-table' }, el('thead', {}, ...head), el('tbody', {}, ...rows)),
    act.length === 0
      ? el('p', { id: 'to-act', text: '没有临近到期或超期未办结的申请。 Nothing due soon or overdue.' })
      : el('ul', { id: 'to-act' }, ...act.map(([receipt, label, status]) =>
        el('li', { 'data-receipt': receipt, 'data-status': status }, el('span', { class: `badge ${status}`, text: label }), ` ${receipt}`))));
}

/** Downloads a CSV export (the server audits it) under the name the server gives. */
async function download(path, fallback) {
  const response = await request(path);
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    say(body && body.error ? `${body.error.message} / ${body.error.message_en}` : `HTTP ${response.status}`, true);
    return;
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] || fallback;
  const link = el('a', { href: URL.createObjectURL(await response.blob()), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

$('period').addEventListener('submit', (event) => {
  event.preventDefault();
  loadTimeliness();
});
$('timeliness-csv').addEventListener('click', () => {
  const query = period();
  query.set('format', 'csv');
  download(`/api/reports/timeliness?${query}`, 'timeliness.csv');
});
$('ledger-csv').addEventListener('click', () => download('/api/commitments?format=csv', 'ledger.csv'));

async function whoAmI() {
  try {
    const me = await api('/api/officials/me');
    $('who-name').textContent = `已登录 Logged in: ${me.name}（${me.role_label ? `${me.role_label['zh-CN']} ${me.role_label.en}` : me.login}）`;
    permits = me.permits;
    $('who').hidden = false;
    $('account').hidden = true;
    return true;
  } catch {
    return false;
  }
}

$('account').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = $('account');
  const response = await fetch('/api/officials/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ login: form.elements.login.value, password: form.elements.password.value }),
  });
  const body = await response.json().catch(() => null);
  form.elements.password.value = '';
  if (!response.ok) {
    say(body && body.error ? `${body.error.message} / ${body.error.message_en}` : `HTTP ${response.status}`, true);
    return;
  }
  $('token').value = '';
  sessionStorage.removeItem('banli-official-token');
  say('');
  await whoAmI();
  await load();
});
$('logout').addEventListener('click', async () => {
  try {
    await api('/api/officials/logout', { method: 'POST', body: '{}' });
  } catch (error) {
    say(error.message, true);
  }
  permits = null;
  $('who').hidden = true;
  $('account').hidden = false;
  $('ledger').replaceChildren();
  $('audit').replaceChildren();
  $('timeliness-section').hidden = true;
});

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  // The shared token is sent instead of the session: it may do everything.
  if (token()) permits = null;
  sessionStorage.setItem('banli-official-token', token());
  say('');
  await load();
});
$('status').addEventListener('change', () => load());
const saved = sessionStorage.getItem('banli-official-token');
if (saved) {
  $('token').value = saved;
  load();
} else if (csrf() && await whoAmI()) {
  // A session from before a reload.
  load();
}
