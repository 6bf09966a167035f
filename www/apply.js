// The application page: embeds <banli-form> for the item named in the URL
// (?item=food-business-licence.json) or for a bundle (?bundle=CODE: the
// merged definition banli-server serves, which the form renders like an
// item), switches its language, and shows the envelope the portal receives
// on submit (as text, never as HTML). The portal, not the form, chooses
// where the envelope goes: /api/applications for an item,
// /api/bundle-applications for a bundle.
import { uploadHook } from '/upload-hook.js';

const params = new URLSearchParams(location.search);
const file = params.get('item') || 'food-business-licence.json';
const bundle = params.get('bundle');
const source = bundle ? `/api/bundles/${encodeURIComponent(bundle)}` : `/schemas/items/${encodeURIComponent(file)}`;
const submitUrl = bundle ? '/api/bundle-applications' : '/api/applications';
const slot = document.getElementById('form-slot');
const form = document.createElement('banli-form');
form.setAttribute('src', source);
form.setAttribute('lang', params.get('lang') === 'en' ? 'en' : 'zh-CN');
// Calendars: the files banli-server loaded beyond the built-in national
// calendar (next year's notice, regional files), so the form counts
// deadlines on the same days as the server; ?calendar=URL adds one more.
// ?accepted=YYYY-MM-DD fixes the acceptance date (rehearsals, tests).
const served = await fetch('/api/calendars').then((r) => (r.ok ? r.json() : { files: [] })).catch(() => ({ files: [] }));
form.calendars = [...served.files, ...params.getAll('calendar')];
if (params.get('accepted')) form.setAttribute('accepted-on', params.get('accepted'));
// ?large=1: the portal opens the form in large-text mode (大字模式).
if (params.get('large') === '1') form.setAttribute('large-text', '');
// ?prefill=1: the demo portal plays a signed-in applicant whose identity
// card is in the e-licence library (电子证照库).
if (params.get('prefill') === '1') {
  form.prefill = {
    data: { owner: { name: '刘长顺', id_number: '330122196609090112' } },
    provenance: {
      '/owner/id_number': { source: '居民身份证电子证照', locked: true },
      '/owner/name': { source: '居民身份证电子证照', locked: false },
    },
    materials: ['owner-id'],
  };
}
// The portal's upload hook (upload-hook.js, shared with 补交 on the
// application page).
form.uploadHook = uploadHook(params);
slot.append(form);

fetch(source).then((r) => r.json()).then((item) => {
  document.getElementById('title').textContent = `在线办理：${item.name}`;
  document.title = `${item.name} · 在线办理`;
}).catch(() => {});

const button = document.getElementById('switch-lang');
button.addEventListener('click', () => {
  const english = form.getAttribute('lang') !== 'en';
  form.setAttribute('lang', english ? 'en' : 'zh-CN');
  button.textContent = english ? '中文' : 'English';
});

// The portal's back end (banli-server) re-checks the envelope with the same
// core, sets the acceptance date and deadlines itself and answers with the
// receipt number (受理编号); a retry with the same key never makes two.
form.addEventListener('banli-submit', async (event) => {
  document.getElementById('envelope').textContent = JSON.stringify(event.detail, null, 2);
  document.getElementById('submitted').hidden = false;
  const receipt = document.getElementById('receipt');
  try {
    const response = await fetch(submitUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(event.detail),
    });
    const answer = await response.json();
    if (response.ok && bundle) {
      receipt.textContent = `一件事受理编号 Bundle receipt: ${answer.receipt}`;
      receipt.dataset.receipt = answer.receipt;
      await showBundleApplication(answer.receipt, answer.access_token);
    } else if (response.ok) {
      const due = answer.commitments.filter((c) => c.due).map((c) => c.due);
      receipt.textContent = `受理编号 Receipt: ${answer.receipt}` + (due.length ? `；容缺材料补齐期限 Deferred materials due: ${due.join(', ')}` : '');
      receipt.dataset.receipt = answer.receipt;
      // The applicant's page (补交, the decision) opens with the access
      // token kept for this tab only.
      sessionStorage.setItem(`banli-access:${answer.receipt}`, answer.access_token);
      const link = document.createElement('a');
      link.id = 'application-link';
      link.href = `/application.html?receipt=${encodeURIComponent(answer.receipt)}`;
      link.textContent = '查看申请与补交材料 View the application and hand in materials';
      receipt.append(' ', link);
    } else {
      // A bundle's report is per member: each member's errors, named by its item.
      const errors = answer.report?.members
        ? [...(answer.report.errors ?? []).map((e) => e.message),
          ...answer.report.members.flatMap((m) => m.report.errors.map((e) => `${m.name}：${e.message}`))].join('；')
        : answer.report?.errors?.map((e) => e.message).join('；') ?? answer.error?.message;
      receipt.textContent = `服务器未受理 Not accepted: ${errors}`;
    }
  } catch (error) {
    receipt.textContent = `提交到服务器失败 Could not reach the server: ${error.message}`;
  }
});

// The applicant's view of a bundle application, read back from the server
// with the access token: each member application with its own receipt,
// state, promised date and the materials it still awaits.
const STATES = { valid: '已受理 Accepted', valid_with_commitments: '已受理（容缺/承诺）Accepted with commitments' };
async function showBundleApplication(receipt, token) {
  const response = await fetch(`/api/bundle-applications/${encodeURIComponent(receipt)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const shown = await response.json();
  if (!response.ok) throw new Error(shown.error?.message ?? `HTTP ${response.status}`);
  const cell = (text) => { const td = document.createElement('td'); td.textContent = text; return td; };
  const head = document.createElement('tr');
  for (const title of ['事项 Item', '受理编号 Receipt', '状态 State', '承诺办结 Promised', '容缺材料补齐期限 Deferred due']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = title;
    head.append(th);
  }
  const rows = shown.members.map((member) => {
    const row = document.createElement('tr');
    row.dataset.key = member.key;
    const due = member.commitments.filter((c) => c.due)
      .map((c) => `${c.due}（${c.materials.map((m) => m.name).join('、')}）`).join('；');
    row.append(cell(member.item.name), cell(member.receipt), cell(STATES[member.status] ?? member.status),
      cell(member.deadlines.promised ?? '—'), cell(due || '—'));
    return row;
  });
  const table = document.createElement('table');
  table.className = 'members';
  table.id = 'member-applications';
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  tbody.append(...rows);
  table.append(thead, tbody);
  const heading = document.createElement('h2');
  heading.textContent = `各事项的申请 Member applications（${shown.members.length}）`;
  document.getElementById('members').replaceChildren(heading, table);
}
