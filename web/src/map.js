// MapView draws points (restaurants, the delivery point, the courier) on an
// SVG with a metric grid, a scale bar and a north arrow. It needs no tile
// server: the positions of things relative to each other are what a
// customer, a cook or a courier needs to see.
import { useRef } from 'preact/hooks';

import { hasPoint, movePoint } from './geo.js';
import { html } from './ui.js';

const W = 640;
const H = 400;
const PAD = 40; // px kept free around the fitted points
const NICE_M = [50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000];

/** projection maps {lat, lon} to SVG px around the bounds of fit, and back. */
function projection(fit, minSpanM) {
  const lats = fit.map((p) => p.lat);
  const lons = fit.map((p) => p.lon);
  const lat0 = (Math.min(...lats) + Math.max(...lats)) / 2;
  const lon0 = (Math.min(...lons) + Math.max(...lons)) / 2;
  const mPerLat = 110574;
  const mPerLon = 111320 * Math.cos((lat0 * Math.PI) / 180);
  const spanX = Math.max((Math.max(...lons) - Math.min(...lons)) * mPerLon, minSpanM);
  const spanY = Math.max((Math.max(...lats) - Math.min(...lats)) * mPerLat, minSpanM);
  const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY); // px per metre
  return {
    scale,
    toXY: (p) => ({ x: W / 2 + (p.lon - lon0) * mPerLon * scale, y: H / 2 - (p.lat - lat0) * mPerLat * scale }),
    toPoint: (x, y) => ({ lon: lon0 + (x - W / 2) / scale / mPerLon, lat: lat0 - (y - H / 2) / scale / mPerLat }),
  };
}

/** niceStep is a round distance in metres close to targetM. */
function niceStep(targetM) {
  return NICE_M.reduce((best, m) => (Math.abs(m - targetM) < Math.abs(best - targetM) ? m : best), NICE_M[0]);
}

function stepLabel(m) {
  return m >= 1000 ? `${m / 1000} km` : `${m} m`;
}

const KIND_LABEL = { restaurant: 'Restaurant', home: 'Delivery point', courier: 'Courier' };

function Marker({ p, toXY }) {
  const { x, y } = toXY(p);
  const label = p.label || KIND_LABEL[p.kind] || '';
  let shape;
  if (p.kind === 'restaurant') {
    shape = html`<rect x="-9" y="-9" width="18" height="18" rx="4" class="mk-restaurant" />
      <path d="M-4 -5v10M0 -5v10M4 -5v4a2 2 0 0 1-4 0" class="mk-glyph" />`;
  } else if (p.kind === 'courier') {
    shape = html`<circle r="11" class="mk-courier" /><path d="M-6 3l6-9 6 9z" class="mk-glyph-fill" />`;
  } else {
    shape = html`<path d="M0 12 L-9 -2 A10 10 0 1 1 9 -2 Z" transform="translate(0,-12)" class="mk-home" />
      <circle r="3.5" cy="-16" class="mk-glyph-fill" />`;
  }
  return html`<g class=${`marker marker-${p.kind}`} style=${{ transform: `translate(${x}px, ${y}px) scale(1.45)` }}
      data-testid=${`marker-${p.kind}`} data-lat=${p.lat} data-lon=${p.lon}>
    <title>${label}</title>
    ${shape}
    ${label ? html`<text y=${p.kind === 'home' ? -30 : -15} class="mk-label" text-anchor="middle">${label}</text>` : null}
  </g>`;
}

/**
 * MapView props:
 *   points    [{key, kind: 'restaurant'|'home'|'courier', lat, lon, label}]
 *   landmarks [{key, lat, lon, label}] small dots for orientation (other restaurants)
 *   fit       points to frame (default: points, else landmarks)
 *   ring      {lat, lon, km} a circle, e.g. a delivery radius
 *   onPick    (point) => void: clicking or arrow keys move the pin
 *   pinKind   which marker the arrow keys move (default 'home')
 *   label     accessible name; caption: text under the map
 */
export function MapView({ points = [], landmarks = [], fit, ring, onPick, pinKind = 'home', label = 'Map', caption, minSpanM = 1200 }) {
  const svg = useRef(null);
  const shown = points.filter(hasPoint);
  let frame = (fit || shown).filter(hasPoint);
  if (!frame.length) frame = landmarks.filter(hasPoint);
  if (!frame.length) return html`<p class="map-empty">Nothing to show on the map yet.</p>`;
  const { scale, toXY, toPoint } = projection(frame, minSpanM);

  const step = niceStep((W / 5) / scale);
  const stepPx = step * scale;
  const grid = [];
  for (let x = (W / 2) % stepPx; x < W; x += stepPx) grid.push(html`<line x1=${x} y1="0" x2=${x} y2=${H} />`);
  for (let y = (H / 2) % stepPx; y < H; y += stepPx) grid.push(html`<line x1="0" y1=${y} x2=${W} y2=${y} />`);

  const byKind = (k) => shown.find((p) => p.kind === k);
  const restaurant = byKind('restaurant');
  const home = byKind('home');
  const courier = byKind('courier');
  const routes = [];
  if (restaurant && home) routes.push([restaurant, home, 'route']);
  if (courier && (home || restaurant)) routes.push([courier, courier.heading === 'restaurant' ? restaurant : home, 'route route-courier']);

  const pin = shown.find((p) => p.kind === pinKind) || shown[0];
  const pick = (e) => {
    if (!onPick) return;
    const m = svg.current.getScreenCTM();
    if (!m) return;
    const pt = svg.current.createSVGPoint();
    pt.x = e.clientX;
    pt.y = e.clientY;
    const { x, y } = pt.matrixTransform(m.inverse());
    const p = toPoint(x, y);
    onPick({ lat: Math.round(p.lat * 1e6) / 1e6, lon: Math.round(p.lon * 1e6) / 1e6 });
  };
  const keys = (e) => {
    if (!onPick || !pin) return;
    const d = e.shiftKey ? 1000 : 100;
    const moves = { ArrowUp: [0, d], ArrowDown: [0, -d], ArrowLeft: [-d, 0], ArrowRight: [d, 0] };
    const mv = moves[e.key];
    if (!mv) return;
    e.preventDefault();
    onPick(movePoint(pin, mv[0], mv[1]));
  };

  let ringEl = null;
  if (ring && hasPoint(ring)) {
    const c = toXY(ring);
    ringEl = html`<circle cx=${c.x} cy=${c.y} r=${ring.km * 1000 * scale} class="map-ring" />`;
  }

  return html`<figure class=${`map ${onPick ? 'map-pick' : ''}`}>
    <svg ref=${svg} viewBox=${`0 0 ${W} ${H}`} role=${onPick ? 'application' : 'img'}
      aria-label=${onPick ? `${label}. Click to place the ${pinKind === 'courier' ? 'courier' : 'pin'}; arrow keys move it 100 metres, with Shift 1 kilometre.` : label}
      tabindex=${onPick ? 0 : undefined} onClick=${pick} onKeyDown=${keys} data-testid="map">
      <rect width=${W} height=${H} class="map-bg" />
      <g class="map-grid">${grid}</g>
      ${ringEl}
      ${routes.map(([a, b, cls]) => {
        if (!b) return null;
        const p = toXY(a);
        const q = toXY(b);
        return html`<line x1=${p.x} y1=${p.y} x2=${q.x} y2=${q.y} class=${cls} />`;
      })}
      <g class="map-landmarks">
        ${landmarks.filter(hasPoint).map((l) => {
          const { x, y } = toXY(l);
          return html`<circle key=${l.key} cx=${x} cy=${y} r="4" class="landmark"><title>${l.label}</title></circle>`;
        })}
      </g>
      ${shown.map((p) => html`<${Marker} key=${p.key || p.kind} p=${p} toXY=${toXY} />`)}
      <g class="map-scale" transform=${`translate(16, ${H - 18})`} aria-hidden="true">
        <rect x="-6" y="-20" width=${stepPx + 12} height="30" rx="4" class="map-chip" />
        <path d=${`M0 -4 V2 H${stepPx} V-4`} />
        <text x=${stepPx / 2} y="-8" text-anchor="middle">${stepLabel(step)}</text>
      </g>
      <g class="map-north" transform=${`translate(${W - 24}, 30)`} aria-hidden="true">
        <circle r="14" class="map-chip" />
        <path d="M0 -10 L5 4 L0 1 L-5 4 Z" />
        <text y="-16" text-anchor="middle">N</text>
      </g>
    </svg>
    <figcaption>
      <ul class="legend">
        ${['restaurant', 'home', 'courier'].filter((k) => byKind(k)).map((k) => html`<li><span class=${`key key-${k}`} aria-hidden="true"></span>${KIND_LABEL[k]}</li>`)}
        ${landmarks.length ? html`<li><span class="key key-landmark" aria-hidden="true"></span>Restaurants</li>` : null}
        <li>Grid: ${stepLabel(step)}</li>
      </ul>
      ${caption ? html`<p class="map-caption" data-testid="map-caption">${caption}</p>` : null}
    </figcaption>
  </figure>`;
}

