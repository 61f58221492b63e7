// silkmap studio: edit the content folder on the map (silkmap serve --edit,
// page /edit). Sites are placed, dragged and described; bodies' members and
// meetings edited in tables; articles written and linked to features picked
// on the map; corridors drawn point by point (handles to drag, insert and
// delete, snapped to sites and to other parts' ends); the story composed
// from views of the map and played as the tour. Every change is shown on the map at once (the map's preview,
// checked as the server checks), can be undone and redone, and is saved
// through the write API (PUT /api/content, several files at once, with the
// ETags read) — refused with the checker's messages shown at the field.
// The token stays in this tab (sessionStorage), never in a cookie. The
// readers' page never loads this file.
(() => {
  'use strict';
  const api = window.silkmap, shell = window.silkmapShell;
  const $ = (sel, root) => (root || document).querySelector(sel);
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      // Through the CSSOM: the page's CSP refuses style attributes.
      else if (k === 'style') e.style.cssText = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (v === true) e.setAttribute(k, '');
      else if (v != null && v !== false) e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  };

  // The files the studio edits, as the content format names them.
  const FILES = ['articles.json', 'bodies.json', 'sites.geojson', 'corridors.json', 'corridors.geojson', 'story.json'];
  const ROLES = ['member', 'observer', 'frozen', 'suspended'];
  const ACCURACIES = ['exact', 'city', 'approx'];
  const STATUSES = ['operating', 'under-construction', 'planned', 'disused'];
  const PART_ROLES = ['main', 'branch', 'feeder', 'spur'];
  const MODES = ['rail', 'road', 'ferry', 'pipeline'];
  const SNAP = 12; // CSS px within which a point snaps to a site or a part's end

  const state = {
    token: sessionStorage.getItem('silkmap-token') || '',
    text: {},        // every content file's text, as read or edited
    etag: {},        // the ETag each file was read with
    doc: {},         // the parsed files the studio edits (FILES, and translations once changed)
    undo: [], redo: [],
    dirty: new Set(), // files changed since read
    problems: [], warnings: [],
    tab: 'sites', site: null, body: null, article: null, corridor: null, part: null, point: null, scene: null,
    mode: null,      // 'place' (a click places a new site) or 'pick' (a click links a feature)
  };

  // --- Reading and saving --------------------------------------------
  const authHeaders = () => ({ Authorization: 'Bearer ' + state.token });

  async function readAll() {
    const idx = await (await fetch('content/index.json', { cache: 'no-store' })).json();
    state.text = {}; state.etag = {};
    const read = await Promise.all(idx.files.map(async (name) => {
      const r = await fetch('api/content/' + name, { cache: 'no-store' });
      return r.ok && [name, await r.text(), r.headers.get('ETag')];
    }));
    for (const [name, text, etag] of read.filter(Boolean)) {
      state.text[name] = text;
      state.etag[name] = etag;
    }
    state.doc = {};
    for (const name of FILES) state.doc[name] = JSON.parse(state.text[name] || emptyFile(name));
    state.dirty.clear(); state.undo = []; state.redo = [];
  }
  const emptyFile = (name) => ({
    'sites.geojson': '{"type": "FeatureCollection", "features": []}',
    'corridors.geojson': '{"type": "FeatureCollection", "features": []}',
    'bodies.json': '{"bodies": []}', 'articles.json': '{"articles": []}',
    'corridors.json': '{"corridors": []}', 'story.json': '{"title": "Story", "scenes": []}',
  })[name];

  // The whole folder as it would be saved now.
  const currentFiles = () => {
    const files = { ...state.text };
    for (const [name, doc] of Object.entries(state.doc)) {
      if (name in state.text || state.dirty.has(name)) files[name] = JSON.stringify(doc, null, 2) + '\n';
    }
    return files;
  };

  // The save under way: the change events it causes wait for its answer,
  // which carries the new ETags.
  let saving = null;
  function save() {
    if (!saving) saving = doSave().finally(() => { saving = null; });
    return saving;
  }

  async function doSave() {
    if (!state.dirty.size) return;
    if (!state.token) { askToken(); return; }
    const files = {}, ifMatch = {};
    const all = currentFiles();
    for (const name of state.dirty) {
      files[name] = JSON.parse(all[name]);
      ifMatch[name] = state.etag[name] || null;
    }
    status('Saving…');
    const r = await fetch('api/content', { method: 'PUT', headers: { ...authHeaders(), 'Content-Type': 'application/json' }, body: JSON.stringify({ files, if_match: ifMatch }) });
    const body = await r.json().catch(() => ({}));
    if (r.ok) {
      for (const [name, tag] of Object.entries(body.versions || {})) state.etag[name] = tag;
      for (const name of state.dirty) state.text[name] = all[name];
      state.dirty.clear();
      state.problems = [];
      state.warnings = body.warnings || [];
      status('Saved.');
      render();
      return;
    }
    switch (r.status) {
      case 401: sessionStorage.removeItem('silkmap-token'); state.token = ''; askToken('That token was refused.'); break;
      case 412: stale(body); break;
      case 422: state.problems = body.problems || []; status('Not saved: the content would not pass the checks (see the marked fields).'); render(); break;
      case 429: status('Too many refused tokens: wait ' + (r.headers.get('Retry-After') || 'a minute') + ' s.'); break;
      default: status('Not saved: ' + (body.error || r.status));
    }
  }

  // Someone saved first: the editor may load theirs, or keep this version
  // (saved over theirs on the next Save).
  function stale(body) {
    const box = $('.studio-stale');
    box.replaceChildren(
      el('p', { text: (body.file || 'A file') + ' was saved by someone else since you opened it.' }),
      el('button', { type: 'button', text: 'Load theirs (drop my changes)', onclick: async () => { box.hidden = true; await readAll(); await preview(); render(); status('Loaded the saved version.'); } }),
      ' ',
      el('button', { type: 'button', text: 'Keep mine', onclick: async () => {
        box.hidden = true;
        await Promise.all([...state.dirty].map(async (name) => {
          const r = await fetch('api/content/' + name, { method: 'HEAD', cache: 'no-store' });
          state.etag[name] = r.ok ? r.headers.get('ETag') : null;
        }));
        status('Your version will be saved over theirs: Save again.');
      } }));
    box.hidden = false;
    status('Not saved: someone saved first.');
  }

  // --- Changing, previewing, undoing ------------------------------------
  let previewTimer = 0;
  // change records an edit of file name (made by fn on its parsed form):
  // undoable, shown on the map shortly.
  function change(name, fn, coalesce) {
    // A new undo step keeps the folder as it was; a coalesced edit (a drag,
    // typing) extends the last step.
    if (!coalesce || state.lastCoalesce !== coalesce) state.undo.push({ docs: JSON.stringify(state.doc), dirty: [...state.dirty] });
    fn(state.doc[name]);
    state.lastCoalesce = coalesce || null;
    state.redo = [];
    state.dirty.add(name);
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => { preview(); renderStatus(); }, 250);
    renderStatus();
  }
  function undoRedo(from, to) {
    const step = from.pop();
    if (!step) return;
    to.push({ docs: JSON.stringify(state.doc), dirty: [...state.dirty] });
    state.doc = JSON.parse(step.docs);
    state.dirty = new Set(step.dirty);
    state.lastCoalesce = null;
    preview();
    render();
  }
  async function preview() {
    const res = shell.preview(currentFiles());
    state.problems = res.problems; state.warnings = res.warnings;
    renderProblems();
    renderOverlay();
  }

  // --- The map --------------------------------------------------------
  const canvasPoint = (e) => {
    const r = $('#map canvas').getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  const features = () => state.doc['sites.geojson'].features;
  const siteIndex = (id) => features().findIndex((f) => f.properties.id === id);
  let drag = null, longPress = 0;
  // The studio's clicks and drags on the map come first (capture): the map
  // does not see them.
  window.addEventListener('pointerdown', (e) => {
    if (!e.target.closest || !e.target.closest('#map') || e.button !== 0) return;
    const [x, y] = canvasPoint(e);
    const at = shell.pointAt(x, y);
    if (!at) return;
    if (state.mode === 'place') {
      e.preventDefault(); e.stopImmediatePropagation();
      placeSite(at);
      return;
    }
    if (state.mode === 'pick') {
      e.preventDefault(); e.stopImmediatePropagation();
      if (at.id) linkFeature(at.id);
      return;
    }
    if (state.mode === 'highlight') {
      e.preventDefault(); e.stopImmediatePropagation();
      if (at.id) highlightFeature(at.id);
      return;
    }
    if (state.mode === 'draw') {
      e.preventDefault(); e.stopImmediatePropagation();
      addPoint(snap(x, y, at));
      return;
    }
    if (state.tab === 'corridors' && state.part) {
      // A click on a segment of the part inserts a point there.
      const k = segmentAt(x, y);
      if (k > 0) {
        e.preventDefault(); e.stopImmediatePropagation();
        const s = snap(x, y, at);
        editPoints((c) => c.splice(k, 0, [s.lon, s.lat]));
        state.point = k;
        renderTab();
        return;
      }
    }
    if (state.tab === 'corridors' && e.pointerType === 'touch' && state.part) {
      // A long press adds a point where the finger is.
      const t0 = { x: e.clientX, y: e.clientY };
      longPress = setTimeout(() => { longPress = 0; addPoint(snap(x, y, at)); }, 500);
      const cancel = (ev) => { if (Math.hypot(ev.clientX - t0.x, ev.clientY - t0.y) > 8 || ev.type !== 'pointermove') { clearTimeout(longPress); longPress = 0; window.removeEventListener('pointermove', cancel, true); window.removeEventListener('pointerup', cancel, true); } };
      window.addEventListener('pointermove', cancel, true);
      window.addEventListener('pointerup', cancel, true);
    }
    if (state.tab === 'sites' && at.id && at.id.startsWith('site:') && siteIndex(at.id) >= 0) {
      e.preventDefault(); e.stopImmediatePropagation();
      openSite(at.id);
      drag = { id: at.id, start: e.timeStamp, pointer: e.pointerId };
      e.target.setPointerCapture && e.target.setPointerCapture(e.pointerId);
    }
  }, { capture: true });
  window.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    e.preventDefault(); e.stopImmediatePropagation();
    const [x, y] = canvasPoint(e);
    const at = shell.pointAt(x, y);
    if (!at) return;
    change('sites.geojson', (doc) => {
      const f = doc.features[siteIndex(drag.id)];
      f.geometry = { type: 'Point', coordinates: [at.lon, at.lat] };
      // A point placed by hand has the map's place as its source.
      if (!f.properties.coordinates_source || f.properties.coordinates_source.startsWith(OSM)) f.properties.coordinates_source = osm(at);
    }, 'drag:' + drag.id + ':' + drag.start);
  }, { capture: true });
  window.addEventListener('pointerup', (e) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    e.preventDefault(); e.stopImmediatePropagation();
    drag = null;
    state.lastCoalesce = null;
    render();
  }, { capture: true });
  // A click the map would take after our pointerdown: not in these modes.
  window.addEventListener('click', (e) => {
    if ((state.mode || drag) && e.target.closest && e.target.closest('#map')) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, { capture: true });

  // The source of a point placed on the map: the place on OpenStreetMap.
  const OSM = 'https://www.openstreetmap.org/';
  const osm = (at) => OSM + '?mlat=' + at.lat.toFixed(5) + '&mlon=' + at.lon.toFixed(5);

  // freeId is the first id prefix + N (N from 1) not taken yet, and its N.
  function freeId(prefix, taken) {
    let n = 1;
    while (taken(prefix + n)) n++;
    return [prefix + n, n];
  }

  function placeSite(at) {
    const [id, n] = freeId('site:new-', (x) => siteIndex(x) >= 0);
    change('sites.geojson', (doc) => doc.features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [at.lon, at.lat] },
      properties: { id, name: 'New site ' + n, kind: 'city', country: at.country || undefined, description: 'To be described.', sources: [], coordinates_source: osm(at), accuracy: 'approx', articles: [] },
    }));
    setMode(null);
    openSite(id);
  }

  function highlightFeature(id) {
    const sc = story().scenes[state.scene];
    if (!sc || (sc.highlight || []).includes(id)) return;
    change('story.json', (doc) => { doc.scenes[state.scene].highlight = [...(sc.highlight || []), id]; });
    renderTab();
  }

  function linkFeature(id) {
    const a = state.doc['articles.json'].articles.find((x) => x.id === state.article);
    if (!a || (a.covers || []).includes(id)) return;
    change('articles.json', (doc) => {
      const art = doc.articles.find((x) => x.id === state.article);
      art.covers = [...(art.covers || []), id];
    });
    renderTab();
  }

  function setMode(m) {
    state.mode = m;
    document.documentElement.classList.toggle('studio-placing', m === 'place');
    document.documentElement.classList.toggle('studio-picking', m === 'pick' || m === 'highlight');
    document.documentElement.classList.toggle('studio-drawing', m === 'draw');
    status({ place: 'Click the map where the site is.', pick: 'Click features on the map to link them to the article; Done when finished.',
      draw: 'Click the map to add points to the part (a long press on a touch screen); Finish when done.',
      highlight: 'Click features on the map to highlight them in the scene; Done when finished.' }[m] || '');
    renderTab();
  }

  // --- Rendering ------------------------------------------------------
  const panel = el('aside', { class: 'studio', 'aria-label': 'Studio' });
  let statusText = '';
  function status(s) { statusText = s; renderStatus(); }

  function field(label, value, onInput, opts) {
    opts = opts || {};
    const id = 'f-' + Math.random().toString(36).slice(2);
    const input = opts.options
      ? el('select', { id, onchange: (e) => onInput(e.target.value) }, ...opts.options.map((o) => el('option', { value: o, text: o, selected: o === value })))
      : el(opts.multiline ? 'textarea' : 'input', { id, type: opts.type || 'text', value: opts.multiline ? null : (value == null ? '' : value), rows: opts.multiline ? 3 : null, oninput: (e) => onInput(e.target.value) });
    if (opts.multiline) input.value = value == null ? '' : value;
    const wrap = el('div', { class: 'field', 'data-path': opts.path || '' }, el('label', { for: id, text: label }), input);
    return wrap;
  }

  function renderStatus() {
    const bar = $('.studio-bar', panel);
    if (!bar) return;
    $('.studio-undo', bar).disabled = !state.undo.length;
    $('.studio-redo', bar).disabled = !state.redo.length;
    const save = $('.studio-save', bar);
    save.disabled = !state.dirty.size;
    save.textContent = state.dirty.size ? 'Save (' + [...state.dirty].join(', ') + ')' : 'Saved';
    $('.studio-status', panel).textContent = statusText;
  }

  // The problems and warnings, each at its field when the form shows it.
  function renderProblems() {
    for (const e of panel.querySelectorAll('.field .problem')) e.remove();
    for (const e of panel.querySelectorAll('.field [aria-invalid]')) e.removeAttribute('aria-invalid');
    const list = $('.studio-problems', panel);
    list.replaceChildren();
    for (const [kind, ps] of [['problem', state.problems], ['warning', state.warnings]]) {
      for (const p of ps) {
        const text = p.file + ':' + p.location + ': ' + (kind === 'warning' ? 'warning: ' : '') + p.message;
        list.append(el('li', { class: kind, text }));
        for (const f of panel.querySelectorAll('.field[data-path]')) {
          const path = f.getAttribute('data-path');
          if (path && (p.file + ':' + p.location).startsWith(path)) {
            f.append(el('p', { class: 'problem ' + kind, role: kind === 'problem' ? 'alert' : null, text: (kind === 'warning' ? 'Warning: ' : '') + p.message }));
            const input = $('input, select, textarea', f);
            if (kind === 'problem' && input) input.setAttribute('aria-invalid', 'true');
          }
        }
      }
    }
  }

  function render() {
    panel.replaceChildren(
      el('div', { class: 'studio-bar' },
        el('strong', { text: 'Studio' }),
        el('button', { type: 'button', class: 'studio-undo', text: 'Undo', onclick: () => undoRedo(state.undo, state.redo) }),
        el('button', { type: 'button', class: 'studio-redo', text: 'Redo', onclick: () => undoRedo(state.redo, state.undo) }),
        el('button', { type: 'button', class: 'studio-save', onclick: save })),
      el('p', { class: 'studio-status', role: 'status' }),
      el('div', { class: 'studio-stale', role: 'alert', hidden: true }),
      el('div', { class: 'studio-tabs', role: 'tablist' },
        ...[['sites', 'Sites'], ['bodies', 'Memberships'], ['articles', 'Articles'], ['corridors', 'Corridors'], ['story', 'Story']].map(([k, label]) =>
          el('button', { type: 'button', role: 'tab', 'aria-selected': String(state.tab === k), text: label, onclick: () => { state.tab = k; setMode(null); render(); } }))),
      el('div', { class: 'studio-tab' }),
      el('h3', { text: 'Checks' }),
      el('ul', { class: 'studio-problems' }));
    renderTab();
    renderStatus();
    renderProblems();
  }

  function renderTab() {
    const box = $('.studio-tab', panel);
    if (!box) return;
    const tabs = { sites: sitesTab, bodies: bodiesTab, articles: articlesTab, corridors: corridorsTab, story: storyTab };
    box.replaceChildren(...tabs[state.tab]());
    renderProblems();
    renderOverlay();
  }

  function openSite(id) { state.tab = 'sites'; state.site = id; api.select(id); render(); }

  function sitesTab() {
    const out = [el('p', {}, el('button', { type: 'button', class: 'studio-add-site', text: state.mode === 'place' ? 'Cancel' : 'Add a site', onclick: () => setMode(state.mode === 'place' ? null : 'place') }),
      ' ', el('span', { class: 'studio-hint', text: 'Drag a site on the map to move it.' }))];
    const list = el('select', { 'aria-label': 'Site', class: 'studio-site-list', onchange: (e) => openSite(e.target.value) },
      el('option', { value: '', text: '— choose a site —' }),
      ...features().map((f) => el('option', { value: f.properties.id, text: f.properties.name, selected: f.properties.id === state.site })));
    out.push(list);
    const i = siteIndex(state.site);
    if (i < 0) return out;
    const f = features()[i];
    const p = f.properties;
    const path = 'sites.geojson:features[' + i + ']';
    const set = (key, value, coalesce) => change('sites.geojson', (doc) => {
      const props = doc.features[siteIndex(p.id)].properties;
      if (value === '' || value == null) delete props[key]; else props[key] = value;
    }, coalesce);
    const kinds = [...new Set(features().map((x) => x.properties.kind).concat(['city', 'town', 'port', 'airbase', 'mine', 'border-crossing', 'summit-venue', 'institution']))];
    const coords = f.geometry.type === 'Point' ? f.geometry.coordinates : null;
    const at = coords ? 'at ' + coords[1].toFixed(4) + ', ' + coords[0].toFixed(4) : '';
    out.push(
      el('p', { class: 'studio-hint', text: p.id + ' ' + at }),
      field('Name', p.name, (v) => set('name', v, 'name:' + p.id), { path: path + '.properties.name' }),
      field('Kind', p.kind, (v) => set('kind', v), { options: kinds, path: path + '.properties.kind' }),
      field('Country (ISO code)', p.country, (v) => set('country', v.toUpperCase(), 'country:' + p.id), { path: path + '.properties.country' }),
      el('div', { class: 'field', 'data-path': path + '.geometry' }, el('span', { class: 'studio-hint', text: 'Where the point is, against the country: the checks say so here.' })),
      field('Since (YYYY, YYYY-MM or YYYY-MM-DD)', p.since, (v) => set('since', v, 'since:' + p.id), { path: path + '.properties.since' }),
      field('Until', p.until, (v) => set('until', v, 'until:' + p.id), { path: path + '.properties.until' }),
      field('Description', p.description, (v) => set('description', v, 'desc:' + p.id), { multiline: true, path: path + '.properties.description' }),
      field('Sources (one address a line)', (p.sources || []).join('\n'), (v) => set('sources', v.split('\n').map((s) => s.trim()).filter(Boolean), 'src:' + p.id), { multiline: true, path: path + '.properties.sources' }),
      field('Source of the coordinates', p.coordinates_source, (v) => set('coordinates_source', v, 'csrc:' + p.id), { path: path + '.properties.coordinates_source' }),
      field('Accuracy', p.accuracy, (v) => set('accuracy', v), { options: ACCURACIES, path: path + '.properties.accuracy' }),
      el('fieldset', { class: 'field', 'data-path': path + '.properties.articles' }, el('legend', { text: 'Linked articles' }),
        ...state.doc['articles.json'].articles.map((a) => el('label', {}, el('input', { type: 'checkbox', checked: (p.articles || []).includes(a.id), onchange: (e) => set('articles', e.target.checked ? [...(p.articles || []), a.id] : (p.articles || []).filter((x) => x !== a.id)) }), ' ' + a.title))),
      el('p', {}, el('button', { type: 'button', class: 'danger', text: 'Delete this site', onclick: () => deleteSite(p.id) })));
    return out;
  }

  // deleteSite removes a site and everything else that names it, so that
  // the folder still passes the checks: articles' and scenes' lists of ids,
  // meetings' and events' places, translations (the save changes those
  // files at once).
  function deleteSite(id) {
    change('sites.geojson', (doc) => { doc.features = doc.features.filter((f) => f.properties.id !== id); });
    const quoted = JSON.stringify(id);
    for (const name of new Set([...FILES, ...Object.keys(state.text)])) {
      if (!(name in state.doc)) {
        if (!(state.text[name] || '').includes(quoted)) continue;
        state.doc[name] = JSON.parse(state.text[name]);
      }
      if (forget(state.doc[name], id)) state.dirty.add(name);
    }
    state.site = null;
    api.select('');
    render();
  }

  // forget drops id from v in place: from lists, as a "site" (a meeting's
  // or an event's place) and as a key (what a translation translates); it
  // reports whether anything went.
  function forget(v, id) {
    let gone = false;
    if (Array.isArray(v)) {
      for (let k = v.length - 1; k >= 0; k--) {
        if (v[k] === id) { v.splice(k, 1); gone = true; } else gone = forget(v[k], id) || gone;
      }
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === id || (k === 'site' && x === id)) { delete v[k]; gone = true; } else gone = forget(x, id) || gone;
      }
    }
    return gone;
  }

  function bodiesTab() {
    const bodies = state.doc['bodies.json'].bodies;
    if (!state.body && bodies.length) state.body = bodies[0].id;
    const bi = bodies.findIndex((b) => b.id === state.body);
    const out = [el('select', { 'aria-label': 'Body', class: 'studio-body-list', onchange: (e) => { state.body = e.target.value; api.select(state.body); renderTab(); } },
      ...bodies.map((b) => el('option', { value: b.id, text: b.short_name || b.name, selected: b.id === state.body })))];
    if (bi < 0) return out;
    const b = bodies[bi];
    const base = 'bodies.json:bodies[' + bi + ']';
    const setRow = (list, i, key, value, coalesce) => change('bodies.json', (doc) => {
      const row = doc.bodies[bi][list][i];
      if (value === '' || value == null) { if (key === 'until') row.until = null; else delete row[key]; } else row[key] = value;
    }, coalesce);
    const cell = (list, i, key, value, opts) => {
      opts = opts || {};
      const path = base + '.' + list + '[' + i + '].' + key;
      const input = opts.options
        ? el('select', { 'aria-label': key, onchange: (e) => setRow(list, i, key, e.target.value) }, ...opts.options.map((o) => el('option', { value: o, text: o, selected: o === value })))
        : el('input', { 'aria-label': key, value: value == null ? '' : value, size: opts.size || 10, oninput: (e) => setRow(list, i, key, opts.upper ? e.target.value.toUpperCase() : e.target.value, list + i + key) });
      return el('td', { class: 'field', 'data-path': path }, input);
    };
    const members = b.members || [];
    out.push(el('h3', { text: 'Members' }),
      el('table', { class: 'studio-members' },
        el('thead', {}, el('tr', {}, ...['Country', 'Role', 'Since', 'Until', 'Source', ''].map((h) => el('th', { text: h })))),
        el('tbody', {}, ...members.map((m, i) => el('tr', { 'data-path': base + '.members[' + i + ']' },
          cell('members', i, 'country', m.country, { size: 4, upper: true }),
          cell('members', i, 'role', m.role, { options: ROLES }),
          cell('members', i, 'since', m.since),
          cell('members', i, 'until', m.until),
          cell('members', i, 'source', m.source, { size: 18 }),
          el('td', {}, el('button', { type: 'button', 'aria-label': 'Remove this row', text: '×', onclick: () => { change('bodies.json', (doc) => doc.bodies[bi].members.splice(i, 1)); renderTab(); } })))))),
      el('p', {}, el('button', { type: 'button', class: 'studio-add-member', text: 'Add a member', onclick: () => { change('bodies.json', (doc) => doc.bodies[bi].members.push({ country: '', role: 'member', since: '', until: null, source: '' })); renderTab(); } })));
    const meetings = b.meetings || [];
    out.push(el('h3', { text: 'Meetings' }),
      el('table', { class: 'studio-meetings' },
        el('thead', {}, el('tr', {}, ...['Date', 'Name', 'Site', 'Source', ''].map((h) => el('th', { text: h })))),
        el('tbody', {}, ...meetings.map((m, i) => el('tr', {},
          cell('meetings', i, 'date', m.date),
          cell('meetings', i, 'name', m.name, { size: 18 }),
          cell('meetings', i, 'site', m.site, { size: 12 }),
          cell('meetings', i, 'source', m.source, { size: 18 }),
          el('td', {}, el('button', { type: 'button', 'aria-label': 'Remove this row', text: '×', onclick: () => { change('bodies.json', (doc) => doc.bodies[bi].meetings.splice(i, 1)); renderTab(); } })))))),
      el('p', {}, el('button', { type: 'button', text: 'Add a meeting', onclick: () => { change('bodies.json', (doc) => { doc.bodies[bi].meetings = [...(doc.bodies[bi].meetings || []), { date: '', name: '', source: '' }]; }); renderTab(); } })));
    return out;
  }

  function articlesTab() {
    const arts = state.doc['articles.json'].articles;
    const out = [el('p', {}, el('button', { type: 'button', text: 'Add an article', onclick: () => {
      const [id] = freeId('article:new-', (x) => arts.some((a) => a.id === x));
      change('articles.json', (doc) => doc.articles.push({ id, title: 'New article', author: '', publication: '', date: '', url: '', url_is_listing: false, summary: '', covers: [] }));
      state.article = id;
      renderTab();
    } })),
    el('select', { 'aria-label': 'Article', class: 'studio-article-list', onchange: (e) => { state.article = e.target.value; setMode(null); } },
      el('option', { value: '', text: '— choose an article —' }),
      ...arts.map((a) => el('option', { value: a.id, text: a.title, selected: a.id === state.article })))];
    const ai = arts.findIndex((a) => a.id === state.article);
    if (ai < 0) return out;
    const a = arts[ai];
    const path = 'articles.json:articles[' + ai + ']';
    const set = (key, value, coalesce) => change('articles.json', (doc) => { doc.articles[ai][key] = value; }, coalesce);
    out.push(
      field('Id', a.id, (v) => set('id', v, 'aid' + ai), { path: path + '.id' }),
      field('Title', a.title, (v) => set('title', v, 'title' + ai), { path: path + '.title' }),
      field('Author', a.author, (v) => set('author', v, 'author' + ai), { path: path + '.author' }),
      field('Publication', a.publication, (v) => set('publication', v, 'pub' + ai), { path: path + '.publication' }),
      field('Date (YYYY-MM-DD)', a.date, (v) => set('date', v, 'date' + ai), { path: path + '.date' }),
      field('Link', a.url, (v) => set('url', v, 'url' + ai), { path: path + '.url' }),
      el('label', { class: 'field' }, el('input', { type: 'checkbox', checked: !!a.url_is_listing, onchange: (e) => set('url_is_listing', e.target.checked) }), ' The link is a listing page, not the article itself'),
      field('Summary (in your words)', a.summary, (v) => set('summary', v, 'sum' + ai), { multiline: true, path: path + '.summary' }),
      el('div', { class: 'field', 'data-path': path + '.covers' },
        el('p', {}, el('strong', { text: 'Discusses ' }),
          el('button', { type: 'button', class: 'studio-pick', text: state.mode === 'pick' ? 'Done' : 'Pick on the map', onclick: () => setMode(state.mode === 'pick' ? null : 'pick') })),
        el('ul', {}, ...(a.covers || []).map((id) => el('li', {}, id + ' ', el('button', { type: 'button', 'aria-label': 'Unlink ' + id, text: '×', onclick: () => { set('covers', a.covers.filter((x) => x !== id)); renderTab(); } }))))));
    return out;
  }

  // --- Corridors --------------------------------------------------------
  const corridors = () => state.doc['corridors.json'].corridors;
  const lines = () => state.doc['corridors.geojson'].features;
  const partIndex = () => lines().findIndex((f) => f.properties.corridor === state.corridor && f.properties.part === state.part);
  const slug = (s) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';

  // snap moves a point within SNAP px of a site or of another part's end
  // onto it.
  function snap(x, y, at) {
    let best = null, bestD = SNAP;
    const consider = (c) => {
      const p = shell.screenOf(c[0], c[1]);
      if (!p) return;
      const d = Math.hypot(p[0] - x, p[1] - y);
      if (d < bestD) { bestD = d; best = c; }
    };
    for (const f of features()) if (f.geometry.type === 'Point') consider(f.geometry.coordinates);
    const own = partIndex();
    lines().forEach((f, i) => {
      if (i === own) return;
      const c = f.geometry.coordinates;
      if (c.length) { consider(c[0]); consider(c[c.length - 1]); }
    });
    return best ? { lon: best[0], lat: best[1] } : at;
  }

  // segmentAt is k when (x, y) lies within SNAP px of the selected part's
  // segment from point k-1 to point k, else -1.
  function segmentAt(x, y) {
    const i = partIndex();
    if (i < 0) return -1;
    const pos = lines()[i].geometry.coordinates.map((c) => shell.screenOf(c[0], c[1]));
    for (let k = 1; k < pos.length; k++) {
      const a = pos[k - 1], b = pos[k];
      if (!a || !b) continue;
      const dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy;
      const t = len2 ? Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2)) : 0;
      // Not at the points themselves: their handles take those clicks.
      if (t > 0.05 && t < 0.95 && Math.hypot(a[0] + t * dx - x, a[1] + t * dy - y) < SNAP) return k;
    }
    return -1;
  }

  function addPoint(at) {
    const i = partIndex();
    if (i < 0) return;
    change('corridors.geojson', (doc) => {
      const f = doc.features[i];
      f.geometry.coordinates.push([at.lon, at.lat]);
      syncWaypoints(f);
    });
    state.point = lines()[i].geometry.coordinates.length - 1;
    renderTab();
  }

  // A part's optional lists per point (waypoints, accuracy) follow its points.
  function syncWaypoints(f) {
    const n = f.geometry.coordinates.length;
    for (const key of ['waypoints', 'accuracy']) {
      const list = f.properties[key];
      if (!Array.isArray(list)) continue;
      while (list.length < n) list.push(key === 'accuracy' ? 'approx' : 'point ' + (list.length + 1));
      list.length = n;
    }
  }

  function editPoints(fn) {
    const i = partIndex();
    if (i < 0) return;
    change('corridors.geojson', (doc) => { fn(doc.features[i].geometry.coordinates); syncWaypoints(doc.features[i]); });
    renderTab();
  }

  function newCorridor() {
    const [id, n] = freeId('corridor:new-', (x) => corridors().some((c) => c.id === x));
    change('corridors.json', (doc) => doc.corridors.push({ id, name: 'New corridor ' + n, kind: 'route', status: 'planned', description: 'To be described.', sources: [], articles: [], events: [] }));
    state.corridor = id; state.part = null;
    newPart();
  }

  function newPart() {
    if (!state.corridor) return;
    const [part, n] = freeId('part-', (x) => lines().some((f) => f.properties.corridor === state.corridor && f.properties.part === x));
    change('corridors.geojson', (doc) => doc.features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [] },
      properties: { corridor: state.corridor, part, name: 'Part ' + n, role: n === 1 ? 'main' : 'branch', mode: 'rail', status: 'planned', source: '' } }));
    state.part = part; state.point = null;
    setMode('draw');
  }

  function corridorsTab() {
    const out = [el('p', {}, el('button', { type: 'button', class: 'studio-new-corridor', text: 'New corridor', onclick: newCorridor })),
      el('select', { 'aria-label': 'Corridor', class: 'studio-corridor-list', onchange: (e) => { state.corridor = e.target.value; state.part = null; api.select(state.corridor); setMode(null); } },
        el('option', { value: '', text: '— choose a corridor —' }),
        ...corridors().map((c) => el('option', { value: c.id, text: c.name, selected: c.id === state.corridor })))];
    const ci = corridors().findIndex((c) => c.id === state.corridor);
    if (ci < 0) return out;
    const c = corridors()[ci];
    const cpath = 'corridors.json:corridors[' + ci + ']';
    const setC = (key, value, coalesce) => change('corridors.json', (doc) => {
      const x = doc.corridors[ci];
      if (value === '' || value == null) delete x[key]; else x[key] = value;
    }, coalesce);
    out.push(
      field('Name', c.name, (v) => setC('name', v, 'cname' + ci), { path: cpath + '.name' }),
      field('Kind', c.kind, (v) => setC('kind', v, 'ckind' + ci), { path: cpath + '.kind' }),
      field('Status', c.status, (v) => setC('status', v), { options: STATUSES, path: cpath + '.status' }),
      field('Since', c.since, (v) => setC('since', v, 'csince' + ci), { path: cpath + '.since' }),
      field('Until', c.until, (v) => setC('until', v, 'cuntil' + ci), { path: cpath + '.until' }),
      field('Description', c.description, (v) => setC('description', v, 'cdesc' + ci), { multiline: true, path: cpath + '.description' }),
      field('Sources (one address a line)', (c.sources || []).join('\n'), (v) => setC('sources', v.split('\n').map((x) => x.trim()).filter(Boolean), 'csrc' + ci), { multiline: true, path: cpath + '.sources' }),
      el('fieldset', { class: 'field', 'data-path': cpath + '.articles' }, el('legend', { text: 'Linked articles' }),
        ...state.doc['articles.json'].articles.map((a) => el('label', {}, el('input', { type: 'checkbox', checked: (c.articles || []).includes(a.id), onchange: (e) => setC('articles', e.target.checked ? [...(c.articles || []), a.id] : (c.articles || []).filter((x) => x !== a.id)) }), ' ' + a.title))),
      el('h3', { text: 'Parts' }),
      el('p', {}, el('select', { 'aria-label': 'Part', class: 'studio-part-list', onchange: (e) => { state.part = e.target.value; state.point = null; setMode(null); } },
        el('option', { value: '', text: '— choose a part —' }),
        ...lines().filter((f) => f.properties.corridor === c.id).map((f) => el('option', { value: f.properties.part, text: f.properties.name, selected: f.properties.part === state.part }))),
      ' ', el('button', { type: 'button', class: 'studio-new-part', text: 'New part', onclick: newPart })));
    const pi = partIndex();
    if (pi < 0) return out;
    const f = lines()[pi], p = f.properties;
    const ppath = 'corridors.geojson:features[' + pi + ']';
    const setP = (key, value, coalesce) => change('corridors.geojson', (doc) => {
      const x = doc.features[pi].properties;
      if (key === 'part') state.part = value;
      if (value === '' || value == null) delete x[key]; else x[key] = value;
    }, coalesce);
    const n = f.geometry.coordinates.length;
    out.push(
      el('p', {}, el('button', { type: 'button', class: 'studio-draw', text: state.mode === 'draw' ? 'Finish' : 'Add points on the map', onclick: () => setMode(state.mode === 'draw' ? null : 'draw') }),
        ' ', el('button', { type: 'button', class: 'studio-add-centre', text: 'Add a point at the centre', onclick: () => { const r = $('#map canvas').getBoundingClientRect(); const at = shell.pointAt(r.width / 2, r.height / 2); if (at) addPoint(snap(r.width / 2, r.height / 2, at)); } })),
      el('p', { class: 'studio-hint', text: n + ' point' + (n === 1 ? '' : 's') + '. Drag a point to move it, click the line (or + between two) to insert one; a selected point moves with the arrow keys and goes with Delete.' }),
      el('div', { class: 'field', 'data-path': ppath + '.geometry' }),
      field('Part id', p.part, (v) => setP('part', slug(v), 'pid' + pi), { path: ppath + '.properties.part' }),
      field('Part name', p.name, (v) => setP('name', v, 'pname' + pi), { path: ppath + '.properties.name' }),
      field('Role', p.role, (v) => setP('role', v), { options: PART_ROLES, path: ppath + '.properties.role' }),
      field('Mode', p.mode, (v) => setP('mode', v), { options: MODES, path: ppath + '.properties.mode' }),
      field('Part status', p.status, (v) => setP('status', v), { options: STATUSES, path: ppath + '.properties.status' }),
      field('Part since', p.since, (v) => setP('since', v, 'psince' + pi), { path: ppath + '.properties.since' }),
      field('Part source', p.source, (v) => setP('source', v, 'psrc' + pi), { path: ppath + '.properties.source' }),
      el('p', {}, el('button', { type: 'button', class: 'studio-delete-point', text: 'Delete the selected point', disabled: state.point == null, onclick: deletePoint }),
        ' ', el('button', { type: 'button', class: 'danger', text: 'Delete this part', onclick: () => { change('corridors.geojson', (doc) => doc.features.splice(pi, 1)); state.part = null; setMode(null); } })));
    return out;
  }

  function deletePoint() {
    if (state.point == null) return;
    const k = state.point;
    editPoints((c) => c.splice(k, 1));
    state.point = null;
    renderTab();
  }

  // The handles of the selected part's points, and + between them, over
  // the map; and the 1280x720 frame a scene is written for.
  const overlay = el('div', { class: 'studio-overlay', 'aria-label': 'Points of the part' });
  let handleDrag = false; // a handle being dragged keeps its element (and the pointer's capture)
  function renderOverlay() {
    if (handleDrag) return;
    overlay.replaceChildren();
    const map = $('#map canvas');
    if (!map) return;
    const r = map.getBoundingClientRect();
    if (state.tab === 'story') {
      overlay.append(el('div', { class: 'studio-frame', style: `left:${r.left + (r.width - 1280) / 2}px;top:${r.top + (r.height - 720) / 2}px`, title: 'What a 1280 × 720 screen shows of this view' }));
      return;
    }
    const i = state.tab === 'corridors' ? partIndex() : -1;
    if (i < 0) return;
    const coords = lines()[i].geometry.coordinates;
    const flags = {};
    for (const p of state.problems.concat(state.warnings)) {
      const m = (p.file + ':' + p.location).match(/^corridors\.geojson:features\[(\d+)\]\.geometry\.coordinates\[(\d+)\]$/);
      if (m && +m[1] === i) flags[+m[2]] = (flags[+m[2]] ? flags[+m[2]] + ' ' : '') + p.message;
    }
    const pos = coords.map((c) => shell.screenOf(c[0], c[1]));
    pos.forEach((p, k) => {
      if (!p) return;
      if (k > 0 && pos[k - 1]) {
        const q = pos[k - 1];
        overlay.append(el('button', { type: 'button', class: 'studio-insert', 'aria-label': 'Insert a point between ' + k + ' and ' + (k + 1), text: '+',
          style: `left:${r.left + (p[0] + q[0]) / 2}px;top:${r.top + (p[1] + q[1]) / 2}px`,
          onclick: () => { const at = shell.pointAt((p[0] + q[0]) / 2, (p[1] + q[1]) / 2); if (at) { editPoints((c) => c.splice(k, 0, [at.lon, at.lat])); state.point = k; renderTab(); } } }));
      }
      const h = el('button', { type: 'button', class: 'studio-handle' + (k === state.point ? ' selected' : '') + (flags[k] ? ' flagged' : ''),
        'aria-label': 'Point ' + (k + 1) + (flags[k] ? ': ' + flags[k] : ''), title: flags[k] || 'Point ' + (k + 1),
        style: `left:${r.left + p[0]}px;top:${r.top + p[1]}px` });
      h.addEventListener('pointerdown', (e) => {
        e.preventDefault(); e.stopPropagation();
        state.point = k;
        handleDrag = true;
        h.setPointerCapture(e.pointerId);
        const start = e.timeStamp;
        const move = (ev) => {
          const x = ev.clientX - r.left, y = ev.clientY - r.top;
          const at = shell.pointAt(x, y);
          if (!at) return;
          const s = snap(x, y, at);
          moved = true;
          change('corridors.geojson', (doc) => { doc.features[i].geometry.coordinates[k] = [s.lon, s.lat]; }, 'pt:' + i + ':' + k + ':' + start);
          h.style.left = (r.left + x) + 'px'; h.style.top = (r.top + y) + 'px';
        };
        let moved = false;
        const up = (ev) => {
          // The point ends where the pointer is let go (a last move may not
          // have come as its own event).
          if (moved) move(ev);
          h.removeEventListener('pointermove', move); h.removeEventListener('pointerup', up); h.removeEventListener('pointercancel', up);
          handleDrag = false; state.lastCoalesce = null; renderTab();
        };
        h.addEventListener('pointermove', move);
        h.addEventListener('pointerup', up);
        h.addEventListener('pointercancel', up);
      });
      h.addEventListener('keydown', (e) => {
        const d = { ArrowLeft: [-4, 0], ArrowRight: [4, 0], ArrowUp: [0, -4], ArrowDown: [0, 4] }[e.key];
        if (d) {
          e.preventDefault();
          const at = shell.pointAt(p[0] + d[0], p[1] + d[1]);
          if (at) { change('corridors.geojson', (doc) => { doc.features[i].geometry.coordinates[k] = [at.lon, at.lat]; }, 'key:' + i + ':' + k); state.point = k; renderOverlay(); focusHandle(k); }
        } else if (e.key === 'Delete' || e.key === 'Backspace') {
          e.preventDefault(); state.point = k; deletePoint();
        }
      });
      h.addEventListener('focus', () => { if (state.point !== k) { state.point = k; for (const b of overlay.querySelectorAll('.studio-handle')) b.classList.toggle('selected', b === h); } });
      overlay.append(h);
    });
  }
  const focusHandle = (k) => { const h = overlay.querySelectorAll('.studio-handle')[k]; if (h) h.focus(); };

  // --- The story -------------------------------------------------------
  const story = () => state.doc['story.json'];

  function storyTab() {
    const scenes = story().scenes;
    const move = (i, j) => {
      if (j < 0 || j >= scenes.length) return;
      change('story.json', (doc) => { const [sc] = doc.scenes.splice(i, 1); doc.scenes.splice(j, 0, sc); });
      state.scene = j;
      renderTab();
    };
    let dragFrom = null;
    const out = [
      field('Story title', story().title, (v) => change('story.json', (doc) => { doc.title = v; }, 'stitle'), { path: 'story.json:title' }),
      el('p', {}, el('button', { type: 'button', class: 'studio-add-scene', text: 'Add a scene from this view', onclick: () => {
        const v = api.getView();
        change('story.json', (doc) => doc.scenes.push(Object.assign({ title: 'New scene', caption: 'To be written.', view: api.getFragment(), highlight: v.sel ? [v.sel] : [], notes: '' }, v.article ? { article: v.article } : {})));
        state.scene = story().scenes.length - 1;
        renderTab();
      } })),
      el('ol', { class: 'studio-scenes' }, ...scenes.map((sc, i) => el('li', { draggable: 'true', class: i === state.scene ? 'selected' : '',
        ondragstart: (e) => { dragFrom = i; e.dataTransfer.setData('text/plain', String(i)); },
        ondragover: (e) => e.preventDefault(),
        ondrop: (e) => { e.preventDefault(); const from = dragFrom != null ? dragFrom : +e.dataTransfer.getData('text/plain'); move(from, i); } },
        el('button', { type: 'button', class: 'linklike', text: sc.title, onclick: () => { state.scene = i; renderTab(); } }), ' ',
        el('button', { type: 'button', 'aria-label': 'Move up', text: '▲', onclick: () => move(i, i - 1) }),
        el('button', { type: 'button', 'aria-label': 'Move down', text: '▼', onclick: () => move(i, i + 1) }),
        el('button', { type: 'button', class: 'studio-play', 'aria-label': 'Play from scene ' + (i + 1), text: '▶', onclick: () => play(i) }),
        el('button', { type: 'button', 'aria-label': 'Delete scene ' + (i + 1), text: '×', onclick: () => { change('story.json', (doc) => doc.scenes.splice(i, 1)); state.scene = null; renderTab(); } }))))];
    const i = state.scene;
    const sc = scenes[i];
    if (!sc) return out;
    const path = 'story.json:scenes[' + i + ']';
    const set = (key, value, coalesce) => change('story.json', (doc) => { if (value === '' || value == null) delete doc.scenes[i][key]; else doc.scenes[i][key] = value; }, coalesce);
    out.push(
      field('Scene title', sc.title, (v) => set('title', v, 'sct' + i), { path: path + '.title' }),
      field('Caption', sc.caption, (v) => set('caption', v, 'scc' + i), { multiline: true, path: path + '.caption' }),
      field('Speaker notes', sc.notes, (v) => set('notes', v, 'scn' + i), { multiline: true, path: path + '.notes' }),
      field('Article', sc.article || '', (v) => set('article', v), { options: [''].concat(state.doc['articles.json'].articles.map((a) => a.id)), path: path + '.article' }),
      el('div', { class: 'field', 'data-path': path + '.view' }, el('p', { class: 'studio-hint', text: 'View: ' + sc.view }),
        el('button', { type: 'button', text: 'Use the current view', onclick: () => { set('view', api.getFragment()); renderTab(); } }),
        ' ', el('button', { type: 'button', text: 'Go to it', onclick: () => api.setView(sc.view) })),
      el('div', { class: 'field', 'data-path': path + '.highlight' },
        el('p', {}, el('strong', { text: 'Highlighted ' }),
          el('button', { type: 'button', class: 'studio-highlight', text: state.mode === 'highlight' ? 'Done' : 'Pick on the map', onclick: () => setMode(state.mode === 'highlight' ? null : 'highlight') })),
        el('ul', {}, ...(sc.highlight || []).map((id) => el('li', {}, id + ' ', el('button', { type: 'button', 'aria-label': 'Unhighlight ' + id, text: '×', onclick: () => { set('highlight', sc.highlight.filter((x) => x !== id)); renderTab(); } }))))));
    return out;
  }

  // play shows the story from scene i as the tour shows it; Back to editing
  // returns to the view and the scene the editor was at.
  const player = el('section', { class: 'studio-player', 'aria-label': 'Playing the story', hidden: true });
  function play(i) {
    preview();
    const back = api.getFragment();
    const n = story().scenes.length;
    const show = (k) => {
      shell.playScene(k + 1);
      const sc = story().scenes[k];
      player.replaceChildren(
        el('p', { class: 'studio-player-progress', text: (k + 1) + ' / ' + n }),
        el('h2', { class: 'studio-player-title', text: sc.title }),
        el('p', { text: sc.caption }),
        el('p', {}, el('button', { type: 'button', text: 'Previous', disabled: k === 0, onclick: () => show(k - 1) }), ' ',
          el('button', { type: 'button', text: 'Next', disabled: k === n - 1, onclick: () => show(k + 1) }), ' ',
          el('button', { type: 'button', class: 'studio-player-back', text: 'Back to editing', onclick: () => {
            player.hidden = true; panel.hidden = false;
            api.setView({ scene: 0 }); api.setView(back);
            state.scene = i; render();
          } })));
    };
    panel.hidden = true; overlay.replaceChildren();
    player.hidden = false;
    show(i);
  }

  // --- The token, and news from other tabs -----------------------------
  function askToken(why) {
    const d = el('div', { class: 'dialog studio-token', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'token-title' },
      el('h2', { id: 'token-title', text: 'Editing token' }),
      el('p', { text: (why ? why + ' ' : '') + 'Give the token silkmap serve printed when it started (or SILKMAP_EDIT_TOKEN). It is kept for this tab only.' }),
      el('input', { type: 'password', 'aria-label': 'Token', autocomplete: 'off' }),
      el('p', {}, el('button', { type: 'button', text: 'Start editing', onclick: () => {
        state.token = $('input', d).value.trim();
        if (!state.token) return;
        sessionStorage.setItem('silkmap-token', state.token);
        d.remove();
        status('Ready to edit.');
      } })));
    document.body.append(d);
    $('input', d).focus();
  }

  function listen() {
    const es = new EventSource('api/events');
    es.addEventListener('content', async () => {
      // Our own save comes back too: compare what the folder has with what
      // this tab read or wrote.
      if (saving) await saving;
      const changed = (await Promise.all(Object.keys(state.etag).map(async (name) => {
        const r = await fetch('api/content/' + name, { method: 'HEAD', cache: 'no-store' });
        return r.ok && r.headers.get('ETag') !== state.etag[name] && name;
      }))).filter(Boolean);
      if (!changed.length) return;
      if (!state.dirty.size) {
        await readAll();
        await preview();
        render();
        status('Updated: ' + changed.join(', ') + ' saved elsewhere.');
      } else {
        status(changed.join(', ') + ' saved elsewhere since you opened it: your Save will ask what to keep.');
      }
    });
  }

  api.ready.then(async () => {
    document.documentElement.classList.add('studio-on');
    document.body.append(panel, overlay, player);
    // The map moves the view every frame of a pan or a flight: the handles
    // follow once per browser frame.
    let overlayFrame = 0;
    api.on('view', () => {
      if (!drag && !overlayFrame) overlayFrame = requestAnimationFrame(() => { overlayFrame = 0; renderOverlay(); });
    });
    await readAll();
    render();
    listen();
    if (!state.token) askToken();
    else status('Ready to edit.');
  });
})();
