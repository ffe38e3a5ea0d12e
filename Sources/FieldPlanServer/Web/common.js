// fieldplan web app: what the desk and the phone share. The API helper (the token goes in
// the Authorization header, never in a URL), escaping, NDJSON, and the SVG map (no tiles:
// drawn from the data, zoomed and panned by changing its viewBox).

export const SVG = 'http://www.w3.org/2000/svg';

/** Calls the service. Answers {status, ok, text, json}; never throws on an HTTP status. */
export async function api(method, path, { token, body, type = 'application/json', signal } = {}) {
  const headers = {};
  if (token) headers['Authorization'] = 'Bearer ' + token;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = type;
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let r;
  try {
    r = await fetch(path, { method, headers, body: payload, signal, cache: 'no-store' });
  } catch (e) {
    return { status: 0, ok: false, text: '', json: null, offline: true, error: 'no connection to the server' };
  }
  const text = await r.text();
  let json = null;
  if ((r.headers.get('Content-Type') || '').startsWith('application/json')) {
    try { json = JSON.parse(text); } catch (e) { json = null; }
  }
  const error = r.ok ? null : (json && json.error) || (r.status + ' ' + r.statusText);
  return { status: r.status, ok: r.ok, text, json, error };
}

/** The objects of an NDJSON text. */
export function lines(text) {
  return text.split('\n').filter(l => l.trim()).map(l => JSON.parse(l));
}

/** A message for a failed call; a 404 of a route this server lacks says so plainly. */
export function failure(r, what) {
  if (r.status === 404 && String(r.error || '').trim().toLowerCase() === 'not found') return what + ': this server does not offer it (404)';
  if (r.status === 0) return what + ': no connection to the server';
  return what + ': ' + r.error + (r.status ? ' (' + r.status + ')' : '');
}

const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(v) { return v === null || v === undefined ? '' : String(v).replace(/[&<>"']/g, c => entities[c]); }

export function $(sel, root = document) { return root.querySelector(sel); }
export function $$(sel, root = document) { return Array.from(root.querySelectorAll(sel)); }

export function el(name, attrs = {}, ...children) {
  const e = document.createElement(name);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'text') e.textContent = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

export function svg(name, attrs = {}) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, v);
  return e;
}

/** Shows a message in a box (kind: '', 'ok', 'error', 'warn'); empty text hides it. */
export function say(box, text, kind = '') {
  box.textContent = text || '';
  box.className = 'msg' + (kind ? ' ' + kind : '') + (text ? '' : ' hidden');
}

/** An amount as people read it: 333,016.50 (the API's numbers are exact decimals). */
export function money(v) {
  if (v === null || v === undefined || v === '') return '';
  const n = Number(v);
  return Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(v);
}

/** "1 visit", "3 visits". */
export function plural(n, one, many = one + 's') { return `${n} ${n === 1 ? one : many}`; }

/** HH:MM of an ISO instant as it is written (the agency's local time, never the browser's). */
export function hhmm(instant) { return instant ? String(instant).slice(11, 16) : ''; }
/** Minutes since local midnight of an ISO instant or an HH:MM. */
export function minutes(t) {
  if (!t) return null;
  const s = String(t).length > 5 ? String(t).slice(11, 16) : String(t);
  return Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
}

/** Today's date where the browser is, YYYY-MM-DD. */
export function today() {
  const d = new Date();
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

/** A document (a sheet, a report: the server's own HTML) shown in a frame from a blob. */
export function showDocument(frame, html) {
  if (frame.dataset.url) URL.revokeObjectURL(frame.dataset.url);
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  frame.dataset.url = url;
  frame.src = url;
}

/**
 * An SVG map of WGS84 points in a container: an equirectangular projection around the
 * middle of `bounds`, zoomed and panned by its viewBox (wheel, drag, the +/−/reset buttons,
 * and the keys + − 0 and arrows when it has focus). Layers are <g> elements to fill.
 */
export class SvgMap {
  constructor(container, bounds, label) {
    this.container = container;
    container.textContent = '';
    container.classList.add('map-wrap');
    const b = bounds || { min_lat: -1.3, max_lat: -1.2, min_lon: 36.7, max_lon: 36.9 };
    this.lat0 = (b.min_lat + b.max_lat) / 2;
    this.lon0 = (b.min_lon + b.max_lon) / 2;
    this.k = Math.cos(this.lat0 * Math.PI / 180);
    const [x0, y0] = this.xy(b.max_lat, b.min_lon), [x1, y1] = this.xy(b.min_lat, b.max_lon);
    const pad = Math.max(x1 - x0, y1 - y0, 0.2) * 0.04;
    this.home = { x: x0 - pad, y: y0 - pad, w: Math.max(x1 - x0, 0.2) + 2 * pad, h: Math.max(y1 - y0, 0.2) + 2 * pad };
    this.root = svg('svg', { role: 'img', 'aria-label': label || 'map', tabindex: '0', preserveAspectRatio: 'xMidYMid meet' });
    this.layers = {};
    for (const name of ['zones', 'dots', 'routes', 'stops', 'bases', 'labels']) {
      this.layers[name] = svg('g', { class: 'layer-' + name });
      this.root.append(this.layers[name]);
    }
    container.append(this.root);
    const tools = el('div', { class: 'map-tools' },
      el('button', { type: 'button', title: 'Zoom in (+)', 'aria-label': 'Zoom in', text: '+', onclick: () => this.zoom(0.7) }),
      el('button', { type: 'button', title: 'Zoom out (−)', 'aria-label': 'Zoom out', text: '−', onclick: () => this.zoom(1 / 0.7) }),
      el('button', { type: 'button', title: 'Whole map (0)', 'aria-label': 'Show the whole map', text: '⤢', onclick: () => this.reset() }));
    container.append(tools);
    this.reset();
    this.listen();
  }

  /** Map units of a point: x east, y south, about 1 unit per 111 km. */
  xy(lat, lon) { return [(lon - this.lon0) * this.k * 100, (this.lat0 - lat) * 100]; }

  reset() { this.vb = { ...this.home }; this.apply(); }

  apply() {
    const v = this.vb;
    this.root.setAttribute('viewBox', `${v.x} ${v.y} ${v.w} ${v.h}`);
    // Labels keep their size on screen whatever the zoom.
    const px = v.w / Math.max(this.root.clientWidth || 800, 100);
    this.root.style.setProperty('--px', px);
    this.layers.labels.setAttribute('font-size', (13 * px).toString());
    this.layers.stops.setAttribute('font-size', (10 * px).toString());
    this.layers.stops.setAttribute('stroke-width', (1.5 * px).toString());
    for (const c of this.layers.stops.querySelectorAll('circle')) c.setAttribute('r', (c.classList.contains('small') ? 4 : 7) * px);
    for (const c of this.layers.bases.querySelectorAll('rect')) {
      const s = 12 * px; c.setAttribute('width', s); c.setAttribute('height', s);
      c.setAttribute('x', c.dataset.x - s / 2); c.setAttribute('y', c.dataset.y - s / 2);
    }
    for (const t of this.layers.stops.querySelectorAll('text')) t.setAttribute('dy', 3.5 * px);
  }

  /** Zooms by `f` (below 1: in) around a point in map units (default: the middle). */
  zoom(f, cx, cy) {
    const v = this.vb;
    if (cx === undefined) { cx = v.x + v.w / 2; cy = v.y + v.h / 2; }
    const w = Math.min(Math.max(v.w * f, this.home.w / 200), this.home.w * 4);
    const g = w / v.w;
    this.vb = { x: cx - (cx - v.x) * g, y: cy - (cy - v.y) * g, w, h: v.h * g };
    this.apply();
  }

  pan(fx, fy) { this.vb.x += this.vb.w * fx; this.vb.y += this.vb.h * fy; this.apply(); }

  /** A screen point in map units. */
  unit(ev) {
    const r = this.root.getBoundingClientRect();
    const v = this.vb;
    const s = Math.max(v.w / r.width, v.h / r.height);
    const ox = (r.width * s - v.w) / 2, oy = (r.height * s - v.h) / 2;
    return [v.x - ox + (ev.clientX - r.left) * s, v.y - oy + (ev.clientY - r.top) * s, s];
  }

  listen() {
    this.root.addEventListener('wheel', ev => {
      ev.preventDefault();
      const [x, y] = this.unit(ev);
      this.zoom(ev.deltaY < 0 ? 0.8 : 1.25, x, y);
    }, { passive: false });
    let drag = null;
    this.root.addEventListener('pointerdown', ev => {
      if (ev.button !== 0) return;
      drag = { x: ev.clientX, y: ev.clientY, vb: { ...this.vb }, moved: false, id: ev.pointerId };
    });
    this.root.addEventListener('pointermove', ev => {
      if (!drag) return;
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!drag.moved) { drag.moved = true; this.root.setPointerCapture(drag.id); this.root.classList.add('dragging'); }
      const [, , s] = this.unit(ev);
      this.vb = { ...drag.vb, x: drag.vb.x - dx * s, y: drag.vb.y - dy * s };
      this.apply();
    });
    const end = () => {
      if (drag && drag.moved) { this.suppressClick = true; setTimeout(() => { this.suppressClick = false; }, 0); }
      drag = null; this.root.classList.remove('dragging');
    };
    this.root.addEventListener('pointerup', end);
    this.root.addEventListener('pointercancel', end);
    this.root.addEventListener('keydown', ev => {
      const keys = { '+': () => this.zoom(0.7), '=': () => this.zoom(0.7), '-': () => this.zoom(1 / 0.7), '0': () => this.reset(),
        ArrowLeft: () => this.pan(-0.1, 0), ArrowRight: () => this.pan(0.1, 0), ArrowUp: () => this.pan(0, -0.1), ArrowDown: () => this.pan(0, 0.1) };
      if (keys[ev.key]) { ev.preventDefault(); keys[ev.key](); }
    });
    new ResizeObserver(() => this.apply()).observe(this.root);
  }

  clear(...names) { for (const n of names) this.layers[n].textContent = ''; }

  /** Dots of one colour, as one path of zero-length round-capped strokes (cheap for 100k). */
  dots(points, color, width = 4) {
    let d = '';
    for (const [lat, lon] of points) { const [x, y] = this.xy(lat, lon); d += `M${x.toFixed(4)} ${y.toFixed(4)}h0`; }
    const p = svg('path', { d, stroke: color, 'stroke-width': width, 'stroke-linecap': 'round', fill: 'none', 'vector-effect': 'non-scaling-stroke' });
    this.layers.dots.append(p);
    return p;
  }

  /** A zone's outline: its rings as one path (several pieces, holes cut out by even-odd). */
  polygon(rings, color, attrs = {}) {
    let d = '';
    for (const ring of rings) {
      ring.forEach(([lat, lon], i) => { const [x, y] = this.xy(lat, lon); d += `${i ? 'L' : 'M'}${x.toFixed(4)} ${y.toFixed(4)}`; });
      d += 'Z';
    }
    const p = svg('path', { d, class: 'zone-outline', 'fill-rule': 'evenodd', fill: color, 'fill-opacity': '0.12', stroke: color, 'stroke-width': 2, 'vector-effect': 'non-scaling-stroke', 'stroke-linejoin': 'round', ...attrs });
    this.layers.zones.append(p);
    return p;
  }

  line(points, color, attrs = {}) {
    const pts = points.map(([lat, lon]) => this.xy(lat, lon).map(n => n.toFixed(4)).join(',')).join(' ');
    const p = svg('polyline', { points: pts, fill: 'none', stroke: color, 'stroke-width': 2.5, 'vector-effect': 'non-scaling-stroke', 'stroke-linejoin': 'round', ...attrs });
    this.layers.routes.append(p);
    return p;
  }

  /** Many unnumbered stop markers of one colour as one path (a thousand stops stay cheap). */
  stopDots(points, color) {
    let d = '';
    for (const [lat, lon] of points) { const [x, y] = this.xy(lat, lon); d += `M${x.toFixed(4)} ${y.toFixed(4)}h0`; }
    const p = svg('path', { d, stroke: color, 'stroke-width': 8, 'stroke-linecap': 'round', fill: 'none', 'vector-effect': 'non-scaling-stroke', 'data-stops': points.length });
    this.layers.stops.append(p);
    return p;
  }

  /** A stop marker, numbered when `text` is given (numbers cost a text element each). */
  stop(lat, lon, text, color) {
    const [x, y] = this.xy(lat, lon);
    const g = svg('g');
    g.append(svg('circle', { cx: x, cy: y, r: 0, fill: color, stroke: '#fff', class: text === null ? 'small' : null }));
    if (text !== null) {
      const t = svg('text', { x, y, 'text-anchor': 'middle', fill: '#fff', 'font-weight': '700', stroke: 'none' });
      t.textContent = text;
      g.append(t);
    }
    this.layers.stops.append(g);
    return g;
  }

  base(lat, lon, title) {
    const [x, y] = this.xy(lat, lon);
    const r = svg('rect', { fill: '#1b1f24', stroke: '#fff', 'stroke-width': 1.5, 'vector-effect': 'non-scaling-stroke' });
    r.dataset.x = x; r.dataset.y = y;
    const t = svg('title'); t.textContent = title; r.append(t);
    this.layers.bases.append(r);
    return r;
  }

  label(lat, lon, text) {
    const [x, y] = this.xy(lat, lon);
    const t = svg('text', { x, y, 'text-anchor': 'middle', fill: '#1b1f24', stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke', 'font-weight': '700', 'vector-effect': 'non-scaling-stroke' });
    t.textContent = text;
    this.layers.labels.append(t);
    return t;
  }
}
