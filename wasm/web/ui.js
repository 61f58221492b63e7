// silkmap reader interface: info panel, tooltip, search, layers, timeline,
// articles and legend, as DOM around the map. What they say comes from the
// map (the page's private channel, window.silkmapShell: getInfo,
// getTooltip, search, …), computed in Go; this file only renders it.
// Content text always goes in as text, never markup.
(() => {
  'use strict';
  const api = window.silkmap, shell = window.silkmapShell;
  const $ = (sel) => document.querySelector(sel);
  const t = shell.t, date = shell.date; // the reader's language (the loader's)
  // A key the page may take for itself: no modifier, and not typed into a
  // text field.
  const pageKey = (e) => !e.altKey && !e.ctrlKey && !e.metaKey && !/^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (v != null && v !== '') e.setAttribute(k, v);
    }
    for (const c of children) if (c) e.append(c);
    return e;
  };
  // Only web links are followed.
  const safeURL = (u) => /^https?:\/\//i.test(u) ? u : null;
  const link = (href, text) => {
    const u = safeURL(href);
    return u ? el('a', { href: u, target: '_blank', rel: 'noopener noreferrer', text }) : el('span', { text });
  };

  // The panels are built in a task of their own after `ready`: neither the
  // map's first frame on screen nor a page's own handlers of `ready` wait
  // for them (docs/performance.md). They show once built (loading.css,
  // .ui-ready).
  const nextTask = (f) => (window.scheduler && scheduler.postTask ? scheduler.postTask(f, { priority: 'user-blocking' }) : setTimeout(f));
  api.ready.then(() => new Promise(nextTask)).then(() => {
    const root = document.documentElement;
    root.classList.add('ui-ready');
    const embedded = root.classList.contains('embed');
    // A phone's screen should be mostly map: there the long lists (layers,
    // legend) start closed. The stylesheet's breakpoint sets --narrow.
    if (getComputedStyle(root).getPropertyValue('--narrow').trim() === '1') {
      for (const d of document.querySelectorAll('.controls details[open]')) d.open = false;
    }

    // Embeds have no controls panel, but their readers need the legend: it
    // sits in a corner of its own, closed until opened.
    const legendBox = $('details.legend');
    if (embedded) {
      legendBox.open = false;
      legendBox.classList.add('floating');
      document.body.append(el('aside', { 'aria-label': t('Legend') }, legendBox)); // a landmark of its own
    }

    // The [left, top, right, bottom] boxes of the panels showing.
    const boxesOf = (sel) => {
      const boxes = [];
      for (const e of document.querySelectorAll(sel)) {
        if (e.hidden || !e.getClientRects().length) continue;
        const r = e.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) boxes.push([r.left, r.top, r.right, r.bottom]);
      }
      return boxes;
    };
    // Tell the map which parts of the screen the panels cover, so that its
    // labels keep out from under them.
    let reserveTimer = 0;
    const reserve = () => {
      clearTimeout(reserveTimer);
      reserveTimer = setTimeout(() => shell.reserve(boxesOf('.controls, #info, .toolbar, .attribution, .tour, .dialog, .legend.floating, .map-corner')), 100);
    };
    // The part of the screen the panels leave to the map, where it frames
    // what search, the articles and links show: each panel is cut off the
    // side of the screen where that costs the least map.
    shell.freeArea = () => {
      let a = [0, 0, innerWidth, innerHeight];
      const size = (b) => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
      for (const [l, t, r, b] of boxesOf('.controls, #info, .tour')) {
        if (r <= a[0] || l >= a[2] || b <= a[1] || t >= a[3]) continue;
        a = [[r, a[1], a[2], a[3]], [a[0], b, a[2], a[3]], [a[0], a[1], l, a[3]], [a[0], a[1], a[2], t]]
          .reduce((x, y) => (size(y) > size(x) ? y : x));
      }
      return a;
    };
    new ResizeObserver(reserve).observe(document.body);
    for (const e of document.querySelectorAll('.controls, #info, .tour, .dialog, .legend.floating')) {
      new MutationObserver(reserve).observe(e, { attributes: true, childList: true, subtree: true });
      new ResizeObserver(reserve).observe(e);
    }
    window.addEventListener('resize', reserve);
    document.addEventListener('toggle', reserve, true); // <details> opened or closed
    reserve();
    const info = $('#info');
    const announce = $('#announce');
    // The headings' font strike (style.css), asked for while the reader looks.
    (window.requestIdleCallback || ((f) => setTimeout(f, 1000)))(() => {
      document.body.append(el('span', { class: 'strike-warm', 'aria-hidden': 'true', text: 'silkmap' }));
    });

    // Info panel of the selection. The tab's title names the selection too
    // (for bookmarks and the history), before the page's own title; a
    // shared link's page comes with it already.
    const pageTitle = document.title.replace(/^.* · (?=silkmap — )/, '');
    let playingScene = false; // a scene of the tour is selecting (see the tour below)
    function renderInfo() {
      const d = shell.getInfo();
      info.replaceChildren();
      // On a phone the controls fold down to the search field while a card is
      // open; during the tour a scene's own selection opens none (style.css).
      root.classList.toggle('has-card', !!d);
      if (!playingScene) root.classList.remove('scene-card');
      document.title = d ? d.name + ' · ' + pageTitle : pageTitle;
      if (!d) { info.hidden = true; return; }
      const close = el('button', { type: 'button', class: 'close', 'aria-label': t('Close'), text: '×', onclick: () => api.select('') });
      // Content text the reader's language has no translation of is marked
      // with its own language (lang), for screen readers and hyphenation.
      info.append(close, el('p', { class: 'kind', text: d.kindLabel }), el('h2', { text: d.name, lang: d.nameLang }));
      // The sections as the Go side made them (panel.Info): the desktop
      // draws the same ones.
      const span = (s) => {
        const e = s.url ? link(s.url, s.text)
          : s.id ? el('button', { type: 'button', class: 'linklike', text: s.text, onclick: () => api.show(s.id) })
            : el(s.bold ? 'strong' : 'span', { class: s.muted ? 'muted' : '', text: s.text });
        if (s.lang) e.lang = s.lang;
        return e;
      };
      for (const sec of d.sections) {
        if (!sec.heading) {
          for (const it of sec.items) info.append(el('p', { class: it.class || '' }, ...it.spans.map(span)));
          continue;
        }
        const ul = el('ul', { class: sec.class });
        let li = null;
        for (const it of sec.items) {
          if (it.sub && li) { li.append(el('p', { class: it.class || '' }, ...it.spans.map(span))); continue; }
          li = el('li', { class: it.class || '' }, ...it.spans.map(span));
          ul.append(li);
        }
        info.append(el('h3', { text: sec.heading }), ul);
      }
      info.hidden = false;
      announce.textContent = t('Selected {0}, {1}.', d.name, d.kindLabel.toLocaleLowerCase(shell.lang));
    }
    api.on('select', renderInfo);
    // A tap that opens a card over the place tapped (the sheet on a phone):
    // the map glides the place into the part of the screen left free.
    let tap = null;
    // (Capture: the loader reports the click from the canvas's own listener.)
    $('#map').addEventListener('pointerup', (e) => { tap = { x: e.clientX, y: e.clientY, t: performance.now() }; }, { capture: true, passive: true });
    api.on('select', (id) => {
      if (id && tap && performance.now() - tap.t < 1000 && !info.hidden) shell.reveal(tap.x, tap.y);
      tap = null;
    });
    info.addEventListener('keydown', (e) => { if (e.key === 'Escape') api.select(''); });
    renderInfo();
    // A link that opens with a selection whose card covers it (the sheet
    // on a phone): the map moves so that it shows beside or above the card.
    // On opening only: setView and scenes keep their exact view.
    const opened = api.getView();
    if (opened.sel && !opened.scene && !info.hidden) shell.revealSelection();

    // Tooltip under the pointer.
    const tip = $('#tooltip');
    let mx = 0, my = 0;
    // Pointer events, not mouse events: a press that no move came before
    // (a tap, a scripted click) still puts the tooltip where it happened.
    for (const type of ['pointermove', 'pointerdown']) {
      window.addEventListener(type, (e) => {
        mx = e.clientX; my = e.clientY;
        if (!tip.hidden) place();
      }, { capture: true, passive: true });
    }
    function place() {
      const r = tip.getBoundingClientRect();
      tip.style.left = Math.min(mx + 14, innerWidth - r.width - 4) + 'px';
      tip.style.top = Math.min(my + 16, innerHeight - r.height - 4) + 'px';
    }
    api.on('hover', (id) => {
      // The open card already says what the tooltip would.
      const t = id && !(id === api.getSelection() && !info.hidden) && shell.getTooltip(id);
      if (!t) { tip.hidden = true; return; }
      tip.replaceChildren(el('strong', { text: t.name }), ...t.lines.map((l) => el('div', { text: l })));
      tip.hidden = false;
      place();
    });
    root.addEventListener('mouseleave', () => { tip.hidden = true; });
    api.on('select', () => { tip.hidden = true; }); // the card says it all, and may open under the pointer
    // A text mirror of the map for screen readers (shown when focused):
    // the bodies with their members, countries, corridors, sites and
    // articles, as of the view's date; the selection is marked.
    const mirror = $('#contents');
    let mirrorDate;
    function renderMirror() {
      const date = api.getView().date;
      if (date !== mirrorDate) {
        mirrorDate = date;
        mirror.replaceChildren(el('h2', { text: date ? t('Map contents as of {0}', shell.date(date)) : t('Map contents') }));
        for (const sec of shell.getContents()) {
          const ul = el('ul', {});
          for (const it of sec.items) {
            ul.append(el('li', {}, el('button', { type: 'button', class: 'linklike', 'data-id': it.id, text: it.name, onclick: () => api.show(it.id) }), el('span', { text: ': ' + it.detail })));
          }
          mirror.append(el('h2', { text: sec.title }), ul);
        }
      }
      const sel = api.getSelection();
      for (const b of mirror.querySelectorAll('button[data-id]')) {
        if (b.dataset.id === sel) b.setAttribute('aria-current', 'true');
        else b.removeAttribute('aria-current');
      }
    }
    api.on('select', renderMirror);
    renderMirror();

    // The story as a tour: each scene is a link (&scene=N).
    const story = shell.getStory();
    const tour = $('.tour');
    if (story && tour) {
      const startBtn = $('.tour-start');
      startBtn.hidden = false;
      const show = (n) => {
        tour.querySelector('.tour-progress').textContent = n + ' / ' + story.scenes.length;
        tour.querySelector('.tour-title').textContent = story.scenes[n - 1].title;
        tour.querySelector('.tour-caption').textContent = story.scenes[n - 1].caption;
        tour.querySelector('.tour-prev').disabled = n <= 1;
        tour.querySelector('.tour-next').disabled = n >= story.scenes.length;
        tour.hidden = false;
        root.classList.add('touring');
      };
      const scene = () => api.getView().scene || 0;
      // The panel first: the scene is framed in the part of the screen it leaves.
      const play = (n) => {
        if (n < 1 || n > story.scenes.length) return;
        show(n);
        playingScene = true;
        try { shell.playScene(n); } finally { playingScene = false; }
        root.classList.toggle('scene-card', api.getSelection() !== null);
      };
      startBtn.addEventListener('click', () => play(1));
      tour.querySelector('.tour-prev').addEventListener('click', () => play(scene() - 1));
      tour.querySelector('.tour-next').addEventListener('click', () => play(scene() + 1));
      tour.querySelector('.tour-close').addEventListener('click', () => {
        tour.hidden = true;
        root.classList.remove('touring');
        api.setView({ scene: 0 });
      });
      // Presentation clickers send PageDown and PageUp: while the tour is on
      // they step through it, wherever the focus is but in a text field.
      window.addEventListener('keydown', (e) => {
        const step = { PageDown: 1, PageUp: -1 }[e.key];
        if (!step || tour.hidden || !pageKey(e)) return;
        e.preventDefault();
        play(scene() + step);
      }, true);
      if (scene() > 0) play(scene()); // a scene link: framed for this screen, beside the panel
    }

    // Legend of what is on screen.
    const legend = $('#legend-list');
    const swatch = (e) => {
      const s = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      const c = e.color;
      const sp = Math.max(4, e.spacing || 7);
      if (e.kind === 'tint') s.style.background = c;
      if (e.kind === 'hatch45') s.style.background = `repeating-linear-gradient(-45deg, ${c} 0 1.5px, var(--land) 1.5px ${sp}px)`;
      if (e.kind === 'hatch135') s.style.background = `repeating-linear-gradient(45deg, ${c} 0 1.5px, var(--land) 1.5px ${sp}px)`;
      if (e.kind === 'dots') s.style.background = `radial-gradient(${c} 1.3px, var(--land) 1.6px) 0 0 / ${sp}px ${sp}px`;
      if (e.kind === 'horizontal') s.style.background = `repeating-linear-gradient(0deg, ${c} 0 1.5px, var(--land) 1.5px ${sp}px)`;
      if (e.kind === 'vertical') s.style.background = `repeating-linear-gradient(90deg, ${c} 0 1.5px, var(--land) 1.5px ${sp}px)`;
      if (e.kind === 'line') {
        s.classList.add('line');
        // Dashed as on the map: kinds of one colour differ by their dash.
        if (e.dash) Object.assign(s.style, { borderTopWidth: '0', height: '3px', background: `repeating-linear-gradient(90deg, ${c} 0 ${e.dash}px, transparent ${e.dash}px ${2 * e.dash}px)` });
        else s.style.borderTopColor = c;
      }
      if (e.kind === 'symbol') { s.classList.add('symbol', e.symbol); s.style.color = c; }
      return s;
    };
    const legendItems = () => shell.getLegend().map((e) => el('li', {}, swatch(e), ' ', el('span', { text: e.label })));
    let legendTimer = 0;
    function renderLegend() {
      clearTimeout(legendTimer);
      legendTimer = setTimeout(() => {
        legend.replaceChildren(...legendItems());
      }, 150);
    }
    renderLegend();

    // The panels follow the view once it settles: while the map moves,
    // every frame's time goes to the map.
    const settled = [renderMirror, renderLegend];
    let viewTimer = 0;
    api.on('view', () => {
      clearTimeout(viewTimer);
      viewTimer = setTimeout(() => { for (const f of settled) f(); }, 150);
    });

    // The map's buttons: zoom in and out by a step about the centre, and
    // fullscreen (where the page may have it); in a small embed they fold
    // into one button (style.css) that opens them.
    const zoomIn = $('.zoom-in'), zoomOut = $('.zoom-out'), full = $('.fullscreen'), more = $('.map-more');
    zoomIn.addEventListener('click', () => shell.zoomBy(1));
    zoomOut.addEventListener('click', () => shell.zoomBy(-1));
    more.addEventListener('click', () => more.setAttribute('aria-expanded', String(more.getAttribute('aria-expanded') !== 'true')));
    full.hidden = !document.fullscreenEnabled;
    full.addEventListener('click', () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else root.requestFullscreen().catch(() => {});
    });
    document.addEventListener('fullscreenchange', () => full.setAttribute('aria-pressed', String(!!document.fullscreenElement)));
    // The scale bar, as the map's Go side measures it at the centre.
    const metric = $('.scale-metric'), imperial = $('.scale-imperial');
    let scaleFrame = 0;
    const limits = shell.zoomLimits();
    const renderScale = () => {
      scaleFrame = 0;
      const s = shell.getScale();
      metric.textContent = s.metric.label;
      metric.style.width = s.metric.width + 'px';
      imperial.textContent = s.imperial.label;
      imperial.style.width = s.imperial.width + 'px';
      const z = api.getView().zoom;
      zoomIn.disabled = z >= limits[1];
      zoomOut.disabled = z <= limits[0];
    };
    api.on('view', () => { if (!scaleFrame) scaleFrame = requestAnimationFrame(renderScale); });
    renderScale();
    // On a phone the corner rises above the card's sheet.
    new ResizeObserver(() => root.style.setProperty('--card-h', info.offsetHeight + 'px')).observe(info);

    // The help: every keyboard shortcut, in a dialog that ? opens (and the
    // toolbar's ? button); Escape or Close closes it, and the focus goes
    // back where it was.
    const help = $('.help-dialog');
    $('#help-keys').replaceChildren(...shell.getKeys().map((k) => el('tr', {}, el('th', { scope: 'row', text: k.keys }), el('td', { text: k.does }))));
    let helpFrom = null;
    const closeHelp = () => {
      help.hidden = true;
      if (helpFrom && helpFrom.isConnected) helpFrom.focus();
    };
    const openHelp = () => {
      helpFrom = document.activeElement;
      help.hidden = false;
      help.querySelector('.close').focus();
    };
    $('.help-open').addEventListener('click', openHelp);
    help.querySelector('.close').addEventListener('click', closeHelp);
    help.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.preventDefault(); closeHelp(); }
      if (e.key === 'Tab') { e.preventDefault(); help.querySelector('.close').focus(); } // the dialog is modal
    });
    window.addEventListener('keydown', (e) => {
      if (e.key !== '?' || !pageKey(e)) return;
      e.preventDefault();
      if (help.hidden) openHelp(); else closeHelp();
    }, true);

    // Print (the toolbar's Print, Ctrl+P or the browser's menu): one
    // landscape page of the view — the map at print resolution where the
    // server draws it (poster.jpg at scale 2), else the canvas as it shows
    // — with the card, the legend, the scale, the credit and the view's link.
    const snapshots = document.querySelector('meta[name="silkmap-snapshots"]');
    const sheet = el('div', { class: 'print-sheet' });
    document.body.append(sheet);
    let sheetFor = null; // the fragment the sheet shows
    const served = () => shell.posterURL(api.getFragment(), 2);
    const buildSheet = (src) => {
      sheetFor = api.getFragment();
      const img = el('img', { alt: t('The map: {0}', document.title) });
      if (src) img.src = src;
      const key = el('ul', {}, ...legendItems());
      const main = el('div', { class: 'print-main' }, el('figure', { class: 'print-map' }, img, $('.scale').cloneNode(true)),
        el('div', { class: 'print-legend' }, el('h2', { text: t('Legend') }), key));
      const card = info.hidden ? null : el('div', { class: 'print-card' }, ...[...info.childNodes].filter((n) => !(n.classList && n.classList.contains('close'))).map((n) => n.cloneNode(true)));
      sheet.replaceChildren(el('h1', { text: document.title }),
        el('div', { class: 'print-body' }, main, card),
        el('p', { class: 'print-foot' }, el('span', { text: $('.attribution').textContent.trim() }), ' · ', el('span', { class: 'print-link', text: shell.shareURL() })));
      return img;
    };
    const loaded = (img) => (img.complete && img.naturalWidth ? Promise.resolve(true)
      : new Promise((res) => { img.onload = () => res(true); img.onerror = () => res(false); }));
    const captured = () => new Promise((res) => {
      const got = (url) => { api.off('capture', got); res(url); };
      api.on('capture', got);
      shell.capture();
    });
    // preparePrint lays the sheet out for the view and resolves once its
    // picture of the map has loaded.
    shell.preparePrint = async () => {
      let img = buildSheet(snapshots ? served() : await captured());
      if (!(await loaded(img)) && snapshots) img = buildSheet(await captured()); // the server could not draw it
      await loaded(img);
    };
    const printView = () => shell.preparePrint().then(() => window.print());
    $('.print').addEventListener('click', printView);
    window.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'p') { e.preventDefault(); printView(); }
    }, true);
    // The browser's own Print: a sheet of the view as it is, with the
    // server's picture where there is one (the browser may not wait for it).
    window.addEventListener('beforeprint', () => { if (sheetFor !== api.getFragment()) buildSheet(snapshots ? served() : null); });

    if (embedded) return; // embeds keep minimal chrome: map, card, legend, attribution

    // Search as you type; Enter or a click flies to the result.
    const input = $('#search-input');
    const results = $('#search-results');
    // "/" goes to the search field from anywhere but another text field, as
    // on many sites (on a phone the field is in view; in an embed there is
    // none).
    window.addEventListener('keydown', (e) => {
      if (e.key !== '/' || !pageKey(e) || !input.offsetParent) return;
      e.preventDefault();
      input.focus();
      input.select();
    }, true);
    let active = -1;
    function setActive(i) {
      const items = [...results.children];
      active = Math.max(-1, Math.min(i, items.length - 1));
      items.forEach((li, k) => li.setAttribute('aria-selected', String(k === active)));
      if (active >= 0) input.setAttribute('aria-activedescendant', items[active].id);
      else input.removeAttribute('aria-activedescendant');
    }
    function choose(id) {
      api.show(id);
      results.hidden = true;
      input.setAttribute('aria-expanded', 'false');
    }
    input.addEventListener('input', () => {
      const hits = shell.search(input.value);
      results.replaceChildren(...hits.map((h, i) => el('li', {
        id: 'search-result-' + i, role: 'option', 'aria-selected': 'false',
        onmousedown: (e) => { e.preventDefault(); choose(h.id); },
      }, el('span', { text: h.name }), el('span', { class: 'kind', text: ' ' + t(h.kind) }))));
      results.hidden = hits.length === 0;
      input.setAttribute('aria-expanded', String(hits.length > 0));
      setActive(-1);
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') { setActive(active + 1); e.preventDefault(); }
      else if (e.key === 'ArrowUp') { setActive(active - 1); e.preventDefault(); }
      else if (e.key === 'Enter') {
        const hits = shell.search(input.value);
        const pick = hits[Math.max(active, 0)];
        if (pick) choose(pick.id);
      } else if (e.key === 'Escape') { results.hidden = true; input.setAttribute('aria-expanded', 'false'); }
    });
    input.addEventListener('blur', () => { results.hidden = true; input.setAttribute('aria-expanded', 'false'); });

    // Layers. Layers of a group (the kinds of site) sit under one checkbox
    // for the group, which switches them all and shows when only some are
    // on; their own list opens on demand.
    const layerList = $('#layer-list');
    let layerKey = '';
    const applyLayers = () => api.setLayers([...layerList.querySelectorAll('input[name=layer]:checked')].map((c) => c.value));
    const layerRow = (l, text = l.name) => el('label', {},
      el('input', { type: 'checkbox', name: 'layer', value: l.id, onchange: applyLayers }), ' ' + text);
    function layerGroup(name, members, n) {
      const id = 'layer-group-' + n;
      const all = el('input', { type: 'checkbox', class: 'group-all', onchange: () => {
        for (const c of list.querySelectorAll('input')) c.checked = all.checked;
        applyLayers();
      } });
      const list = el('div', { id: id + '-list', class: 'layer-group-list' }, ...members.map((m) => layerRow(m)));
      list.hidden = true;
      const more = el('button', { type: 'button', class: 'layer-group-open', 'aria-expanded': 'false', 'aria-controls': id + '-list',
        'aria-label': t('{0} of {1}', shell.n('{0} kind|{0} kinds', members.length), name.toLocaleLowerCase(shell.lang)), onclick: () => {
          list.hidden = !list.hidden;
          more.setAttribute('aria-expanded', String(!list.hidden));
        } }, shell.n('{0} kind|{0} kinds', members.length));
      return el('div', { class: 'layer-group', role: 'group', 'aria-labelledby': id },
        el('div', { class: 'layer-group-head' }, el('label', { id }, all, ' ' + name), more), list);
    }
    function buildLayers(layers) {
      const rows = [];
      for (const l of layers) {
        const members = l.group ? layers.filter((o) => o.group === l.group) : [l];
        if (members.length < 2) rows.push(layerRow(l, l.group ? l.group + ': ' + l.name : l.name)); // a group of one
        else if (members[0] === l) rows.push(layerGroup(l.group, members, rows.length));
      }
      layerList.replaceChildren(...rows);
    }
    function renderLayers() {
      const layers = shell.getLayers();
      const key = layers.map((l) => l.id).join();
      if (key !== layerKey) { // new layers: rebuilt; the same: updated in place, keeping focus
        layerKey = key;
        buildLayers(layers);
      }
      const on = new Map(layers.map((l) => [l.id, l.on]));
      for (const c of layerList.querySelectorAll('input[name=layer]')) c.checked = on.get(c.value);
      for (const g of layerList.querySelectorAll('.layer-group')) {
        const kinds = [...g.querySelectorAll('input[name=layer]')], n = kinds.filter((c) => c.checked).length;
        const all = g.querySelector('input.group-all');
        all.checked = n === kinds.length;
        all.indeterminate = n > 0 && n < kinds.length;
      }
    }
    // Layers are also switched by links, scenes and the page API.
    renderLayers();

    // Timeline: one step per day from 1992 to today, events as marks.
    const dateInput = $('#date-input');
    const dateLabel = $('#date-label');
    const dateEvent = $('#date-event');
    const start = Date.UTC(1992, 0, 1);
    const day = 86400000;
    const toIndex = (d) => Math.round((Date.parse(d + 'T00:00:00Z') - start) / day);
    const toDate = (i) => new Date(start + i * day).toISOString().slice(0, 10);
    const today = toIndex(new Date().toISOString().slice(0, 10));
    dateInput.min = '0';
    dateInput.max = String(today);
    const marks = $('#date-marks');
    const timeline = shell.getTimeline();
    for (const m of timeline) {
      const d = m.date.length === 4 ? m.date + '-01-01' : m.date.length === 7 ? m.date + '-01' : m.date;
      marks.append(el('option', { value: String(toIndex(d)), label: date(m.date) + ' ' + m.name }));
    }
    function syncDate() {
      const d = api.getView().date;
      dateInput.value = String(d ? toIndex(d) : today);
      dateLabel.textContent = d ? date(d) : t('today');
      const near = timeline.filter((m) => m.date === d).map((m) => m.name).join('; ');
      dateInput.setAttribute('aria-valuetext', (d ? date(d) : t('today')) + (near ? ': ' + near : ''));
      dateEvent.textContent = dateEvent.title = near; // what happened that day, under the slider
      dateEvent.hidden = !near;
    }
    // Play steps through the dates of the timeline's events since 1992, then
    // today, from the chosen day on (from the start when at today): the
    // memberships change on the map as they did. Any other choice of day
    // stops it.
    const playBtn = $('#date-play');
    const first = shell.dateSteps()[0];
    playBtn.hidden = !first; // content with no dated events has nothing to play
    let playing = 0;
    const stop = () => {
      clearInterval(playing);
      playing = 0;
      playBtn.textContent = t('Play');
    };
    const step = () => {
      const next = shell.stepDate(1);
      api.setView({ date: next || null });
      syncDate();
      if (!next) stop();
    };
    playBtn.addEventListener('click', () => {
      if (playing) { stop(); return; }
      if (!api.getView().date) {
        api.setView({ date: first });
        syncDate();
      }
      playBtn.textContent = t('Pause');
      playing = setInterval(step, 900);
    });
    dateInput.addEventListener('input', () => {
      stop();
      const i = Number(dateInput.value);
      api.setView({ date: i >= today ? null : toDate(i) });
      syncDate();
    });
    $('#date-today').addEventListener('click', () => { stop(); api.setView({ date: null }); syncDate(); });
    syncDate();

    // Articles: choosing one highlights and frames what it discusses.
    const articleList = $('#article-list');
    for (const a of shell.getArticles()) {
      articleList.append(el('li', {},
        el('button', { type: 'button', class: 'linklike', text: a.title, onclick: () => api.show(a.id) }),
        el('p', { class: 'byline', text: a.byline }), link(a.url, a.urlIsListing ? t('Publication page') : t('Read'))));
    }

    // The theme chooser: automatic (the system's), light or dark, applied
    // at once and remembered (?theme=projector is for presenters' links).
    const themeSelect = el('select', { class: 'theme', 'aria-label': t('Theme'), onchange: () => shell.chooseTheme(themeSelect.value) },
      el('option', { value: 'auto', text: t('Auto') }), el('option', { value: 'light', text: t('Light') }), el('option', { value: 'dark', text: t('Dark') }));
    if (shell.themeChoice() === 'projector') themeSelect.append(el('option', { value: 'projector', text: t('Projector') }));
    themeSelect.value = shell.themeChoice();
    $('.toolbar').append(themeSelect);

    // The language chooser: the page again in the language chosen, which
    // is remembered for the next visit.
    const names = Object.assign({ en: 'English' }, ...Object.entries(shell.langs).map(([k, v]) => ({ [k]: v.name })));
    if (Object.keys(names).length > 1) {
      const choose = el('select', { class: 'lang', 'aria-label': t('Language'), onchange: () => {
        try { localStorage.setItem('silkmap.lang', choose.value); } catch (e) { /* storage refused */ }
        const u = new URL(location.href);
        u.searchParams.set('lang', choose.value);
        location.assign(u.toString());
      } }, ...Object.entries(names).map(([k, v]) => el('option', { value: k, lang: k, text: v })));
      choose.value = shell.lang;
      $('.toolbar').append(choose);
    }

    settled.push(syncDate, renderLayers);
  });
})();
