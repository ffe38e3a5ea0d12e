// The supervisor's desk: zones on a map, the day's plan (routes, timeline, stops, what could
// not be planned), the review queue and reports, accounts. Everything comes from /api with
// the token kept in sessionStorage (this tab only) and sent as a header.
import { api, lines, failure, esc, $, $$, el, say, hhmm, minutes, today, money, plural, showDocument, SvgMap } from '/app/common.js';

const KEY = 'fp.token';
const state = { token: sessionStorage.getItem(KEY), me: null, map: null, index: null, plan: null, settings: null, zone: null, sheetHTML: null };
const call = (method, path, body) => api(method, path, { token: state.token, body });
const series = ['#1f5fa8', '#d9822b', '#2e7d4f', '#b3261e', '#7b4fa0', '#8a6d00', '#0f7c8c', '#c2185b'];

// ---- sign-in -------------------------------------------------------------------------
async function signIn(token) {
  const msg = $('#signin-msg');
  const route = location.hash.slice(1) || 'map';
  // #day/YYYY-MM-DD opens that day's plan straight away (a link, a bookmark, a reload).
  const day = /^day\/(\d{4}-\d\d-\d\d)$/.exec(route);
  // A tab that is already signed in asks for everything at once rather than one call after
  // another; the answers are used only once /api/me has accepted the token.
  const returning = token === state.token;
  const settings = api('GET', '/api/settings', { token });
  const early = returning && day ? api('GET', `/api/plans/${day[1]}`, { token }) : null;
  const r = await api('GET', '/api/me', { token });
  if (r.status === 401) return say(msg, 'The server does not know this token (or it was revoked).', 'error');
  if (!r.ok) return say(msg, failure(r, 'sign-in'), 'error');
  if (r.json.role !== 'supervisor') return say(msg, 'This is an agent\'s token: agents use /agent on their phone.', 'error');
  state.token = token;
  state.me = r.json;
  sessionStorage.setItem(KEY, token);
  $('#signin').classList.add('hidden');
  $('#tabs').classList.remove('hidden');
  $('#who').classList.remove('hidden');
  $('#who-name').textContent = r.json.name;
  const s = await settings;
  state.settings = s.ok ? s.json : {};
  show(route);
  if (keptMap()) {
    // Drawn from the kept map first; the fresh one is asked for once the day is drawn, so
    // the two answers do not share the server's time.
    state.mapReady = Promise.resolve();
    if (day) { $('#plan-date').value = day[1]; await loadPlan(undefined, early); }
    await loadMap();
  } else {
    const map = loadMap();
    if (day) { $('#plan-date').value = day[1]; loadPlan(undefined, early); }
    await map;
  }
}

function signOut() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(MAP_KEY);
  location.reload();
}

function show(route) {
  let tab = String(route).split('/')[0];
  if (!['map', 'day', 'results', 'accounts'].includes(tab)) tab = 'map';
  for (const b of $$('#tabs button')) b.setAttribute('aria-current', b.dataset.tab === tab ? 'page' : 'false');
  for (const t of ['map', 'day', 'results', 'accounts']) $('#tab-' + t).classList.toggle('hidden', t !== tab);
  if (location.hash.slice(1).split('/')[0] !== tab) history.replaceState(null, '', '#' + tab);
  if (tab === 'results' && !state.reviewLoaded) { state.reviewLoaded = true; loadReview(); }
  if (tab === 'day' && !state.daysLoaded) { state.daysLoaded = true; loadDays(); }
}

// ---- map -----------------------------------------------------------------------------
// The zone map is the slowest answer the desk waits for (every located account and every
// zone's outline). The tab keeps the last one in sessionStorage (ids and places only, gone
// with the tab, like the token): a reload or a link draws from it at once, and the fresh
// answer, asked for every time, replaces it and redraws what changed.
const MAP_KEY = 'fp.zonemap';

function keptMap() {
  const text = sessionStorage.getItem(MAP_KEY);
  if (!text) return false;
  try { useMap(JSON.parse(text), text); } catch (e) { sessionStorage.removeItem(MAP_KEY); return false; }
  return true;
}

function useMap(map, text) {
  state.map = map;
  state.mapText = text;
  state.index = new Map(map.accounts.ids.map((id, i) => [id, i]));
  drawZones();
}

function loadMap() {
  state.mapReady = fetchMap();
  return state.mapReady;
}

async function fetchMap() {
  const r = await call('GET', '/api/zones/map');
  if (!r.ok) return say($('#map-msg'), failure(r, 'zone map'), 'error');
  if (r.text === state.mapText) return;
  useMap(r.json, r.text);
  try { sessionStorage.setItem(MAP_KEY, r.text); } catch (e) { sessionStorage.removeItem(MAP_KEY); }  // too big to keep: asked for each time
  if (state.plan) renderPlan(state.plan);  // the routes on the new places
}

function agentName(id) {
  const a = state.map && state.map.agents.find(x => x.id === id);
  return a ? a.name : id;
}

function drawZones() {
  const m = state.map;
  const map = new SvgMap($('#zone-map'), m.bounds, 'zone map: accounts by zone, zone outlines and agents\' bases');
  state.zoneMap = map;
  const byZone = m.zones.map(() => []);
  const none = [];
  const a = m.accounts;
  for (let i = 0; i < a.ids.length; i++) (a.zone[i] >= 0 ? byZone[a.zone[i]] : none).push([a.lat[i], a.lon[i]]);
  state.polygons = {};
  m.zones.forEach((z, t) => {
    if (z.outlines.length) {
      const p = map.polygon(z.outlines, z.color, { tabindex: '-1', 'data-zone': z.id });
      p.addEventListener('click', () => { if (!map.suppressClick) selectZone(z.id); });
      const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      title.textContent = `${z.id}${z.name ? ' · ' + z.name : ''} · ${z.agent_id ? agentName(z.agent_id) : 'no agent'}`;
      p.append(title);
      state.polygons[z.id] = p;
    }
    map.dots(byZone[t], z.color, 4);
  });
  if (none.length) map.dots(none, '#7b8794', 3);
  for (const g of m.agents) map.base(g.base.lat, g.base.lon, `${g.id} ${g.name} (base)`);
  for (const z of m.zones) if (z.centroid) map.label(z.centroid.lat, z.centroid.lon, z.id);
  map.apply();
  $('#zone-legend').innerHTML = m.zones.map(z =>
    `<span><span class="sw" style="background:${esc(z.color)}"></span>${esc(z.id)}${z.name ? ' ' + esc(z.name) : ''} · ${esc(z.agent_id ? agentName(z.agent_id) : 'no agent')}${z.locked ? ' 🔒' : ''}</span>`).join('')
    + `<span><span class="sw" style="background:#1b1f24"></span>agent's base</span>`;
  say($('#map-msg'), `${m.zones.length} zones, ${a.ids.length} located accounts, ${m.agents.length} agents.`, 'ok');
  $('#agents-table tbody').innerHTML = m.agents.map(g => `<tr><td>${esc(g.id)}</td><td>${esc(g.name)}</td><td>${esc(g.zone_id || '—')}</td></tr>`).join('');
  const pick = $('#zone-pick');
  pick.innerHTML = '<option value="">—</option>' + m.zones.map(z => `<option value="${esc(z.id)}">${esc(z.id)}${z.name ? ' ' + esc(z.name) : ''}</option>`).join('');
  if (state.zone) selectZone(state.zone);
}

function selectZone(id) {
  const z = state.map.zones.find(x => x.id === id);
  if (!z) return;
  state.zone = id;
  for (const [zid, p] of Object.entries(state.polygons)) p.classList.toggle('zone-sel', zid === id);
  const panel = $('#zone-panel');
  const agents = state.map.agents;
  panel.innerHTML = `
    <h3><span class="sw" style="background:${esc(z.color)}"></span>Zone ${esc(z.id)}${z.name ? ' · ' + esc(z.name) : ''}</h3>
    <dl class="kv">
      <dt>Agent</dt><dd>${esc(z.agent_id ? z.agent_id + ' ' + agentName(z.agent_id) : 'none')}</dd>
      <dt>Accounts</dt><dd>${z.accounts}</dd>
      <dt>Workload</dt><dd>${z.workload} h</dd>
      <dt>Locked</dt><dd>${z.locked ? 'yes: rebuilds leave it as it is' : 'no'}</dd>
    </dl>
    <div class="row"><label for="zone-agent">Give it to<select id="zone-agent"><option value="">no agent</option>${agents.map(g => `<option value="${esc(g.id)}"${g.id === z.agent_id ? ' selected' : ''}>${esc(g.id)} ${esc(g.name)}</option>`).join('')}</select></label>
      <button type="button" id="zone-assign" class="primary">Reassign</button></div>
    <div class="row"><button type="button" id="zone-lock">${z.locked ? 'Unlock' : 'Lock'}</button></div>
    <div class="row"><label for="zone-name">Name<input id="zone-name" value="${esc(z.name || '')}"></label><button type="button" id="zone-rename">Rename</button></div>
    <div id="zone-msg" class="msg hidden" role="status"></div>
    <label for="zone-pick">Another zone<select id="zone-pick">${'<option value="">—</option>' + state.map.zones.map(x => `<option value="${esc(x.id)}"${x.id === id ? ' selected' : ''}>${esc(x.id)}${x.name ? ' ' + esc(x.name) : ''}</option>`).join('')}</select></label>`;
  $('#zone-pick').addEventListener('change', e => e.target.value && selectZone(e.target.value));
  const change = async (path, body, what) => {
    const r = await call('PUT', `/api/zones/${encodeURIComponent(id)}/${path}`, body);
    if (!r.ok) return say($('#zone-msg'), failure(r, what), 'error');
    await loadMap();
    say($('#zone-msg'), what + ': done', 'ok');
  };
  $('#zone-assign').addEventListener('click', () => change('agent', { agent_id: $('#zone-agent').value || null }, 'reassign'));
  $('#zone-lock').addEventListener('click', () => change('lock', { locked: !z.locked }, z.locked ? 'unlock' : 'lock'));
  $('#zone-rename').addEventListener('click', () => change('name', { name: $('#zone-name').value }, 'rename'));
}

async function rebuild(dryRun) {
  const body = { zones: Number($('#rb-zones').value), tolerance: Number($('#rb-tol').value), fresh: $('#rb-fresh').checked, dry_run: dryRun };
  say($('#rebuild-msg'), dryRun ? 'Working out what would move…' : 'Rebuilding…');
  const r = await call('POST', '/api/zones/build', body);
  if (!r.ok) return say($('#rebuild-msg'), failure(r, 'rebuild'), 'error');
  if (!dryRun) { say($('#rebuild-msg'), 'Zones rebuilt.', 'ok'); $('#rebuild-preview').textContent = ''; return loadMap(); }
  // moves: {moved, newly_zoned, zones: [{zone_id, gained, lost}]}
  const moves = r.json.moves || { moved: r.json.moved, zones: [] };
  const rows = (moves.zones || []).filter(z => z.gained || z.lost);
  say($('#rebuild-msg'), `Preview: ${moves.moved} accounts would move between zones${moves.newly_zoned ? `, ${moves.newly_zoned} would get their first zone` : ''}. Nothing is changed until you apply it.`, 'warn');
  $('#rebuild-preview').innerHTML = table(rows) + '<div class="row"><button type="button" class="primary" id="rebuild-apply">Apply the rebuild</button></div>';
  $('#rebuild-apply').addEventListener('click', () => rebuild(false));
}

/** A table of objects (the union of their keys); nested values as compact JSON. */
function table(rows) {
  if (!rows || !rows.length) return '<p class="muted">none</p>';
  const keys = [...new Set(rows.flatMap(r => Object.keys(r)))].filter(k => k !== 'kind');
  const cell = v => v === null || v === undefined ? '' : typeof v === 'object' ? esc(JSON.stringify(v)) : esc(v);
  return `<div class="scroll"><table><thead><tr>${keys.map(k => `<th>${esc(k)}</th>`).join('')}</tr></thead><tbody>${rows.map(r => `<tr>${keys.map(k => `<td>${cell(r[k])}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
}

// ---- day -----------------------------------------------------------------------------
async function loadPlan(version, early) {
  const date = $('#plan-date').value;
  // The plan is asked for while the zone map (which it is drawn on) is still on its way.
  const asked = early || call('GET', `/api/plans/${date}${version ? '?version=' + version : ''}`);
  await (state.mapReady || loadMap());
  const r = await asked;
  if (r.status === 404) { $('#plan-body').classList.add('hidden'); return say($('#plan-msg'), `No plan for ${date} yet: plan the day.`, 'warn'); }
  if (!r.ok) return say($('#plan-msg'), failure(r, 'plan'), 'error');
  if (!state.map) return say($('#plan-msg'), 'The plan is drawn on the zone map, which did not load (see the Map screen).', 'error');
  renderPlan(r.json);
}

/** The days around today that have a plan (`GET /api/plans?from=&to=`), as links. */
async function loadDays() {
  const shift = n => { const d = new Date(); d.setDate(d.getDate() + n); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); };
  const r = await call('GET', `/api/plans?from=${shift(-7)}&to=${shift(7)}`);
  const box = $('#plan-days');
  if (!r.ok) { box.textContent = failure(r, 'planned days'); return; }
  // NDJSON: one {date, version, created_at, made_by, visits, agents, locked} per planned day.
  const days = lines(r.text);
  box.textContent = days.length ? 'Planned days: ' : 'No plans in the fortnight around today.';
  for (const d of days) {
    const date = typeof d === 'string' ? d : d.date;
    const a = el('a', { href: '#day', text: date + (d.version ? ` (v${d.version})` : '') + ' ' });
    a.addEventListener('click', ev => { ev.preventDefault(); $('#plan-date').value = date; loadPlan(); });
    box.append(a, ' ');
  }
}

async function runPlan(ev) {
  ev.preventDefault();
  const date = $('#plan-date').value;
  const seconds = Number($('#plan-seconds').value) || 5;
  const bar = $('#plan-progress');
  const started = performance.now();
  bar.classList.remove('hidden');
  $('#plan-run').disabled = true;
  say($('#plan-msg'), `Planning ${date}…`);
  const tick = setInterval(() => {
    const s = (performance.now() - started) / 1000;
    bar.value = Math.min(100, 100 * s / seconds);
    $('#plan-elapsed').textContent = `${s.toFixed(1)} s of ${seconds} s`;
  }, 100);
  const r = await call('POST', `/api/plans/${date}`, { seconds, force: $('#plan-force').checked });
  clearInterval(tick);
  bar.classList.add('hidden');
  $('#plan-run').disabled = false;
  $('#plan-elapsed').textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  if (!r.ok) return say($('#plan-msg'), failure(r, 'plan'), 'error');
  const c = r.json.changes || {};
  const changed = r.json.version > 1 ? ` Against version ${r.json.version - 1}: ${len(c.added)} added, ${len(c.removed)} removed, ${len(c.moved_agent)} moved to another agent, ${len(c.reordered)} reordered.` : '';
  say($('#plan-msg'), `Version ${r.json.version}: ${r.json.visits} visits of ${r.json.candidates} candidates, ${plural(r.json.unplanned.length, 'mandatory visit')} could not be planned.${changed}`, 'ok');
  // The list of planned days has a new version (or a new day) too.
  await Promise.all([loadPlan(), loadDays()]);
}
const len = v => Array.isArray(v) ? v.length : typeof v === 'number' ? v : 0;

function agentColor(id, i) {
  const m = state.map;
  const z = m && m.zones.find(z => z.agent_id === id);
  return z ? z.color : series[i % series.length];
}

/** Draws a stored plan: summary, map, timeline, stops, unplanned. Returns the time it took. */
function renderPlan(plan) {
  const t0 = performance.now();
  state.plan = plan;
  const map = state.map, index = state.index, acc = map.accounts;
  $('#plan-body').classList.remove('hidden');
  const routes = plan.routes;
  $('#plan-summary').textContent = `${plan.date}, version ${plan.version}, made ${hhmm(plan.created_at)} by ${plan.made_by || '—'}: ${routes.length} routes, ${plan.visits} visits, priority ${plan.priority}, ${plural(plan.unplanned.length, 'mandatory visit')} not planned.`;
  // Map: faint zones, each route from its base through its stops and back.
  const dm = new SvgMap($('#day-map'), map.bounds, 'the day\'s routes');
  for (const z of map.zones) if (z.outlines.length) dm.polygon(z.outlines, z.color, { 'fill-opacity': '0.04', 'stroke-opacity': '0.35' });
  const bases = new Map(map.agents.map(g => [g.id, g.base]));
  // Numbers on the stops while they stay readable; a whole city's day gets plain dots
  // (the stops table and the timeline carry the order).
  const numbered = routes.reduce((n, r) => n + r.stops.length, 0) <= 400;
  routes.forEach((r, i) => {
    const color = agentColor(r.agent_id, i);
    const pts = [];
    const base = bases.get(r.agent_id);
    if (base) pts.push([base.lat, base.lon]);
    for (const s of r.stops) {
      const k = s.account_id !== undefined ? index.get(s.account_id) : undefined;
      if (k !== undefined) pts.push([acc.lat[k], acc.lon[k]]);
    }
    if (base) pts.push([base.lat, base.lon]);
    const line = dm.line(pts, color);
    line.setAttribute('data-agent', r.agent_id);
    if (numbered) {
      for (const s of r.stops) {
        const k = s.account_id !== undefined ? index.get(s.account_id) : undefined;
        if (k !== undefined) dm.stop(acc.lat[k], acc.lon[k], String(s.seq), color);
      }
    } else dm.stopDots(pts.slice(base ? 1 : 0, base ? -1 : undefined), color);
    if (base) dm.base(base.lat, base.lon, `${r.agent_id} base`);
  });
  dm.apply();
  $('#day-legend').innerHTML = routes.map((r, i) => `<span><span class="sw" style="background:${agentColor(r.agent_id, i)}"></span>${esc(r.agent_id)} ${esc(agentName(r.agent_id))}: ${r.visits} visits, ${r.travel_km} km${r.locked ? ' 🔒' : ''}</span>`).join('');
  drawTimeline(routes);
  // Stops table and the agent pickers.
  const opts = routes.map(r => `<option value="${esc(r.agent_id)}">${esc(r.agent_id)} ${esc(agentName(r.agent_id))}</option>`).join('');
  $('#sheet-agent').innerHTML = opts;
  // Any active agent can take a stop, also one with no route yet that day.
  const keepAgent = $('#edit-agent').value;
  $('#edit-agent').innerHTML = map.agents.map(g => `<option value="${esc(g.id)}">${esc(g.id)} ${esc(g.name)}</option>`).join('');
  if (keepAgent) $('#edit-agent').value = keepAgent;
  $('#edit-version').textContent = `version ${plan.version}`;
  const keep = $('#stops-agent').value;
  $('#stops-agent').innerHTML = '<option value="">every agent</option>' + opts;
  $('#stops-agent').value = routes.some(r => r.agent_id === keep) ? keep : '';
  drawStops();
  const vs = Array.from({ length: plan.version }, (_, i) => i + 1);
  $('#diff-from').innerHTML = vs.map(v => `<option${v === plan.version - 1 ? ' selected' : ''}>${v}</option>`).join('');
  $('#diff-to').innerHTML = vs.map(v => `<option${v === plan.version ? ' selected' : ''}>${v}</option>`).join('');
  $('#unplanned').innerHTML = plan.unplanned.length
    ? `<table id="unplanned-table"><thead><tr><th>Account</th><th>Agent</th><th>Why</th></tr></thead><tbody>${plan.unplanned.map(u => `<tr><td>${esc(u.account_id)}</td><td>${esc(u.agent_id || '—')}</td><td>${esc(u.reason)}</td></tr>`).join('')}</tbody></table>`
    : '<p class="muted" id="unplanned-none">Every mandatory visit is planned.</p>';
  const ms = performance.now() - t0;
  document.body.dataset.renderMs = ms.toFixed(1);
  // The signal the browser tests time: the first frame painted with this plan's routes,
  // marked on the page's own clock (milliseconds since the navigation started).
  requestAnimationFrame(() => setTimeout(() => {
    performance.mark('fp-routes-drawn', { detail: { date: plan.date, version: plan.version } });
    document.body.dataset.routesDrawn = `${plan.date} v${plan.version}`;
  }, 0));
  return ms;
}

/** One row per route on a shared clock: travel legs, visits, the break, and each stop's window. */
function drawTimeline(routes) {
  const speed = Number(state.settings && state.settings.speed_kmh) || 25;
  let lo = 24 * 60, hi = 0;
  for (const r of routes) { lo = Math.min(lo, minutes(r.start)); hi = Math.max(hi, minutes(r.end)); }
  if (!routes.length) { $('#timeline').textContent = ''; return; }
  lo = Math.floor(lo / 60) * 60; hi = Math.ceil(hi / 60) * 60;
  const L = 110, W = 1100, row = 22, H = routes.length * row + 24;
  const x = m => L + (Math.min(Math.max(m, lo), hi) - lo) / (hi - lo) * (W - L - 24);  // windows may reach past the day
  let s = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="timeline of every route" font-size="12">`;
  for (let h = lo; h <= hi; h += 60) s += `<line x1="${x(h)}" x2="${x(h)}" y1="14" y2="${H}" stroke="#d8dde3"/><text x="${x(h)}" y="11" text-anchor="middle" fill="#4a525c">${String(h / 60).padStart(2, '0')}:00</text>`;
  // One path per row and kind (travel, visits, break, windows): a whole city's day is a few
  // hundred elements, not thousands.
  const box = (a, b, top, h) => `M${x(a).toFixed(1)} ${top}H${Math.max(x(b), x(a) + 1).toFixed(1)}v${h}H${x(a).toFixed(1)}z`;
  routes.forEach((r, i) => {
    const y = 18 + i * row;
    s += `<text x="4" y="${y + 13}" fill="#1b1f24">${esc(r.agent_id)} ${esc(agentName(r.agent_id)).slice(0, 10)}</text>`;
    s += `<line x1="${x(minutes(r.start))}" x2="${x(minutes(r.end))}" y1="${y + 9}" y2="${y + 9}" stroke="#c9d0d8" stroke-width="1"/>`;
    let prev = minutes(r.start), travel = '', visits = '', breaks = '', windows = '', n = 0;
    for (const st of r.stops) {
      const a = minutes(st.eta), d = minutes(st.etd);
      const leg = Math.min(a - prev, (Number(st.travel_km) || 0) / speed * 60);
      if (leg > 0) travel += box(prev, prev + leg, y + 6, 6);
      if (st.reason === 'break') breaks += box(a, d, y + 2, 14);
      else {
        if (st.window_from && st.window_to) windows += `M${x(minutes(st.window_from)).toFixed(1)} ${y + 18}H${x(minutes(st.window_to)).toFixed(1)}`;
        visits += box(a, d, y + 2, 14);
        n++;
      }
      prev = d;
    }
    s += `<path d="${travel}" fill="#8d99a6"/><path d="${windows}" stroke="#2e7d4f" stroke-width="2" fill="none"/>`
      + `<path class="tl-visits" data-n="${n}" d="${visits}" fill="#1f5fa8"/><path d="${breaks}" fill="#d9822b"/>`;
  });
  $('#timeline').innerHTML = s + '</svg>';
}

/** The stops table: the first 300 rows at once (a whole city's day is a thousand, and a
 *  browser lays a long table out slowly), the rest on request or by picking an agent. */
function drawStops(all = false) {
  const only = $('#stops-agent').value;
  const rows = [];
  let total = 0;
  for (const r of state.plan.routes) {
    if (only && r.agent_id !== only) continue;
    for (const st of r.stops) {
      total++;
      if (!all && rows.length >= 300) continue;
      const win = st.window_from ? `${st.window_from}–${st.window_to}` : '';
      const act = st.account_id ? `<button type="button" data-edit-op="move" data-edit-account="${esc(st.account_id)}" aria-label="move ${esc(st.account_id)} to another agent">Move</button> <button type="button" data-edit-op="drop" data-edit-account="${esc(st.account_id)}" aria-label="drop ${esc(st.account_id)} from the plan">Drop</button>` : '';
      rows.push(`<tr><td>${esc(r.agent_id)}</td><td class="num">${st.seq ?? ''}</td><td>${st.account_id ? `<a href="#accounts" data-account="${esc(st.account_id)}">${esc(st.account_id)}</a>` : '<em>break</em>'}</td><td>${hhmm(st.eta)}</td><td>${hhmm(st.etd)}</td><td>${esc(win)}</td><td class="num">${esc(st.travel_km)}</td><td>${esc(st.reason)}</td><td>${act}</td></tr>`);
    }
  }
  $('#stops-table tbody').innerHTML = rows.join('');
  $('#stops-more').classList.toggle('hidden', rows.length >= total);
  $('#stops-more').textContent = `Show all ${total} stops`;
}

/** One plan edit against the version on screen. A stale one is 409 with the latest version:
 *  the desk says so and offers that version, and stores nothing (the server refused it). */
async function edit(body) {
  const date = state.plan.date, seen = state.plan.version;
  const r = await call('POST', `/api/plans/${date}/edits`, { ...body, expected_version: seen });
  const box = $('#edit-msg');
  if (r.status === 409 && r.json && r.json.current_version) {
    const v = r.json.current_version;
    box.className = 'msg error';
    box.textContent = `Not changed: the plan of ${date} is at version ${v} now, and you were looking at version ${seen}. Show version ${v}, check it, and make the change again. `;
    box.dataset.currentVersion = v;
    box.append(el('button', { type: 'button', id: 'edit-reload', text: `Show version ${v}`, onclick: () => loadPlan() }));
    return;
  }
  delete box.dataset.currentVersion;
  if (!r.ok) return say(box, failure(r, 'plan edit'), 'error');
  const j = r.json || {};
  const what = { move: `${body.account_id} is now on ${j.route || body.agent_id}'s route`, add: `${body.account_id} is added to ${j.route || body.agent_id}'s route`,
    drop: `${body.account_id} is dropped`, lock: `${body.agent_id}'s route is locked`, unlock: `${body.agent_id}'s route is unlocked` }[body.op] || 'edit kept';
  await loadPlan();
  say(box, `Version ${j.version || state.plan.version}: ${what}.`, 'ok');
}

/** The edit form shows the agent and position for a move or an add, the reason for a drop. */
function editFields() {
  const op = $('#edit-op').value;
  for (const l of $$('#edit-form [data-edit]')) l.classList.toggle('hidden', (l.dataset.edit === 'reason') !== (op === 'drop'));
  $('#edit-reason').required = op === 'drop';
}

function submitEdit(ev) {
  ev.preventDefault();
  const op = $('#edit-op').value, account_id = $('#edit-account').value.trim();
  say($('#edit-msg'), 'Sending the change…');
  if (!account_id) return say($('#edit-msg'), 'Account: give the account to change.', 'error');
  if (op === 'drop') {
    const reason = $('#edit-reason').value.trim();
    if (!reason) return say($('#edit-msg'), 'Why: a dropped stop needs a reason.', 'error');
    return edit({ op, account_id, reason });
  }
  const agent_id = $('#edit-agent').value;
  if (!agent_id) return say($('#edit-msg'), 'Agent: choose who takes the stop.', 'error');
  const body = { op, account_id, agent_id };
  const pos = $('#edit-position').value.trim();
  if (pos) {
    if (!/^[1-9]\d*$/.test(pos)) return say($('#edit-msg'), 'Position: a whole number from 1.', 'error');
    body.position = Number(pos);
  }
  return edit(body);
}

/** A row's Move or Drop button fills the form and puts the focus where the choice is left. */
function prefillEdit(op, account) {
  $('#edit-op').value = op;
  $('#edit-account').value = account;
  editFields();
  $('#edit-form').scrollIntoView({ block: 'nearest' });
  (op === 'drop' ? $('#edit-reason') : $('#edit-agent')).focus();
}

async function openSheet(all) {
  const date = state.plan.date;
  const agents = all ? state.plan.routes.map(r => r.agent_id) : [$('#sheet-agent').value];
  const docs = [];
  for (const a of agents) {
    const r = await call('GET', `/api/sheets/${date}/${encodeURIComponent(a)}?format=html`);
    if (!r.ok) return say($('#plan-msg'), failure(r, 'sheet ' + a), 'error');
    docs.push(r.text);
  }
  let html = docs[0];
  if (docs.length > 1) {
    // One document: the first sheet's head, every sheet's body, each on its own pages.
    const parsed = docs.map(d => new DOMParser().parseFromString(d, 'text/html'));
    html = '<!doctype html><html><head>' + parsed[0].head.innerHTML + '</head><body>'
      + parsed.map((p, i) => `<div class="sheet-part"${i ? ' style="break-before:page"' : ''}>${p.body.innerHTML}</div>`).join('') + '</body></html>';
  }
  state.sheetHTML = html;
  showDocument($('#sheet-frame'), html);
  $('#sheet-frame').scrollIntoView({ block: 'nearest' });
}

async function diff() {
  const date = state.plan.date, from = $('#diff-from').value, to = $('#diff-to').value;
  const r = await call('GET', `/api/plans/${date}/diff?from=${from}&to=${to}`);
  if (r.ok) { $('#diff-out').innerHTML = diffTable(r.json); return; }
  if (r.status !== 404 || String(r.error).toLowerCase() !== 'not found') { $('#diff-out').innerHTML = `<div class="msg error">${esc(failure(r, 'diff'))}</div>`; return; }
  // This server has no diff route: compare the two stored versions here.
  const [a, b] = await Promise.all([call('GET', `/api/plans/${date}?version=${from}`), call('GET', `/api/plans/${date}?version=${to}`)]);
  if (!a.ok || !b.ok) { $('#diff-out').innerHTML = `<div class="msg error">${esc(failure(a.ok ? b : a, 'diff'))}</div>`; return; }
  const where = p => { const m = new Map(); for (const r of p.routes) for (const s of r.stops) if (s.account_id) m.set(s.account_id, r.agent_id); return m; };
  const A = where(a.json), B = where(b.json);
  const changes = { added: [...B.keys()].filter(k => !A.has(k)), removed: [...A.keys()].filter(k => !B.has(k)),
    moved_agent: [...B.keys()].filter(k => A.has(k) && A.get(k) !== B.get(k)).map(k => `${k} ${A.get(k)}→${B.get(k)}`) };
  $('#diff-out').innerHTML = '<p class="muted">(compared here: the server offers no diff route)</p>' + diffTable({ changes });
}
function diffTable(j) {
  const c = j.changes || j;
  const keys = Object.keys(c).filter(k => Array.isArray(c[k]) || typeof c[k] === 'number');
  return `<dl class="kv">${keys.map(k => `<dt>${esc(k.replace('_', ' '))}</dt><dd>${Array.isArray(c[k]) ? (c[k].length ? esc(c[k].map(x => typeof x === 'object' ? (x.account_id || JSON.stringify(x)) : x).join(', ')) : 'none') : esc(c[k])}</dd>`).join('')}</dl>`;
}

// ---- results -------------------------------------------------------------------------
async function loadReview() {
  const r = await call('GET', '/api/review' + ($('#review-all').checked ? '?all=true' : ''));
  if (!r.ok) return say($('#review-msg'), failure(r, 'review'), 'error');
  const items = lines(r.text);
  say($('#review-msg'), items.length ? `${plural(items.length, 'item')} to look at.` : 'Nothing to review.', items.length ? 'warn' : 'ok');
  $('#review-table tbody').innerHTML = items.map(i => `<tr data-item="${esc(i.id)}"><td>${esc(i.id)}</td><td>${esc(i.type)}</td><td><a href="#accounts" data-account="${esc(i.account_id)}">${esc(i.account_id)}</a></td><td>${esc(i.agent_id)}</td><td>${esc(String(i.at || '').replace('T', ' ').slice(0, 16))}</td><td>${esc(i.code)}</td><td>${esc(i.reason)}</td>
    <td>${i.resolved ? 'resolved' : `<label class="inline">note<input data-note="${esc(i.id)}" size="12"></label><button type="button" data-resolve="${esc(i.id)}">Resolve</button>`}</td></tr>`).join('');
}

async function resolve(id) {
  const note = ($$('input[data-note]').find(i => i.dataset.note === id) || {}).value || '';
  const r = await call('POST', `/api/review/${encodeURIComponent(id)}/resolve`, note ? { note } : {});
  if (!r.ok) return say($('#review-msg'), failure(r, 'resolve ' + id), 'error');
  await loadReview();
}

async function showReport(ev) {
  ev.preventDefault();
  const kind = $('#report-kind').value, by = $('#report-by').value;
  const q = kind === 'daily' ? `date=${$('#report-date').value}` : `month=${$('#report-month').value}`;
  const r = await call('GET', `/api/reports/${kind}?${q}&by=${by}&format=html`);
  if (!r.ok) return say($('#report-msg'), failure(r, kind + ' report'), 'error');
  say($('#report-msg'), '');
  showDocument($('#report-frame'), r.text);
}

// ---- accounts ------------------------------------------------------------------------
async function listAccounts(query, what) {
  const r = await call('GET', '/api/accounts?' + query);
  if (!r.ok) return say($('#accounts-msg'), failure(r, what), 'error');
  const list = r.json.accounts;
  say($('#accounts-msg'), `${what}: ${list.length} accounts${r.json.next ? ' (first page)' : ''}.`, 'ok');
  $('#accounts-table tbody').innerHTML = list.length ? '' : '<tr><td colspan="6" class="muted">No account matches.</td></tr>';
  $('#accounts-table tbody').innerHTML += list.map(a => `<tr><td><a href="#accounts" data-account="${esc(a.id)}">${esc(a.id)}</a></td><td>${esc(a.debtor_name)}</td><td>${esc(a.client)}</td><td class="num">${esc(money(a.balance))}</td><td>${esc(a.status || 'open')}</td><td>${esc(a.zone_id || '—')}</td></tr>`).join('');
}

async function showAccount(id) {
  show('accounts');
  const page = $('#account-page');
  const r = await call('GET', `/api/accounts/${encodeURIComponent(id)}`);
  if (!r.ok) { page.innerHTML = `<div class="msg error">${esc(failure(r, 'account ' + id))}</div>`; return; }
  const d = r.json, a = d.account || {};
  const sections = ['outcomes', 'payments', 'promises', 'appointments', 'planned_visits', 'audit'];
  page.innerHTML = `<h3>${esc(a.id)} · ${esc(a.debtor_name)}</h3>
    <dl class="kv"><dt>Client</dt><dd>${esc(a.client)}</dd><dt>Balance</dt><dd>${esc(money(a.balance))} ${esc(d.currency || '')}</dd><dt>Status</dt><dd>${esc(a.status || 'open')}</dd>
    <dt>Days past due</dt><dd>${esc(a.days_past_due ?? '')}</dd><dt>Address</dt><dd>${esc(a.address || '')}</dd><dt>Phone</dt><dd>${esc(a.phone || '')}</dd>
    <dt>Zone</dt><dd>${esc(a.zone_id || '—')} ${esc(d.zone_name || '')}</dd><dt>Agent</dt><dd>${esc(d.agent_id || '—')} ${esc(d.agent_name || '')}</dd>${d.hold_until ? `<dt>Held until</dt><dd>${esc(d.hold_until)}</dd>` : ''}</dl>`
    + sections.filter(s => Array.isArray(d[s])).map(s => `<h3>${esc(s.replace('_', ' '))}</h3>${table(d[s])}`).join('')
    + `<div class="row"><button type="button" data-confirm="${esc(a.id)}">Confirm clearance</button></div><div id="clear-msg" class="msg hidden" role="status"></div>`;
}

async function confirmClearance(id) {
  const r = await call('POST', `/api/clearances/${encodeURIComponent(id)}/confirm`);
  say($('#clear-msg'), r.ok ? 'Clearance confirmed: the account is closed.' : failure(r, 'confirm clearance'), r.ok ? 'ok' : 'error');
}

// ---- wiring --------------------------------------------------------------------------
function wire() {
  $('#signin-form').addEventListener('submit', ev => { ev.preventDefault(); signIn($('#token').value.trim()); });
  $('#signout').addEventListener('click', signOut);
  for (const b of $$('#tabs button')) b.addEventListener('click', () => show(b.dataset.tab));
  $('#zone-pick').addEventListener('change', e => e.target.value && selectZone(e.target.value));
  $('#rebuild-form').addEventListener('submit', ev => { ev.preventDefault(); rebuild(true); });
  $('#plan-date').value = today();
  $('#report-date').value = today();
  $('#report-month').value = today().slice(0, 7);
  $('#plan-form').addEventListener('submit', runPlan);
  $('#plan-load').addEventListener('click', () => loadPlan());
  $('#plan-date').addEventListener('change', () => loadPlan());
  $('#stops-agent').addEventListener('change', () => drawStops());
  $('#stops-more').addEventListener('click', () => drawStops(true));
  $('#sheet-open').addEventListener('click', () => openSheet(false));
  $('#sheet-all').addEventListener('click', () => openSheet(true));
  $('#sheet-print').addEventListener('click', () => { const f = $('#sheet-frame'); if (f.contentWindow) f.contentWindow.print(); });
  $('#diff-run').addEventListener('click', diff);
  $('#edit-op').addEventListener('change', editFields);
  $('#edit-form').addEventListener('submit', submitEdit);
  $('#route-lock').addEventListener('click', () => edit({ op: 'lock', agent_id: $('#sheet-agent').value }));
  $('#route-unlock').addEventListener('click', () => edit({ op: 'unlock', agent_id: $('#sheet-agent').value }));
  $('#review-load').addEventListener('click', loadReview);
  $('#review-all').addEventListener('change', loadReview);
  $('#report-form').addEventListener('submit', showReport);
  $('#search-form').addEventListener('submit', ev => { ev.preventDefault(); listAccounts('q=' + encodeURIComponent($('#search-q').value) + '&limit=200', 'search'); });
  $('#tracing').addEventListener('click', () => listAccounts('unlocated=true&limit=1000', 'tracing list'));
  document.addEventListener('click', ev => {
    const t = ev.target.closest('[data-account],[data-resolve],[data-edit-op],[data-confirm]');
    if (!t) return;
    if (t.dataset.account) { ev.preventDefault(); showAccount(t.dataset.account); }
    else if (t.dataset.resolve) resolve(t.dataset.resolve);
    else if (t.dataset.editOp) prefillEdit(t.dataset.editOp, t.dataset.editAccount);
    else if (t.dataset.confirm) confirmClearance(t.dataset.confirm);
  });
  window.addEventListener('hashchange', () => state.token && show(location.hash.slice(1)));
  if (state.token) signIn(state.token);
}

wire();
