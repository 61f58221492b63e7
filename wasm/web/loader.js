// silkmap web shell: creates window.silkmap, streams the wasm with a
// progress bar, and keeps the keys the map does not use for the page.
(() => {
  'use strict';
  const script = document.currentScript;
  const overlay = document.getElementById('silkmap-loading');
  const fill = overlay && overlay.querySelector('.fill');
  const listeners = {};
  let resolve, reject;

  // The page API. Methods the map provides (getView, getSelection, select,
  // setView, stats) are added by the wasm side before `ready` resolves.
  const api = window.silkmap = {
    ready: new Promise((res, rej) => { resolve = res; reject = rej; }),
    on(event, fn) { (listeners[event] = listeners[event] || []).push(fn); return api; },
    off(event, fn) { listeners[event] = (listeners[event] || []).filter((f) => f !== fn); return api; },
    _resolve() { if (overlay) overlay.classList.add('done'); resolve(api); },
    _reject(message) { showError(message); reject(new Error(message)); },
    _emit(event, value) {
      for (const fn of listeners[event] || []) {
        try { fn(value); } catch (e) { console.error(e); }
      }
    },
  };

  function showError(message) {
    if (!overlay) return;
    const p = overlay.querySelector('.error');
    p.textContent = 'The map could not start: ' + message;
    p.hidden = false;
  }

  // Ebitengine calls preventDefault on every key that reaches its canvas,
  // so Tab would never leave the map. Keys the map does not use, and every
  // shortcut with a modifier, are stopped on their way down (capture phase)
  // and so keep their normal meaning for the page.
  const mapKeys = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', '+', '=', '-', 'Escape']);
  for (const type of ['keydown', 'keyup']) {
    window.addEventListener(type, (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || !mapKeys.has(e.key)) e.stopPropagation();
    }, true);
  }

  async function start() {
    const url = script.dataset.wasm;
    const size = Number(script.dataset.wasmSize) || 0;
    const resp = await fetch(url);
    if (!resp.ok) throw new Error(url + ': HTTP ' + resp.status);
    let bytes;
    if (resp.body && size > 0) {
      const reader = resp.body.getReader();
      const buf = new Uint8Array(size);
      let got = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (got + value.length > buf.length) throw new Error(url + ': larger than announced');
        buf.set(value, got);
        got += value.length;
        const pct = Math.min(100, Math.round(100 * got / size));
        if (fill) fill.style.width = pct + '%';
        if (overlay) overlay.setAttribute('aria-valuenow', String(pct));
      }
      bytes = buf.subarray(0, got);
    } else {
      bytes = new Uint8Array(await resp.arrayBuffer());
    }
    const go = new Go();
    const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
    go.run(instance).then(() => api._reject('the map stopped'));
  }

  // The URL follows the reader: the fragment is the view, rewritten in
  // place (no history entries) once the map has been still for a moment.
  let pending = 0;
  const follow = () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      const frag = '#' + api.getFragment();
      if (location.hash !== frag) history.replaceState(history.state, '', frag);
    }, 300);
  };
  api.on('view', follow).on('select', follow);
  window.addEventListener('hashchange', () => {
    if (api.getFragment && location.hash.slice(1) !== api.getFragment()) api.setView(location.hash);
  });

  if (!window.WebAssembly) {
    api._reject('this browser has no WebAssembly');
    return;
  }
  start().catch((e) => api._reject(String(e && e.message || e)));
})();
