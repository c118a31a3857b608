// Geography for display: distances between points and whether opening
// hours are open now. The server stays authoritative (search's is_open,
// cart blockers); these only describe what the screen shows.

const EARTH_RADIUS_M = 6371008.8;
const rad = (d) => (d * Math.PI) / 180;

/** distanceM is the haversine distance between {lat, lon} points in metres. */
export function distanceM(a, b) {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/**
 * hasPoint reports whether p is a set geoPoint. PocketBase stores an unset
 * geoPoint as {lon: 0, lat: 0}, which is in the ocean off Africa.
 */
export function hasPoint(p) {
  return Boolean(p) && Number.isFinite(p.lat) && Number.isFinite(p.lon) && !(p.lat === 0 && p.lon === 0);
}

/** movePoint moves p by dx metres east and dy metres north. */
export function movePoint(p, dx, dy) {
  const lat = p.lat + dy / 110574;
  const lon = p.lon + dx / (111320 * Math.cos(rad(p.lat)));
  return { lat: round6(lat), lon: round6(lon) };
}

export function round6(x) {
  return Math.round(x * 1e6) / 1e6;
}

/** middle is the median point of points: a sensible default map centre. */
export function middle(points) {
  const ok = points.filter(hasPoint);
  if (!ok.length) return null;
  const med = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  return { lat: round6(med(ok.map((p) => p.lat))), lon: round6(med(ok.map((p) => p.lon))) };
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function minutes(hhmm) {
  const [h, m] = String(hhmm).split(':').map(Number);
  return h * 60 + m;
}

/** localClock is the weekday index (0 = Sunday) and minute of day in tz. */
function localClock(at, tz) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t) => parts.find((p) => p.type === t)?.value;
  const day = DAYS.indexOf(get('weekday').slice(0, 3).toLowerCase());
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/**
 * isOpen reports whether opening_hours (the contract's format) are open at
 * the instant at: empty means always open; an interval whose end is before
 * its start runs past midnight into the next day.
 */
export function isOpen(hours, at = new Date()) {
  if (!hours || typeof hours !== 'object' || Object.keys(hours).length === 0) return true;
  let now;
  try {
    now = localClock(at, hours.tz || 'UTC');
  } catch {
    return true; // an unknown zone: let the server decide
  }
  const today = hours[DAYS[now.day]] || [];
  const yesterday = hours[DAYS[(now.day + 6) % 7]] || [];
  for (const [from, to] of today) {
    const a = minutes(from);
    const b = minutes(to);
    if (b > a ? now.minute >= a && now.minute < b : now.minute >= a) return true;
  }
  for (const [from, to] of yesterday) {
    if (minutes(to) <= minutes(from) && now.minute < minutes(to)) return true;
  }
  return false;
}

/** todaysHours describes today's opening hours in the restaurant's zone. */
export function todaysHours(hours, at = new Date()) {
  if (!hours || typeof hours !== 'object' || Object.keys(hours).length === 0) return 'Open 24/7';
  try {
    const { day } = localClock(at, hours.tz || 'UTC');
    const today = hours[DAYS[day]] || [];
    if (!today.length) return 'Closed today';
    return `Today ${today.map(([a, b]) => `${a}–${b}`).join(', ')}`;
  } catch {
    return '';
  }
}
