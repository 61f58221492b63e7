// silkmap studio: edit the content folder on the map (silkmap serve --edit,
// page /edit). Sites are placed, dragged and described; bodies' members and
// meetings edited in tables; articles written and linked to features picked
// on the map. Every change is shown on the map at once (the map's preview,
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
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (v === true) e.setAttribute(k, '');
      else if (v != null && v !== false) e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  };

  // The files the studio edits, as the content format names them.
  const FILES = ['articles.json', 'bodies.json', 'sites.geojson'];
  const ROLES = ['member', 'observer', 'frozen', 'suspended'];
  const ACCURACIES = ['exact', 'city', 'approx'];

  const state = {
    token: sessionStorage.getItem('silkmap-token') || '',
    text: {},        // every content file's text, as read or edited
    etag: {},        // the ETag each file was read with
    doc: {},         // the parsed files the studio edits (FILES)
    undo: [], redo: [],
    dirty: new Set(), // files changed since read
    problems: [], warnings: [],
    tab: 'sites', site: null, body: null, article: null,
    mode: null,      // 'place' (a click places a new site) or 'pick' (a click links a feature)
  };

  // --- Reading and saving --------------------------------------------
  const authHeaders = () => ({ Authorization: 'Bearer ' + state.token });

  async function readAll() {
    const idx = await (await fetch('content/index.json', { cache: 'no-store' })).json();
    state.text = {}; state.etag = {};
    for (const name of idx.files) {
      const r = await fetch('api/content/' + name, { cache: 'no-store' });
      if (!r.ok) continue;
      state.text[name] = await r.text();
      state.etag[name] = r.headers.get('ETag');
    }
    for (const name of FILES) state.doc[name] = JSON.parse(state.text[name] || emptyFile(name));
    state.dirty.clear(); state.undo = []; state.redo = [];
  }
  const emptyFile = (name) => name === 'sites.geojson' ? '{"type": "FeatureCollection", "features": []}'
    : name === 'bodies.json' ? '{"bodies": []}' : '{"articles": []}';

  // The whole folder as it would be saved now.
  const currentFiles = () => {
    const files = { ...state.text };
    for (const name of FILES) files[name] = JSON.stringify(state.doc[name], null, 2) + '\n';
    return files;
  };

  async function save() {
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
        for (const name of state.dirty) {
          const r = await fetch('api/content/' + name, { cache: 'no-store' });
          state.etag[name] = r.ok ? r.headers.get('ETag') : null;
        }
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
    const before = JSON.stringify(state.doc);
    fn(state.doc[name]);
    if (!coalesce || state.lastCoalesce !== coalesce) state.undo.push({ docs: before, dirty: [...state.dirty] });
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
  }

  // --- The map --------------------------------------------------------
  const canvasPoint = (e) => {
    const r = $('#map canvas').getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  const features = () => state.doc['sites.geojson'].features;
  const siteIndex = (id) => features().findIndex((f) => f.properties.id === id);
  let drag = null;
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

  function placeSite(at) {
    const used = new Set(features().map((f) => f.properties.id));
    let n = 1;
    while (used.has('site:new-' + n)) n++;
    const id = 'site:new-' + n;
    change('sites.geojson', (doc) => doc.features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [at.lon, at.lat] },
      properties: { id, name: 'New site ' + n, kind: 'city', country: at.country || undefined, description: 'To be described.', sources: [], coordinates_source: osm(at), accuracy: 'approx', articles: [] },
    }));
    setMode(null);
    openSite(id);
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
    document.documentElement.classList.toggle('studio-picking', m === 'pick');
    status(m === 'place' ? 'Click the map where the site is.' : m === 'pick' ? 'Click features on the map to link them to the article; Done when finished.' : '');
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
            if (kind === 'problem') $('input, select, textarea', f).setAttribute('aria-invalid', 'true');
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
        ...[['sites', 'Sites'], ['bodies', 'Memberships'], ['articles', 'Articles']].map(([k, label]) =>
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
    box.replaceChildren(...(state.tab === 'sites' ? sitesTab() : state.tab === 'bodies' ? bodiesTab() : articlesTab()));
    renderProblems();
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

  // deleteSite removes a site and every article's link to it (the save
  // changes both files at once).
  function deleteSite(id) {
    change('sites.geojson', (doc) => { doc.features = doc.features.filter((f) => f.properties.id !== id); });
    if (state.doc['articles.json'].articles.some((a) => (a.covers || []).includes(id))) {
      state.dirty.add('articles.json');
      for (const a of state.doc['articles.json'].articles) a.covers = (a.covers || []).filter((x) => x !== id);
    }
    state.site = null;
    api.select('');
    render();
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
      let n = 1;
      while (arts.some((a) => a.id === 'article:new-' + n)) n++;
      const id = 'article:new-' + n;
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
      // this tab read.
      const changed = [];
      for (const name of Object.keys(state.etag)) {
        const r = await fetch('api/content/' + name, { method: 'HEAD', cache: 'no-store' });
        if (r.ok && r.headers.get('ETag') !== state.etag[name]) changed.push(name);
      }
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
    document.body.append(panel);
    await readAll();
    render();
    listen();
    if (!state.token) askToken();
    else status('Ready to edit.');
    window.silkmapStudio = { state }; // for tests and the curious
  });
})();
