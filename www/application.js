// The applicant's view of an application (GET /api/applications/{receipt}
// with the access token): the decision once made, and each deferred
// material with its due date, what was handed in, and every return with its
// reason. 补交: a file goes through the portal's upload hook (the one the
// form uses), its SHA-256 is computed here as the widget does, and the file
// reference is sent to POST …/materials/{id}/supplements. Every text from
// the server is written with textContent, never as HTML.
import { uploadHook, sha256Hex } from '/upload-hook.js';

const params = new URLSearchParams(location.search);
const hook = uploadHook(params);
const $ = (id) => document.getElementById(id);
const STATUS = {
  pending: '待补交 Pending', due_soon: '即将到期 Due soon', overdue: '已逾期 Overdue',
  undetermined: '期限待定 Undetermined', fulfilled: '已补齐 Fulfilled', terminated: '已终止 Terminated',
};
const LATENESS = { on_time: '按期 On time', late: '逾期补交 Late', undetermined: '期限待定 Undetermined' };

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

function say(text, isError = false) {
  $('message').textContent = text;
  $('message').className = isError ? 'error' : '';
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { Authorization: `Bearer ${$('token').value.trim()}`, 'Content-Type': 'application/json' },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body && body.error;
    throw new Error(error ? `${error.message} / ${error.message_en}` : `HTTP ${response.status}`);
  }
  return body;
}

function upload(application, material) {
  const inputId = `file-${material.id}`;
  const form = el('form', { class: 'supplement', 'data-material': material.id },
    el('label', { for: inputId, text: `补交“${material.name}” Hand in` }),
    el('input', { id: inputId, name: 'file', type: 'file', required: 'required' }),
    el('button', { type: 'submit', class: 'primary', text: '补交 Upload' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = form.elements.file.files[0];
    if (!file) return;
    try {
      await hook(file, material.id);
      const reference = { name: file.name, size: file.size, sha256: await sha256Hex(file), type: file.type };
      const path = `/api/applications/${encodeURIComponent(application.receipt)}/materials/${encodeURIComponent(material.id)}/supplements`;
      await api(path, { method: 'POST', body: JSON.stringify(reference) });
      say(`已补交 ${file.name} / Handed in`);
      await load();
    } catch (error) {
      say(error.message, true);
    }
  });
  return form;
}

function render(application) {
  const section = $('application');
  const parts = [
    el('h2', { text: `${application.item.name}（${application.receipt}）` }),
    el('p', { text: `受理日期 Accepted on: ${application.accepted_on} · 承诺办结 Promised: ${application.deadlines.promised ?? '—'}` }),
  ];
  if (application.decision) {
    const d = application.decision;
    parts.push(el('p', { id: 'decision', class: 'receipt',
      text: `办理决定 Decision: ${d.label['zh-CN']} ${d.label.en}（${d.decided_on}）${d.reason ? `：${d.reason}` : ''}` }));
  }
  for (const material of application.deferred_materials) {
    const uploads = material.uploads.map((u) => el('li', { 'data-n': String(u.n), 'data-state': u.state },
      el('span', { text: `#${u.n} ${u.file.name} · ${u.state_label['zh-CN']} ${u.state_label.en} · ${LATENESS[u.lateness] ?? u.lateness}` }),
      u.return_reason ? el('span', { class: 'return-reason', text: ` · 退回原因 Reason: ${u.return_reason}` }) : ''));
    const waiting = material.uploads.some((u) => u.state === 'submitted');
    const accepted = material.uploads.some((u) => u.state === 'accepted');
    const open = !['fulfilled', 'terminated'].includes(material.status) && !waiting && !accepted;
    parts.push(el('section', { class: 'deferred', 'data-material': material.id, 'data-status': material.status },
      el('h3', { text: material.name }),
      el('p', { text: `补齐期限 Due: ${material.due ?? '待定 pending'} · ${STATUS[material.status] ?? material.status}` }),
      el('ul', {}, ...uploads),
      open ? upload(application, material) : ''));
  }
  if (application.deferred_materials.length === 0) parts.push(el('p', { text: '没有需要补交的材料。 Nothing to hand in.' }));
  section.replaceChildren(...parts);
}

async function load() {
  const receipt = $('receipt').value.trim();
  try {
    render(await api(`/api/applications/${encodeURIComponent(receipt)}`));
  } catch (error) {
    $('application').replaceChildren();
    say(error.message, true);
  }
}

$('open').addEventListener('submit', async (event) => {
  event.preventDefault();
  say('');
  await load();
});
// Opened from the receipt after submitting: the token kept for this tab.
const receipt = params.get('receipt');
if (receipt) {
  $('receipt').value = receipt;
  const token = sessionStorage.getItem(`banli-access:${receipt}`);
  if (token) {
    $('token').value = token;
    load();
  }
}
