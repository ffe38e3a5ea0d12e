// The agent's phone app: today's route from the day packet, a form per stop, and a queue of
// outcomes kept on the device (localStorage) until the server has them. Each outcome gets its
// UUID the moment it is saved, so sending it twice is a duplicate on the server, never a
// second visit. The token is kept on the device after the first sign-in.
import { api, lines, failure, esc, $, say, hhmm, today, money, plural, SvgMap } from '/app/common.js';

const TOKEN = 'fp.agent.token', ME = 'fp.agent.me';
const state = { token: localStorage.getItem(TOKEN), me: JSON.parse(localStorage.getItem(ME) || 'null'), packet: null, stop: null, retry: 0, timer: null, sending: false };

// What each code needs (SPEC §3): the fields shown, and the ones that must be filled.
const NEEDS = {
  PTP: ['promise'], PAID: ['collected'], PARTIAL: ['collected'], CLAIMS_PAID: ['notes'], DISPUTE: ['notes'],
  CALLBACK: ['next'], NOT_VISITED: ['notes'],
};
const NO_CONTACT = new Set(['NOT_VISITED']);

const packetKey = date => `fp.packet.${state.me.agent_id}.${date}`;
const queueKey = () => `fp.queue.${state.me.agent_id}`;
const queue = () => JSON.parse(localStorage.getItem(queueKey()) || '[]');
const saveQueue = q => localStorage.setItem(queueKey(), JSON.stringify(q));

// ---- sign-in -------------------------------------------------------------------------
async function signIn(token) {
  const msg = $('#signin-msg');
  const r = await api('GET', '/api/me', { token });
  if (r.status === 0) return say(msg, 'No connection: sign in once with signal, then the app works offline.', 'error');
  if (r.status === 401) return say(msg, 'The server does not know this token (or it was revoked).', 'error');
  if (!r.ok) return say(msg, failure(r, 'sign-in'), 'error');
  if (r.json.role !== 'agent') return say(msg, 'This token is a supervisor\'s: the desk is at /.', 'error');
  state.token = token; state.me = r.json;
  localStorage.setItem(TOKEN, token);
  localStorage.setItem(ME, JSON.stringify(r.json));
  start();
}

function signOut() {
  if (queue().some(i => i.state === 'waiting') && !confirm('Outcomes are still waiting to be sent. Sign out anyway?')) return;
  localStorage.removeItem(TOKEN); localStorage.removeItem(ME);
  location.reload();
}

function start() {
  $('#signin').classList.add('hidden');
  $('#day').classList.remove('hidden');
  $('#who').classList.remove('hidden');
  $('#who-name').textContent = `${state.me.agent_id} · ${state.me.name}`;
  // The day: ?date= in the address, else the last day opened unless it is past, else today.
  const asked = new URLSearchParams(location.search).get('date');
  const last = localStorage.getItem('fp.agent.date');
  $('#day-date').value = /^\d{4}-\d\d-\d\d$/.test(asked || '') ? asked : last && last >= today() ? last : today();
  net();
  loadPacket();
  flush();
}

// ---- the packet ----------------------------------------------------------------------
async function loadPacket() {
  const date = $('#day-date').value;
  localStorage.setItem('fp.agent.date', date);
  const r = await api('GET', `/api/packets/${date}/${encodeURIComponent(state.me.agent_id)}`, { token: state.token });
  const kept = localStorage.getItem(packetKey(date));
  if (r.ok) {
    localStorage.setItem(packetKey(date), r.text);
    say($('#day-msg'), '');
    render(lines(r.text));
  } else if (kept) {
    say($('#day-msg'), r.status === 0 ? 'Offline: showing the route kept on this phone.' : failure(r, 'route') + ' — showing the copy kept on this phone.', 'warn');
    render(lines(kept));
  } else {
    $('#stops').textContent = ''; $('#route-map').textContent = '';
    say($('#day-msg'), r.status === 404 ? `No route for you on ${date}.` : r.status === 401 ? 'Your token was refused: sign out and sign in again.' : failure(r, 'route'), 'error');
  }
}

function render(items) {
  const header = items.find(i => i.kind === 'packet') || {};
  const visits = items.filter(i => i.kind === 'visit');
  const debtors = new Map(items.filter(i => i.kind === 'debtor').map(d => [d.id, d]));
  state.packet = { header, visits, debtors };
  const located = visits.map(v => debtors.get(v.account_id)).filter(d => d && d.lat !== undefined);
  $('#route-map').textContent = '';
  if (located.length) {
    const lats = located.map(d => d.lat), lons = located.map(d => d.lon);
    const map = new SvgMap($('#route-map'), { min_lat: Math.min(...lats), max_lat: Math.max(...lats), min_lon: Math.min(...lons), max_lon: Math.max(...lons) }, 'your route');
    map.line(located.map(d => [d.lat, d.lon]), '#1f5fa8');
    visits.forEach(v => { const d = debtors.get(v.account_id); if (d && d.lat !== undefined) map.stop(d.lat, d.lon, String(v.seq), doneState(v.account_id) ? '#4a525c' : '#1f5fa8'); });
    map.apply();
  }
  const q = queue();
  $('#stops').innerHTML = visits.map(v => {
    if (!v.account_id) return `<li class="break"><button type="button" disabled><div class="top"><span><span class="seq">☕</span><span class="name">Break</span></span><span>${hhmm(v.eta)}–${hhmm(v.etd)}</span></div></button></li>`;
    const d = debtors.get(v.account_id) || {};
    const item = [...q].reverse().find(i => i.line.account_id === v.account_id && i.date === header.date);
    const badge = item ? `<span class="badge ${esc(item.state)}">${esc(item.state)}</span>` : '';
    const win = v.window_from ? ` · window ${esc(v.window_from)}–${esc(v.window_to)}` : '';
    return `<li class="${item ? 'done' : ''}" data-stop="${esc(v.account_id)}"><button type="button" data-account="${esc(v.account_id)}" aria-label="stop ${v.seq}: ${esc(d.debtor_name || v.account_id)}, record the outcome">
      <div class="top"><span><span class="seq">${v.seq}</span><span class="name">${esc(d.debtor_name || v.account_id)}</span></span>${badge}</div>
      <div class="meta">ETA ${hhmm(v.eta)}–${hhmm(v.etd)}${win} · ${esc(v.reason)}</div>
      <div class="meta">${esc(d.address || 'no address')}${d.phone ? ' · ☎ ' + esc(d.phone) : ''}</div>
      <div class="meta">${esc(v.account_id)} · ${esc(d.client || '')} · owes ${esc(money(d.balance))} ${esc(d.currency || '')}${d.days_past_due !== undefined ? ' · ' + plural(d.days_past_due, 'day') + ' late' : ''}${d.last_outcome ? ' · last: ' + esc(d.last_outcome.code) : ''}${d.promise ? ' · promise ' + esc(money(d.promise.amount)) + ' by ' + esc(d.promise.date) : ''}</div>
      ${item && item.reason ? `<div class="meta">${esc(item.reason)}</div>` : ''}</button></li>`;
  }).join('');
  $('#title').textContent = `Route ${header.date || ''}`;
  showQueue();
}

function doneState(account) { return queue().some(i => i.line.account_id === account); }

// ---- the form ------------------------------------------------------------------------
function openStop(account) {
  const v = state.packet.visits.find(x => x.account_id === account);
  const d = state.packet.debtors.get(account) || {};
  state.stop = v;
  $('#day').classList.add('hidden');
  $('#visit').classList.remove('hidden');
  $('#visit-who').innerHTML = `<strong>${v.seq}. ${esc(d.debtor_name || account)}</strong><div class="muted">${esc(d.address || '')} · owes ${esc(money(d.balance))} ${esc(d.currency || '')}</div>`;
  $('#outcome-form').reset();
  say($('#o-msg'), '', 'error');
  fields();
  locate();
  $('#o-code').focus();
}

// ---- where the phone is --------------------------------------------------------------
/** Asks the phone where it is when a form opens (a fresh fix, not the last door's), so it is
 *  there by the time the agent saves; saving never waits for it. A phone that does not share its location (no
 *  permission, no GPS, a page not served from https or this machine) saves without one. */
function locate() {
  const box = $('#o-where');
  // A fix from the last door is not this one's.
  state.fix = null;
  const asked = state.stop;
  if (!('geolocation' in navigator)) { box.textContent = 'Location: this browser cannot give it; the outcome is saved without.'; return; }
  box.textContent = 'Location: finding where you are…';
  navigator.geolocation.getCurrentPosition(p => {
    const { latitude: lat, longitude: lon, accuracy } = p.coords;
    if (state.stop !== asked || !(Math.abs(lat) <= 90 && Math.abs(lon) <= 180) || (lat === 0 && lon === 0)) return;
    state.fix = { lat: Number(lat.toFixed(6)), lon: Number(lon.toFixed(6)), accuracy_m: Math.round(accuracy * 10) / 10, at: Date.now() };
    box.textContent = whereText(state.fix);
  }, e => {
    if (state.stop !== asked) return;
    box.textContent = e.code === 1 ? 'Location: the phone does not share it (allow it for this page to record where visits happen); the outcome is saved without.'
      : 'Location: no fix yet; the outcome is saved without one.';
  }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 });
}
const FIX_AGE_MS = 5 * 60 * 1000;  // a form left open longer than this forgets its fix
const whereText = f => `Location: kept with the outcome (within ${Math.round(f.accuracy_m)} m).`;

function closeStop() {
  $('#visit').classList.add('hidden');
  $('#day').classList.remove('hidden');
  const li = state.stop && document.querySelector(`li[data-stop="${CSS.escape(state.stop.account_id)}"] button`);
  if (li) li.focus();
  state.stop = null;
}

/** Shows only what the chosen code needs. */
function fields() {
  const code = $('#o-code').value;
  const need = NEEDS[code] || [];
  for (const label of document.querySelectorAll('#outcome-form [data-for]')) {
    const f = label.dataset.for;
    const shown = f === 'contact' ? code !== '' && !NO_CONTACT.has(code) : f === 'notes' ? code !== '' : need.includes(f);
    label.classList.toggle('hidden', !shown);
    const input = label.querySelector('input,select,textarea');
    const required = need.includes(f) && !(f === 'next' && input.type === 'time');
    input.required = required;
    input.setAttribute('aria-required', required ? 'true' : 'false');
  }
}

const amountPattern = /^\d{1,12}(\.\d{1,2})?$/;

/** The outcome line, or a message saying what is wrong (as the server would refuse it). */
function outcome() {
  const code = $('#o-code').value;
  if (!code) return 'Choose the outcome.';
  const now = new Date();
  const visitDate = localDate(now);
  const line = { kind: 'outcome', id: crypto.randomUUID(), account_id: state.stop.account_id, agent_id: state.me.agent_id, visited_at: instant(now), code };
  const contact = $('#o-contact').value;
  if (contact && !NO_CONTACT.has(code)) line.contact = contact;
  const need = NEEDS[code] || [];
  if (need.includes('promise')) {
    const a = $('#o-promise-amount').value.trim(), d = $('#o-promise-date').value;
    if (!amountPattern.test(a) || Number(a) <= 0) return 'Promised amount: a positive amount with at most two decimals.';
    if (!d) return 'Promised by: give the date.';
    if (d < visitDate) return 'Promised by: the date cannot be before today\'s visit.';
    line.promise = { amount: Number(a), date: d };
  }
  if (need.includes('collected')) {
    const a = $('#o-collected').value.trim(), r = $('#o-receipt').value.trim();
    if (!amountPattern.test(a) || Number(a) <= 0) return 'Amount collected: a positive amount with at most two decimals.';
    if (!r) return 'Receipt number: write the receipt you gave.';
    line.collected = { amount: Number(a), receipt: r };
  }
  if (need.includes('next')) {
    const d = $('#o-next-date').value, f = $('#o-next-from').value, t = $('#o-next-to').value;
    if (!d) return 'Come back on: give the date.';
    if (d < visitDate) return 'Come back on: the date cannot be before today\'s visit.';
    if ((f && !t) || (!f && t)) return 'Give both ends of the time window, or neither.';
    if (f && t && f >= t) return 'The window must end after it starts.';
    line.next_visit = f ? { date: d, from: f, to: t } : { date: d };
  }
  const notes = $('#o-notes').value.trim();
  if (need.includes('notes') && !notes) return code === 'NOT_VISITED' ? 'Notes: say why (no time, outside hours, unsafe).' : 'Notes: this outcome needs a note.';
  if (notes) line.notes = notes;
  // The place the phone gave for this visit (SPEC: location {lat, lon, accuracy_m}), if any.
  if (state.fix && Date.now() - state.fix.at < FIX_AGE_MS) line.location = { lat: state.fix.lat, lon: state.fix.lon, accuracy_m: state.fix.accuracy_m };
  return line;
}

function save(ev) {
  ev.preventDefault();
  const line = outcome();
  if (typeof line === 'string') { say($('#o-msg'), line, 'error'); return; }
  const q = queue();
  q.push({ id: line.id, date: state.packet.header.date, line, state: 'waiting', reason: '' });
  saveQueue(q);
  closeStop();
  render([state.packet.header, ...state.packet.visits, ...state.packet.debtors.values()]);
  flush();
}

// ---- the queue -----------------------------------------------------------------------
function showQueue() {
  const q = queue();
  const waiting = q.filter(i => i.state === 'waiting').length;
  const count = s => q.filter(i => i.state === s).length;
  const parts = ['accepted', 'duplicate', 'flagged', 'rejected', 'conflict'].filter(s => count(s)).map(s => `${count(s)} ${s}`);
  say($('#queue-line'), q.length ? `${waiting} waiting to be sent${parts.length ? ' · ' + parts.join(' · ') : ''}` : '', waiting ? 'warn' : 'ok');
  $('#queue-line').dataset.waiting = waiting;
}

/** Sends each waiting outcome on its own, so the summary says exactly what became of it. */
async function flush(again = false) {
  // With no signal the phone keeps the queue and waits for the 'online' event, rather than
  // spending battery on requests that cannot leave the device.
  if (state.sending || !state.me || !navigator.onLine) return;
  state.sending = true;
  clearTimeout(state.timer);
  let failed = false;
  try {
    for (const item of queue().filter(i => again || i.state === 'waiting')) {
      const r = await api('POST', '/api/sync', { token: state.token, body: JSON.stringify(item.line) + '\n', type: 'application/x-ndjson' });
      if (r.status === 0 || r.status >= 500) { failed = true; break; }
      const q = queue();
      const kept = q.find(i => i.id === item.id);
      if (!kept) continue;
      if (!r.ok) { kept.state = 'rejected'; kept.reason = r.error; }
      else {
        const s = r.json;
        const reject = (s.rejects || [])[0];
        if (s.rejected) { kept.state = 'rejected'; kept.reason = reject ? reject.error : 'rejected'; }
        else if (s.conflicts) { kept.state = 'conflict'; kept.reason = reject ? reject.error : 'the server holds this id with other content'; }
        else if (s.duplicates) { kept.state = 'duplicate'; kept.reason = 'already on the server: nothing changed'; }
        else if (s.flagged) { kept.state = 'flagged'; kept.reason = 'accepted, and flagged for the supervisor\'s review'; }
        else { kept.state = 'accepted'; kept.reason = ''; }
      }
      saveQueue(q);
    }
  } finally {
    state.sending = false;
  }
  if (failed) {
    // Back off: 2, 4, 8 … 60 s, and at once when the phone says it is online again.
    state.retry = Math.min(state.retry + 1, 5);
    state.timer = setTimeout(() => flush(), Math.min(60, 2 ** state.retry) * 1000);
  } else state.retry = 0;
  if (state.packet) render([state.packet.header, ...state.packet.visits, ...state.packet.debtors.values()]);
  net();
}

function net() {
  const n = $('#net');
  n.textContent = navigator.onLine ? 'online' : 'offline';
  n.className = 'netline' + (navigator.onLine ? '' : ' offline');
}

// ---- time ----------------------------------------------------------------------------
function localDate(d) { return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); }
/** Now as ISO 8601 with the phone's offset (the agency's, on a phone in the field). */
function instant(d) {
  const off = -d.getTimezoneOffset(), sign = off >= 0 ? '+' : '-', a = Math.abs(off);
  const p = n => String(n).padStart(2, '0');
  return `${localDate(d)}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${sign}${p(Math.floor(a / 60))}:${p(a % 60)}`;
}

// ---- wiring --------------------------------------------------------------------------
$('#signin-form').addEventListener('submit', ev => { ev.preventDefault(); signIn($('#token').value.trim()); });
$('#signout').addEventListener('click', signOut);
$('#refresh').addEventListener('click', loadPacket);
$('#day-date').addEventListener('change', loadPacket);
$('#send').addEventListener('click', () => flush());
$('#resend').addEventListener('click', () => flush(true));
$('#o-code').addEventListener('change', fields);
$('#o-cancel').addEventListener('click', closeStop);
$('#outcome-form').addEventListener('submit', save);
$('#stops').addEventListener('click', ev => { const b = ev.target.closest('button[data-account]'); if (b) openStop(b.dataset.account); });
document.addEventListener('keydown', ev => { if (ev.key === 'Escape' && state.stop) closeStop(); });
window.addEventListener('online', () => { net(); state.retry = 0; flush(); if (state.me) loadPacket(); });
window.addEventListener('offline', net);
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js', { scope: '/agent' }).catch(() => {});
if (state.token && state.me) start(); else $('#signin').classList.remove('hidden');
