// <banli-form src="/items/x.json" lang="zh-CN"> and mount(element, options):
// the banli application form for any page, framework or none, as one ES
// module. The form lives in a shadow root, so the page's CSS and the form's
// do not touch each other; theme it with CSS custom properties on the
// element (--banli-color-primary, --banli-font-size, --banli-radius, ...).
//
// Events (on the element, bubbling, composed):
//   banli-submit  detail: the submission envelope (object)
//   banli-change  detail: { data } — the form data as it would be submitted
//   banli-draft-restored  detail: { version, current_version, version_changed, breaking }
//
// Drafts are saved in localStorage as the applicant types (key
// banli-draft:<item code>) and offered back on the next visit; pass
// drafts: false (attribute drafts="off") to turn that off. largeText: true
// (attribute large-text) opens the form in large-text mode (大字模式).
//
// Uploads: files are checked against the material's accept types and size
// limit, hashed (SHA-256) in the browser, and handed to the host's upload
// hook (option uploadHook, or the element's uploadHook property, set before
// the element is connected): (file, materialId) => Promise. A rejected
// promise shows "上传失败" and the file is not counted as provided.
//
// Calendars: deadlines are counted in working days on the official holiday
// calendar. banli has the national calendar built in; a portal adds next
// year's notice (or a regional calendar) without a new release by
// publishing the banli-calendar/1 file and passing its URL: option
// calendars: ['/schemas/calendars/cn-2027.json'] (URLs or calendar
// objects), the element's calendars property (set before it is connected),
// or the attribute calendars="url1 url2". Until a year is loaded,
// a deadline in it is shown as pending (待定), never guessed. acceptedOn:
// 'YYYY-MM-DD' (attribute accepted-on) fixes the acceptance date the
// deadlines are counted from; the default is today in China.
//
// Prefill (预填) with provenance, as the option or the element's `prefill`
// property: { data: {...}, provenance: { '/owner/id_number': { source:
// '居民身份证电子证照', locked: true } }, materials: ['owner-id'] }. Fields
// show their source; locked ones cannot be changed; listed materials that
// come from government data are shown as 已通过电子证照获取 (shared).
//
// Loading: evaluating this module starts the downloads at once — the wasm
// (compiled as it streams in), the wasm-bindgen glue and the stylesheet (a
// <link rel="preload"> it adds to the document's <head>) — so they travel
// in parallel with the page's own work and the form definition, and
// mount() only waits for what is still in flight; it never fetches them a
// second time. A page can start them even earlier with hints in its <head>
// (README, "Loading early"); importing this module without mounting a form
// still downloads the wasm.
//
// Two wasm modules: the view (banli_widget_bg.wasm) reads the definition,
// lays out the form and paints it; the schema engine
// (banli_widget_engine_bg.wasm) is fetched once the first form is mounted,
// so it never shares the connection or the processor with the view before
// the form is painted. The form is typeable
// as soon as the view is mounted; until the engine is there no field is
// shown as wrong, and Next, Submit or restoring a draft wait for it
// ("正在准备校验"), then go on with its verdict.
const moduleBase = new URL('.', import.meta.url);
// `cargo xtask build` writes the SHA-384 of the wasm module and of the
// stylesheet here, so a tampered copy on a CDN or proxy is refused.
const WASM_INTEGRITY = '__BANLI_WASM_INTEGRITY__';
const CSS_INTEGRITY = '__BANLI_CSS_INTEGRITY__';
const ENGINE_INTEGRITY = '__BANLI_ENGINE_INTEGRITY__';
const sealed = (hash) => (hash.startsWith('sha384-') ? hash : undefined);
const WASM_URL = new URL('banli_widget_bg.wasm', moduleBase);
const CSS_URL = new URL('banli-form.css', moduleBase);
const ENGINE_URL = new URL('banli_widget_engine_bg.wasm', moduleBase);

// Not a static import: the module graph would then hold back this module's
// evaluation, and with it the wasm request, until the glue had arrived.
const glue = import('./banli_widget.js');
const compiled = compileWasm(WASM_URL, WASM_INTEGRITY);
// A failure is reported by mount() (banli-error), not as an unhandled
// rejection of a page that has not mounted a form yet.
glue.catch(() => {});
compiled.catch(() => {});
preloadStylesheet();

async function compileWasm(url, hash) {
  const integrity = sealed(hash);
  const response = await fetch(url, integrity ? { integrity } : {});
  if (!response.ok) throw new Error(`banli-form: ${url} answered ${response.status}`);
  if (response.headers.get('Content-Type')?.split(';')[0].trim() === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  // compileStreaming refuses any other type; the bytes are still good.
  console.warn(`banli-form: ${url} is not served as application/wasm, so it is compiled only after it has arrived`);
  return WebAssembly.compile(await response.arrayBuffer());
}

let engine;
/** The engine module's EngineItem class, once instantiated; started by the
 *  first mount, shared by every form of the page. */
function loadEngine() {
  engine ??= instantiateEngine();
  return engine;
}

async function instantiateEngine() {
  try {
    const [{ default: init, EngineItem }, module] = await Promise.all([
      import('./banli_widget_engine.js'), compileWasm(ENGINE_URL, ENGINE_INTEGRITY),
    ]);
    await init({ module_or_path: module });
    return EngineItem;
  } catch (error) {
    // A browser's own words ("Failed to fetch") do not say what failed.
    throw new Error(`banli-form: the checks (${ENGINE_URL}) could not be loaded: ${error.message}`);
  }
}

// The stylesheet itself is a <link> inside each form's shadow root, made at
// mount(); a preload with the same URL, integrity and CORS mode is what
// that link then takes instead of requesting it again.
function preloadStylesheet() {
  const integrity = sealed(CSS_INTEGRITY);
  // The page's own hint counts only if the link can take it: Chromium
  // refuses a preload whose integrity or CORS mode differs (and fetches
  // again).
  const present = [...document.querySelectorAll('link[rel="preload"][as="style"]')]
    .some((link) => link.href === CSS_URL.href && link.integrity === (integrity ?? '')
      && link.crossOrigin === (integrity ? 'anonymous' : null));
  if (present) return;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'style';
  link.href = CSS_URL.href;
  if (integrity) {
    link.integrity = integrity;
    link.crossOrigin = 'anonymous';
  }
  (document.head ?? document.documentElement).append(link);
}

let ready;
/** The glue's mountForm, once the wasm is compiled and instantiated. */
function initialise() {
  ready ??= Promise.all([glue, compiled]).then(async ([{ default: init, mountForm }, module]) => {
    await init({ module_or_path: module });
    return mountForm;
  });
  return ready;
}

async function loadDefinition(options) {
  if (options.bundle) {
    // A merged bundle definition (what GET /api/bundles/CODE serves, or
    // `banli bundle` writes): rendered like an item; its `members` tell the
    // form which members use a material and apply to the answers.
    const bundle = typeof options.bundle === 'string' ? JSON.parse(options.bundle) : options.bundle;
    if (!Array.isArray(bundle?.members)) {
      throw new Error('banli-form: bundle must be a merged bundle definition (with members), such as GET /api/bundles/CODE serves');
    }
    return JSON.stringify(bundle);
  }
  if (options.definition) {
    return typeof options.definition === 'string' ? options.definition : JSON.stringify(options.definition);
  }
  if (!options.src) throw new Error('banli-form: give a src (URL of the item definition), a definition or a bundle');
  const response = await fetch(options.src, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`banli-form: ${options.src} answered ${response.status}`);
  return response.text();
}

async function loadCalendars(calendars = []) {
  return Promise.all(calendars.map(async (entry, i) => {
    if (typeof entry !== 'string') {
      return { name: `calendars[${i}]`, text: JSON.stringify(entry) };
    }
    const response = await fetch(entry, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`banli-form: calendar ${entry} answered ${response.status}`);
    return { name: entry, text: await response.text() };
  }));
}

function shadowContainer(host) {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = CSS_URL.href;
  const cssIntegrity = sealed(CSS_INTEGRITY);
  if (cssIntegrity) {
    style.integrity = cssIntegrity;
    style.crossOrigin = 'anonymous';
  }
  const container = document.createElement('div');
  container.className = 'banli-root';
  shadow.append(style, container);
  return { container, styled: stylesheetReady(style) };
}

// The form is mounted once its stylesheet has arrived (or failed: then it
// works unstyled), so an applicant never sees it flash unstyled and a
// script that waits for the form finds it styled.
function stylesheetReady(link) {
  return new Promise((resolve) => {
    if (link.sheet) resolve();
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
}

/**
 * Mounts a form into `element` (inside a shadow root of it).
 * options: { src?: string, definition?: string|object,
 *            bundle?: string|object (a merged bundle definition, as
 *            GET /api/bundles/CODE serves it), lang?: 'zh-CN'|'en',
 *            drafts?: boolean (default true), largeText?: boolean (default false),
 *            prefill?: { data?, provenance?, materials? },
 *            calendars?: Array<string|object> (URLs or banli-calendar/1 objects),
 *            acceptedOn?: 'YYYY-MM-DD',
 *            uploadHook?: (file: File, materialId: string) => Promise<unknown>,
 *            onSubmit?: (envelope) => void, onChange?: (data) => void,
 *            onDraftRestored?: (detail) => void }
 * Resolves once the form is painted and typeable, with { setLang(lang),
 * destroy(), checks }: checks is a promise that resolves once the schema
 * engine is in and the form judges what is entered (rejects, and the form
 * shows why, when it cannot load).
 */
export async function mount(element, options = {}) {
  const [mountForm, definition, calendars] = await Promise.all([
    initialise(), loadDefinition(options), loadCalendars(options.calendars),
  ]);
  const { container, styled } = shadowContainer(element);
  await styled;
  const emit = (name, detail) => element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  const handle = mountForm(
    container,
    definition,
    options.lang ?? 'zh-CN',
    JSON.stringify({
      drafts: options.drafts ?? true,
      largeText: options.largeText ?? false,
      prefill: options.prefill ?? null,
      calendars,
      acceptedOn: options.acceptedOn ?? null,
    }),
    (envelope) => {
      const value = JSON.parse(envelope);
      emit('banli-submit', value);
      options.onSubmit?.(value);
    },
    (data) => {
      const value = JSON.parse(data);
      emit('banli-change', { data: value });
      options.onChange?.(value);
    },
    (detail) => {
      const value = JSON.parse(detail);
      emit('banli-draft-restored', value);
      options.onDraftRestored?.(value);
    },
    options.uploadHook ?? undefined,
  );
  let destroyed = false;
  // Requested now that the form is rendered: its frame is painted while
  // the engine is still on its way.
  const checks = loadEngine().then((EngineItem) => {
    if (!destroyed) handle.setEngine(new EngineItem(definition));
  });
  checks.catch((error) => {
    if (destroyed) return;
    // Without its engine the form cannot judge anything: say so where the
    // form was, as when it cannot load at all.
    handle.destroy();
    showError(element, error);
  });
  return {
    setLang: (lang) => handle.setLang(lang),
    destroy: () => { destroyed = true; handle.destroy(); container.remove(); },
    checks,
  };
}

/** The form replaced by why it cannot be used, and banli-error. */
function showError(element, error) {
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `申请表无法加载 / The form cannot be loaded: ${error.message}`;
  shadow.replaceChildren(message);
  element.dispatchEvent(new CustomEvent('banli-error', { detail: { message: error.message }, bubbles: true, composed: true }));
}

class BanliForm extends HTMLElement {
  static get observedAttributes() { return ['src', 'lang', 'drafts', 'large-text', 'calendars', 'accepted-on']; }

  connectedCallback() {
    // A prefill set before the element was upgraded is an own property.
    if (Object.hasOwn(this, 'prefill')) {
      const value = this.prefill;
      delete this.prefill;
      this.#prefill = value;
    }
    this.#connected = true;
    this.#render();
  }

  /** The host's prefill (see above); setting it re-renders the form. */
  get prefill() { return this.#prefill; }

  set prefill(value) {
    this.#prefill = value;
    if (this.isConnected) this.#render();
  }

  #prefill = null;

  // Not isConnected: an element upgraded in place is connected while its
  // attributes are reported, before connectedCallback renders it — it
  // mounted once per attribute and once more, and each mount removed the
  // previous one's stylesheet link before it loaded, leaving it pending.
  #connected = false;

  disconnectedCallback() { this.#connected = false; this.form?.destroy(); this.form = undefined; }

  attributeChangedCallback(name, before, after) {
    if (!this.#connected || before === after) return;
    if (name === 'lang' && this.form) this.form.setLang(after || 'zh-CN');
    else this.#render();
  }

  async #render() {
    this.form?.destroy();
    const src = this.getAttribute('src');
    if (!src) return;
    try {
      this.form = await mount(this, {
        src,
        lang: this.getAttribute('lang') || 'zh-CN',
        drafts: this.getAttribute('drafts') !== 'off',
        largeText: this.hasAttribute('large-text') && this.getAttribute('large-text') !== 'false',
        prefill: this.#prefill,
        calendars: this.calendars ?? (this.getAttribute('calendars') ?? '').split(/\s+/).filter(Boolean),
        acceptedOn: this.getAttribute('accepted-on') || undefined,
        uploadHook: this.uploadHook,
      });
      this.dispatchEvent(new CustomEvent('banli-ready', { bubbles: true, composed: true }));
    } catch (error) {
      showError(this, error);
    }
  }
}

if (!customElements.get('banli-form')) customElements.define('banli-form', BanliForm);
