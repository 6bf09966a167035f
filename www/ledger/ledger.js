// The officials' ledger page: lists commitments from GET /api/commitments
// (overdue first, as the server sorts them) and fulfils or terminates them.
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

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body && body.error;
    throw new Error(error ? `${error.message} / ${error.message_en}` : `HTTP ${response.status}`);
  }
  return body;
}

function actions(commitment) {
  const cell = el('td', { class: 'actions' });
  if (commitment.status === 'fulfilled') {
    cell.append(el('span', { class: 'hash', text: commitment.fulfilled_sha256 || '' }));
    return cell;
  }
  if (commitment.status === 'terminated') {
    cell.append(el('span', { text: commitment.termination_reason || '' }));
    return cell;
  }
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
  }
}

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  sessionStorage.setItem('banli-official-token', token());
  say('');
  await load();
});
$('status').addEventListener('change', () => { if (token()) load(); });
const saved = sessionStorage.getItem('banli-official-token');
if (saved) {
  $('token').value = saved;
  load();
}
