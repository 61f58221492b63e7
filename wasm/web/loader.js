// silkmap web shell: creates window.silkmap (and window.silkmapShell, the
// page's private channel to the map), shows a poster of the view while the
// wasm streams in and compiles, and keeps the keys the map does not use for
// the page. Until the poster is on screen the page is the poster alone
// (index.html): the rest of the page, its stylesheets and its scripts come
// once it is.
(() => {
  'use strict';
  const script = document.currentScript;
  const overlay = document.getElementById('silkmap-loading');
  const listeners = {};
  let resolveReady, rejectReady;
  const params = new URLSearchParams(location.search);

  // The reader's language: ?lang=xx, else the one chosen on the page
  // before (remembered), else the first of the browser's the map speaks,
  // else English. silkmap-web writes the languages over the empty table:
  // each one's bundle (words and country names) and fonts, fetched only
  // when it is chosen.
  const langs = /* languages */{};
  const known = (l) => l === 'en' || Object.prototype.hasOwnProperty.call(langs, l);
  const lang = (() => {
    let saved = null;
    try { saved = localStorage.getItem('silkmap.lang'); } catch (e) { /* storage refused */ }
    for (const l of [params.get('lang'), saved, ...(navigator.languages || [navigator.language])]) {
      const c = String(l || '').slice(0, 2).toLowerCase();
      if (l && known(c)) return c;
    }
    return 'en';
  })();
  document.documentElement.lang = lang;

  // The theme (mapdata/style's): ?theme=light|dark|projector, else the one
  // chosen on the page (remembered), else the system's (prefers-color-
  // scheme, followed as it changes). The page's colours follow
  // <html data-theme>, the map's the shell's setTheme.
  const themes = ['light', 'dark', 'projector'];
  const systemDark = matchMedia('(prefers-color-scheme: dark)');
  let themeChoice = (() => {
    let saved = null;
    try { saved = localStorage.getItem('silkmap.theme'); } catch (e) { /* storage refused */ }
    return [params.get('theme'), saved].find((t) => themes.includes(t)) || 'auto';
  })();
  function applyTheme() {
    const t = themeChoice === 'auto' ? (systemDark.matches ? 'dark' : 'light') : themeChoice;
    document.documentElement.dataset.theme = t;
    if (shell.theme !== t && shell.setTheme) shell.setTheme(t);
    shell.theme = t;
  }
  systemDark.addEventListener('change', () => { if (themeChoice === 'auto') applyTheme(); });
  let words = {}, plural = 'en', dates = null;
  const fill = (s, args) => s.replace(/\{(\d)\}/g, (m, i) => (i < args.length ? args[i] : m));
  // why is an error's text, for the reader and for a parent page.
  const why = (e) => String(e && e.message || e);
  // get fetches a file of the bundle as an ArrayBuffer.
  const get = (f) => fetch(f).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(f + ': HTTP ' + r.status))));

  // The page API: exactly what docs/embedding.md's "Page API" documents. The map
  // adds its methods (getView, select, setView, …: package pageapi's
  // table) before `ready` resolves.
  const api = window.silkmap = {
    ready: new Promise((res, rej) => { resolveReady = res; rejectReady = rej; }),
    on(event, fn) { (listeners[event] = listeners[event] || []).push(fn); return api; },
    off(event, fn) { listeners[event] = (listeners[event] || []).filter((f) => f !== fn); return api; },
  };
  // The page's own channel to the map (this loader, ui.js and the wasm):
  // an object of its own, so that window.silkmap holds only what other
  // pages may rely on, in every listing of it (Object.keys, for…in, the
  // console's completion), while this changes with the page. The map adds
  // the page's methods (getInfo, search, reserve, …) here.
  const shell = window.silkmapShell = {
    resolve() {
      // Called from the map's first Draw. Ebitengine issues that frame's
      // WebGL commands (compiling its shaders on the way) once Draw has
      // returned, in the same task; a microtask runs after them.
      Promise.resolve().then(() => {
        // A User Timing mark, so that any harness can read when the map came up.
        if (window.performance && performance.mark) performance.mark('silkmap:first-frame');
        if (overlay) overlay.classList.add('done');
        fixCanvas();
        resolveReady(api);
      });
    },
    reject(message) { showError(message); rejectReady(new Error(message)); },
    emit(event, value) {
      for (const fn of listeners[event] || []) {
        try { fn(value); } catch (e) { console.error(e); }
      }
    },
    lang, langs,
    // The 1:10m detail's index (silkmap-web writes its name) and a way to
    // fetch it and its files: the map does, zoomed in.
    detail: /* detail */'',
    fetchAll: (files) => Promise.all(files.map(get)),
    // t is a page string in the reader's language, keyed by its English
    // text, with {0}, {1}, … filled in; n chooses a count's form ("|").
    t: (key, ...args) => fill(words[key] || key, args),
    n(key, count) {
      const forms = (words[key] || key).split('|');
      const c = count % 10, h = count % 100;
      const i = words[key] && plural === 'ru' ? (c === 1 && h !== 11 ? 0 : c >= 2 && c <= 4 && (h < 12 || h > 14) ? 1 : 2)
        : words[key] && plural === 'none' ? 0 : (count === 1 ? 0 : 1);
      return fill(forms[Math.min(i, forms.length - 1)], [String(count)]);
    },
    // date writes YYYY-MM-DD (or YYYY-MM, YYYY) as the language does.
    date(d) {
      const p = dates && d && ({ 10: dates.day, 7: dates.month, 4: dates.year })[d.length];
      return p ? p.replace('{y}', d.slice(0, 4)).replace('{m}', d.slice(5, 7)).replace('{d}', d.slice(8, 10)) : d;
    },
    // posterURL is the server's picture of the view frag at the window's
    // size (scale 2: for print), in the page's theme, of the content as
    // served: the content's version (silkmap serve names it) keeps a
    // browser from showing a picture of content since replaced.
    posterURL(frag, scale) {
      const w = Math.min(2048, Math.max(16, Math.round(innerWidth))), h = Math.min(2048, Math.max(16, Math.round(innerHeight)));
      const version = document.querySelector('meta[name="silkmap-content"]');
      return 'poster.jpg?view=' + encodeURIComponent(frag) + '&size=' + w + 'x' + h + (scale !== 1 ? '&scale=' + scale : '') +
        (shell.theme !== 'light' ? '&theme=' + shell.theme : '') + (version ? '&c=' + encodeURIComponent(version.content) : '');
    },
    // The theme chosen: 'auto' (the system's), or one of themes.
    themeChoice: () => themeChoice,
    // chooseTheme is the page's chooser: the choice is remembered, and the
    // address's ?theme= follows it.
    chooseTheme(c) {
      themeChoice = themes.includes(c) ? c : 'auto';
      try {
        if (themeChoice === 'auto') localStorage.removeItem('silkmap.theme');
        else localStorage.setItem('silkmap.theme', themeChoice);
      } catch (e) { /* storage refused */ }
      const u = new URL(location.href);
      if (u.searchParams.has('theme')) {
        if (themeChoice === 'auto') u.searchParams.delete('theme');
        else u.searchParams.set('theme', themeChoice);
        history.replaceState(history.state, '', u.toString());
      }
      applyTheme();
    },
  };
  applyTheme();
  const t = shell.t;
  // The language's words and fonts, fetched once the poster is on screen
  // (see the end of this file).
  function fetchLanguage() {
    if (lang === 'en') return;
    const l = langs[lang];
    // Words first: the page's own text is translated as soon as they come.
    shell.locale = get(l.bundle);
    shell.fonts = shell.fetchAll(l.fonts);
    shell.locale.then((b) => {
      const loc = JSON.parse(new TextDecoder().decode(b));
      words = loc.strings || {};
      plural = loc.plural;
      dates = loc.dates;
      translate(document);
    }).catch(() => {});
  }
  // The page's text as index.html has it, in English, under root (the
  // document, or the rest of the page before it is added): each text and
  // label the language has words for.
  function translate(root) {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const k = n.data.trim();
      if (k && words[k] && !(n.parentElement && /^(SCRIPT|STYLE)$/.test(n.parentElement.tagName))) n.data = n.data.replace(k, words[k]);
    }
    for (const a of ['aria-label', 'placeholder', 'title', 'alt']) {
      for (const e of root.querySelectorAll('[' + a + ']')) {
        const k = e.getAttribute(a);
        if (words[k]) e.setAttribute(a, words[k]);
      }
    }
    const desc = root.querySelector('meta[name=description]');
    if (desc && words[desc.content]) desc.content = words[desc.content];
  }

  // Ebitengine's canvas: into the page's main landmark, in the normal tab
  // order, named for screen readers.
  function fixCanvas() {
    const canvas = document.querySelector('body > canvas');
    const main = document.getElementById('map');
    if (!canvas) return;
    canvas.setAttribute('tabindex', '0');
    canvas.setAttribute('role', 'application');
    canvas.setAttribute('aria-label', t('Interactive map. Arrow keys pan, plus and minus zoom, Enter selects what is at the centre, Escape clears the selection, slash searches.'));
    if (main) main.append(canvas);
    // Clicks are reported from DOM events: the map samples input once a
    // frame, and a quick click can fall between two frames.
    let down = null;
    canvas.addEventListener('pointerdown', (e) => {
      down = e.isPrimary && e.button === 0 ? { id: e.pointerId, x: e.clientX, y: e.clientY } : null;
    });
    canvas.addEventListener('pointerup', (e) => {
      if (!down || e.pointerId !== down.id) return;
      const moved = Math.hypot(e.clientX - down.x, e.clientY - down.y);
      down = null;
      if (moved > 4 || !shell.click) return;
      const r = canvas.getBoundingClientRect();
      shell.click(e.clientX - r.left, e.clientY - r.top, e.shiftKey);
    });
    // Ebitengine sees the pointer only over its canvas and keeps the last
    // position it saw: over a panel, nothing on the map is hovered.
    for (const [type, over] of [['pointerenter', true], ['pointerleave', false]]) {
      canvas.addEventListener(type, () => { if (shell.pointerOver) shell.pointerOver(over); });
    }
  }

  function showError(message) {
    if (!overlay) return;
    const p = overlay.querySelector('.error');
    p.textContent = t('The map could not start: {0}', message);
    p.hidden = false;
    overlay.classList.add('failed'); // shown at once (loading.css)
    // The error replaces the loading message and bar.
    for (const e of overlay.querySelectorAll('.status > :not(.error)')) e.hidden = true;
  }

  // Ebitengine calls preventDefault on every key that reaches its canvas,
  // so Tab would never leave the map. Keys the map does not use, and every
  // shortcut with a modifier, are stopped on their way down (capture phase)
  // and so keep their normal meaning for the page.
  const mapKeys = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', '+', '=', '-', 'Escape', 'Enter']);
  for (const type of ['keydown', 'keyup']) {
    window.addEventListener(type, (e) => {
      // Ebitengine listens on its canvas only: keys aimed elsewhere (the
      // search box, a button) never reach it and are left alone.
      const onMap = e.target && e.target.tagName === 'CANVAS';
      if (onMap && (e.ctrlKey || e.metaKey || e.altKey || !mapKeys.has(e.key))) e.stopPropagation();
    }, true);
  }

  // The content folder, fetched once the poster is on screen, while the
  // wasm downloads and compiles: the map takes it from here (an empty list
  // when the server has none). Of the content's translations (xx.json),
  // only the reader's language's.
  function fetchContent() {
    shell.content = fetch('content/index.json')
      .then((r) => (r.ok ? r.json() : { files: [] }))
      .then((index) => Promise.all((Array.isArray(index.files) ? index.files : [])
        .filter((name) => typeof name === 'string' && /^[a-z]+\.(json|geojson|topojson|atlas)$/.test(name) && (!/^[a-z]{2}\.json$/.test(name) || name === lang + '.json'))
        .map((name) => fetch('content/' + name).then((r) => (r.ok ? r.arrayBuffer().then((b) => [name, b]) : null)))))
      .then((pairs) => pairs.filter(Boolean))
      .catch(() => []);
  }

  // The poster shows the default view at once. A link to another view
  // asks the server for that view's picture (silkmap serve renders and
  // caches it; ?v= links already have it in the page); without a server,
  // or if it fails, the plain background shows.
  const poster = overlay && overlay.querySelector('.poster');
  if (poster) {
    poster.addEventListener('error', () => { poster.hidden = true; });
    // A linked view's poster is the server's picture of it, in the theme.
    // Otherwise the bundle's: the system's dark one comes by its media
    // query; a theme chosen swaps them for that theme's (data-dark,
    // data-projector), and asks the server's in it. One address, one fetch.
    const theme = shell.theme;
    const frag = location.hash.slice(1);
    if (frag) {
      // The other posters (wide screens, tablets, phones) are the default view's too.
      for (const other of poster.parentElement.querySelectorAll('source')) other.remove();
      poster.src = shell.posterURL(frag, 1);
    } else if (themeChoice !== 'auto') {
      for (const s of poster.parentElement.querySelectorAll('source.poster-dark')) s.remove();
      if (theme !== 'light') {
        for (const s of poster.parentElement.querySelectorAll('source')) if (s.dataset[theme]) s.srcset = s.dataset[theme];
        const served = poster.getAttribute('src').startsWith('poster.jpg?');
        if (served && !/[?&]theme=/.test(poster.getAttribute('src'))) poster.src = poster.getAttribute('src') + '&theme=' + theme;
        else if (!served && poster.dataset[theme]) poster.src = poster.dataset[theme];
      }
    }
  }

  // A shared link's ?v= has done its work once the page is open (its
  // preview, its poster): the view moves to the fragment, which follows
  // the map from now on, so that no later link carries the stale ?v=.
  if (params.has('v')) {
    const u = new URL(location.href);
    if (!u.hash) u.hash = params.get('v');
    u.searchParams.delete('v');
    history.replaceState(history.state, '', u.toString());
  }

  // start runs the map from the wasm's response (requested once the poster
  // is on screen: see the end of this file), compiled while it streams in.
  async function start(response) {
    const url = script.dataset.wasm;
    const resp = await response;
    if (!resp.ok) throw new Error(url + ': HTTP ' + resp.status);
    const go = new Go();
    const { instance } = WebAssembly.instantiateStreaming
      ? await WebAssembly.instantiateStreaming(resp, go.importObject)
      : await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
    shell.memory = instance.exports.mem;
    go.run(instance).then(() => shell.reject('the map stopped'), (e) => shell.reject(why(e)));
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

  // Embed mode (?embed=1): minimal chrome, and cooperative gestures so that
  // an article scrolls past the map: the wheel and one-finger touch scroll
  // the page until the reader clicks or taps the map, or uses Ctrl/⌘ +
  // wheel or two fingers.
  const embedded = params.get('embed') === '1';
  let hintTimer = 0;
  function showHint(text) {
    const hint = document.querySelector('.hint');
    if (!hint) return;
    hint.textContent = text;
    hint.hidden = false;
    clearTimeout(hintTimer);
    hintTimer = setTimeout(() => { hint.hidden = true; }, 1500);
  }
  if (embedded) {
    document.documentElement.classList.add('embed');
    let active = false;
    const mac = /Mac|iPhone|iPad/.test(navigator.platform);
    const activate = () => {
      active = true;
      const hint = document.querySelector('.hint');
      if (hint) hint.hidden = true;
    };
    window.addEventListener('mousedown', activate, true);
    document.documentElement.addEventListener('mouseleave', () => { active = false; });
    window.addEventListener('blur', () => { active = false; });
    window.addEventListener('wheel', (e) => {
      if (active || e.ctrlKey || e.metaKey) return;
      e.stopPropagation(); // the map never sees it, so the page scrolls
      showHint(t('{0} + scroll zooms the map; or click the map first', mac ? '⌘' : 'Ctrl'));
    }, true);
    let moved = false;
    for (const type of ['touchstart', 'touchmove', 'touchend']) {
      window.addEventListener(type, (e) => {
        if (active || e.touches.length > 1) return;
        if (type === 'touchstart') moved = false;
        if (type === 'touchmove') { moved = true; showHint(t('Use two fingers to move the map; tap it to use one')); }
        if (type === 'touchend' && !moved) activate();
        e.stopPropagation();
      }, true);
    }
  }

  // Share, Embed and "open full map" (wired by addPage).
  // The view as a fragment: the map's own once it runs, the address's before.
  const fragment = () => (api.getFragment ? api.getFragment() : location.hash.slice(1));
  function pageURL() {
    const u = new URL(location.href);
    u.searchParams.delete('embed');
    // A theme chosen travels with the link (and the embed snippet).
    if (themeChoice === 'auto') u.searchParams.delete('theme');
    else u.searchParams.set('theme', themeChoice);
    u.hash = fragment();
    return u.toString();
  }
  function snippet(dialog) {
    const u = new URL(pageURL());
    u.searchParams.set('embed', '1');
    const src = u.toString().replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    const size = (dialog.querySelector('input[name=embed-size]:checked') || {}).value || 'responsive';
    if (size === 'responsive') {
      return '<div style="position:relative;width:100%;aspect-ratio:16/10"><iframe src="' + src +
        '" style="position:absolute;inset:0;width:100%;height:100%;border:0" title="' + t('Map') + '" loading="lazy" allowfullscreen></iframe></div>';
    }
    const [w, h] = size.split('x');
    return '<iframe src="' + src + '" width="' + w + '" height="' + h + '" style="border:0;max-width:100%" title="' + t('Map') + '" loading="lazy" allowfullscreen></iframe>';
  }
  async function copy(text, status) {
    try {
      await navigator.clipboard.writeText(text);
      if (status) status.textContent = t('Copied.');
      else showHint(t('Link copied'));
    } catch (e) {
      if (status) status.textContent = t('Select the text and copy it.');
      else window.prompt(t('Copy this link:'), text);
    }
  }
  // Where silkmap serve draws pictures of the map (its silkmap-snapshots
  // meta tag), a shared link is BASE/?v=VIEW: its preview (og:image, title,
  // description) shows the view. On a static host it is the # form.
  const snapshots = document.querySelector('meta[name="silkmap-snapshots"]');
  const shareURL = () => (snapshots
    ? location.origin + location.pathname.replace(/index\.html$/, '') + '?v=' + encodeURIComponent(fragment())
    : pageURL());
  shell.shareURL = shareURL; // the print's link too
  function wireShare() {
    const shareBtn = document.querySelector('.share');
    const fullLink = document.querySelector('.open-full');
    const dialog = document.querySelector('.dialog');
    // Share: the system's share sheet where there is one on a touch screen
    // (phones, tablets); elsewhere the link goes to the clipboard.
    if (shareBtn) {
      shareBtn.addEventListener('click', () => {
        const url = shareURL();
        if (navigator.share && matchMedia('(pointer: coarse)').matches) {
          navigator.share({ title: document.title, url }).catch((e) => { if (e.name !== 'AbortError') copy(url); });
        } else {
          copy(url);
        }
      });
    }
    if (dialog) {
      const area = dialog.querySelector('textarea');
      const status = dialog.querySelector('.status');
      // Where a server draws pictures of the map, the dialog links one of
      // the view, for a social card or a print.
      const picture = dialog.querySelector('.picture');
      if (snapshots && picture) picture.hidden = false;
      const refresh = () => {
        area.value = snippet(dialog);
        status.textContent = '';
        if (snapshots && picture) {
          picture.querySelector('a').href = snapshots.content + '?view=' + encodeURIComponent(fragment()) + '&size=1200x630' +
            (shell.theme !== 'light' ? '&theme=' + shell.theme : '');
        }
      };
      document.querySelector('.embed-code').addEventListener('click', () => {
        dialog.hidden = !dialog.hidden;
        if (!dialog.hidden) { refresh(); area.focus(); area.select(); }
      });
      dialog.addEventListener('change', refresh);
      dialog.querySelector('.copy').addEventListener('click', () => copy(area.value, status));
      dialog.querySelector('.close').addEventListener('click', () => { dialog.hidden = true; });
      dialog.addEventListener('keydown', (e) => { if (e.key === 'Escape') dialog.hidden = true; });
      api.on('view', () => { if (!dialog.hidden) refresh(); });
    }
    if (fullLink) {
      const sync = () => { fullLink.href = pageURL(); };
      api.on('view', sync).on('select', sync);
    }
  }

  // The page API by postMessage, for a parent page on another origin:
  // {type: "silkmap:<method>", args: [...], id} is answered with
  // {type: "silkmap:result", id, value} (or error). The server names the
  // origins allowed (<meta name="silkmap-origins">, "*" for any). Events
  // go to the parent as {type: "silkmap:event", event, value}.
  const originMeta = document.querySelector('meta[name="silkmap-origins"]');
  const origins = ((originMeta && originMeta.content) || '*').split(/\s+/).filter(Boolean);
  const allowed = (o) => origins.includes('*') || origins.includes(o);
  // ready, and the map's public methods: silkmap-web writes them from
  // package pageapi's table over the empty list (web.Loader).
  const methods = ['ready', .../* postMessage methods */[]];
  let eventTarget = origins.includes('*') ? '*' : null;
  window.addEventListener('message', async (e) => {
    const d = e.data;
    if (!d || typeof d.type !== 'string' || !d.type.startsWith('silkmap:') || !allowed(e.origin)) return;
    const method = d.type.slice('silkmap:'.length);
    if (!methods.includes(method)) return;
    if (!origins.includes('*')) eventTarget = e.origin;
    const reply = (msg) => e.source && e.source.postMessage(Object.assign({ type: 'silkmap:result', id: d.id }, msg), e.origin === 'null' ? '*' : e.origin);
    try {
      await api.ready;
      const value = method === 'ready' ? true : api[method](...(Array.isArray(d.args) ? d.args : []));
      reply({ value: value === undefined ? null : value });
    } catch (err) {
      reply({ error: why(err) });
    }
  });
  if (window.parent !== window) {
    for (const event of ['view', 'select']) {
      api.on(event, (value) => { if (eventTarget) window.parent.postMessage({ type: 'silkmap:event', event, value }, eventTarget); });
    }
  }

  // The poster goes on screen before anything else the page needs is
  // fetched or run: on a machine with few cores, each of them (the rest of
  // the page, its stylesheets and scripts, the wasm downloading and
  // compiling) delays the poster's frame, and the picture is what the
  // reader sees meanwhile (docs/performance.md). Where the browser reports
  // when the poster was actually presented (Element Timing), that report
  // is the signal; elsewhere, a frame after it is decoded. Either way the
  // wait is capped, so a slow or broken poster never holds up the map.
  // A poster that fails (a linked view's on a static host has none) ends
  // the wait at once; so does one that failed before this script ran. A
  // report of a picture since replaced (a linked view's, a theme's) does
  // not count.
  const painted = poster && !poster.hidden && !(poster.complete && !poster.naturalWidth)
    ? new Promise((resolve) => {
      setTimeout(resolve, 1000);
      poster.addEventListener('error', resolve, { once: true });
      const types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
      if (types.includes('element')) {
        new PerformanceObserver((list, obs) => {
          if (list.getEntries().some((e) => e.identifier === 'poster' && e.renderTime && (!e.url || e.url === poster.currentSrc))) {
            obs.disconnect();
            resolve();
          }
        }).observe({ type: 'element', buffered: true });
      } else {
        poster.decode().catch(() => {}).then(() => requestAnimationFrame(() => setTimeout(resolve, 0)));
      }
    })
    : Promise.resolve();

  // The rest of the page: its stylesheets (data-css) first, so that nothing
  // shows unstyled, then its markup (index.html's template: the map's
  // landmark before the loading screen, the rest after it) and its scripts
  // (data-js, run in their order). Resolves once the scripts have run.
  const list = (attr) => (attr || '').split(' ').filter(Boolean);
  // added puts an element with a URL (a stylesheet, a script) in the head
  // and resolves once it has loaded.
  const added = (e, url) => new Promise((resolve, reject) => {
    e.onload = resolve;
    e.onerror = () => reject(new Error(url + ' could not be loaded'));
    document.head.append(e);
  });
  function addPage() {
    const sheets = list(script.dataset.css).map((href) => {
      const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
      return added(link, href).catch(() => {}); // a missing stylesheet leaves the page plain, not broken
    });
    return Promise.all(sheets).then(() => {
      const template = document.getElementById('silkmap-page');
      if (template) {
        const rest = template.content;
        if (Object.keys(words).length) translate(rest);
        const main = rest.querySelector('#map');
        if (main && overlay) overlay.before(main);
        template.replaceWith(rest);
      }
      wireShare();
      return Promise.all(list(script.dataset.js).map((src) => added(Object.assign(document.createElement('script'), { src, async: false }), src)));
    });
  }
  // Without WebAssembly the map cannot start: said at once, and the page
  // (its credit line) still comes.
  const wasmOK = Boolean(window.WebAssembly);
  if (!wasmOK) shell.reject('this browser has no WebAssembly');
  painted.then(() => {
    if (!wasmOK) return addPage();
    fetchLanguage();
    fetchContent();
    const url = script.dataset.wasm;
    // A failed request names the file; it is reported once the page is in.
    const wasm = fetch(url).catch((e) => { throw new Error(url + ': ' + why(e)); });
    wasm.catch(() => {});
    return addPage().then(() => start(wasm));
  }).catch((e) => shell.reject(why(e)));
})();
