// The application page: embeds <banli-form> for the item named in the URL
// (?item=food-business-licence.json), switches its language, and shows the
// envelope the portal receives on submit (as text, never as HTML).
const params = new URLSearchParams(location.search);
const file = params.get('item') || 'food-business-licence.json';
const slot = document.getElementById('form-slot');
const form = document.createElement('banli-form');
form.setAttribute('src', `/schemas/items/${encodeURIComponent(file)}`);
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
// The portal's upload hook: a real portal sends the file to its own
// storage; the demo keeps a note of it. ?upload=fail plays a failed upload.
window.demoUploads = [];
form.uploadHook = async (file, materialId) => {
  if (params.get('upload') === 'fail') throw new Error('演示：存储服务暂不可用 / demo: storage unavailable');
  window.demoUploads.push({ materialId, name: file.name, size: file.size, type: file.type });
};
slot.append(form);

fetch(`/schemas/items/${encodeURIComponent(file)}`).then((r) => r.json()).then((item) => {
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
    const response = await fetch('/api/applications', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(event.detail),
    });
    const answer = await response.json();
    if (response.ok) {
      const due = answer.commitments.filter((c) => c.due).map((c) => c.due);
      receipt.textContent = `受理编号 Receipt: ${answer.receipt}` + (due.length ? `；容缺材料补齐期限 Deferred materials due: ${due.join(', ')}` : '');
      receipt.dataset.receipt = answer.receipt;
    } else {
      const errors = answer.report?.errors?.map((e) => e.message).join('；') ?? answer.error?.message;
      receipt.textContent = `服务器未受理 Not accepted: ${errors}`;
    }
  } catch (error) {
    receipt.textContent = `提交到服务器失败 Could not reach the server: ${error.message}`;
  }
});
