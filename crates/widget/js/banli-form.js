// <banli-form src="/items/x.json" lang="zh-CN"> and mount(element, options):
// the banli application form for any page, framework or none, as one ES
// module. The form lives in a shadow root, so the page's CSS and the form's
// do not touch each other; theme it with CSS custom properties on the
// element (--banli-color-primary, --banli-font-size, --banli-radius, ...).
//
// Events (on the element, bubbling, composed):
//   banli-submit  detail: the submission envelope (object)
//   banli-change  detail: { data } — the form data as it would be submitted
import init, { mountForm } from './banli_widget.js';

const moduleBase = new URL('.', import.meta.url);
// `cargo xtask build` writes the SHA-384 of the wasm module and of the
// stylesheet here, so a tampered copy on a CDN or proxy is refused.
const WASM_INTEGRITY = '__BANLI_WASM_INTEGRITY__';
const CSS_INTEGRITY = '__BANLI_CSS_INTEGRITY__';
const sealed = (hash) => (hash.startsWith('sha384-') ? hash : undefined);

let ready;
function initialise() {
  const wasm = new URL('banli_widget_bg.wasm', moduleBase);
  const integrity = sealed(WASM_INTEGRITY);
  ready ??= init({ module_or_path: integrity ? fetch(wasm, { integrity }) : wasm });
  return ready;
}

async function loadDefinition(options) {
  if (options.definition) {
    return typeof options.definition === 'string' ? options.definition : JSON.stringify(options.definition);
  }
  if (!options.src) throw new Error('banli-form: give a src (URL of the item definition) or a definition');
  const response = await fetch(options.src, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`banli-form: ${options.src} answered ${response.status}`);
  return response.text();
}

function shadowContainer(host) {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL('banli-form.css', moduleBase).href;
  const cssIntegrity = sealed(CSS_INTEGRITY);
  if (cssIntegrity) {
    style.integrity = cssIntegrity;
    style.crossOrigin = 'anonymous';
  }
  const container = document.createElement('div');
  container.className = 'banli-root';
  shadow.append(style, container);
  return container;
}

/**
 * Mounts a form into `element` (inside a shadow root of it).
 * options: { src?: string, definition?: string|object, lang?: 'zh-CN'|'en',
 *            onSubmit?: (envelope) => void, onChange?: (data) => void }
 * Returns { setLang(lang), destroy() }.
 */
export async function mount(element, options = {}) {
  await initialise();
  const definition = await loadDefinition(options);
  const container = shadowContainer(element);
  const emit = (name, detail) => element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  const handle = mountForm(
    container,
    definition,
    options.lang ?? 'zh-CN',
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
  );
  return {
    setLang: (lang) => handle.setLang(lang),
    destroy: () => { handle.destroy(); container.remove(); },
  };
}

class BanliForm extends HTMLElement {
  static get observedAttributes() { return ['src', 'lang']; }

  connectedCallback() { this.#render(); }

  disconnectedCallback() { this.form?.destroy(); this.form = undefined; }

  attributeChangedCallback(name, before, after) {
    if (!this.isConnected || before === after) return;
    if (name === 'lang' && this.form) this.form.setLang(after || 'zh-CN');
    else this.#render();
  }

  async #render() {
    this.form?.destroy();
    const src = this.getAttribute('src');
    if (!src) return;
    try {
      this.form = await mount(this, { src, lang: this.getAttribute('lang') || 'zh-CN' });
      this.dispatchEvent(new CustomEvent('banli-ready', { bubbles: true, composed: true }));
    } catch (error) {
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      const message = document.createElement('p');
      message.setAttribute('role', 'alert');
      message.textContent = `申请表无法加载 / The form cannot be loaded: ${error.message}`;
      shadow.replaceChildren(message);
      this.dispatchEvent(new CustomEvent('banli-error', { detail: { message: error.message }, bubbles: true, composed: true }));
    }
  }
}

if (!customElements.get('banli-form')) customElements.define('banli-form', BanliForm);
