// Formatting of money, distances, times and statuses for display.

const locale = (typeof navigator !== 'undefined' && navigator.languages?.[0]) || 'en';
const moneyFormats = new Map();

function moneyFormat(currency) {
  const code = /^[A-Z]{3}$/.test(currency || '') ? currency : 'EUR';
  let f = moneyFormats.get(code);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency: code });
    moneyFormats.set(code, f);
  }
  return f;
}

/**
 * money formats an integer amount of minor units (cents) of currency, with
 * as many decimals as the currency has (2 for EUR, 0 for JPY).
 */
export function money(minor, currency) {
  const f = moneyFormat(currency);
  const digits = f.resolvedOptions().maximumFractionDigits;
  return f.format(Number(minor || 0) / 10 ** digits);
}

const kmFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
const mFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });

/** distance formats kilometres: "850 m", "1.2 km". */
export function distance(km) {
  if (km == null || Number.isNaN(km)) return '';
  if (km < 1) return `${mFormat.format(Math.round(km * 1000 / 10) * 10)} m`;
  return `${kmFormat.format(km)} km`;
}

const timeFormat = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

/** parseDate reads PocketBase's "2006-01-02 15:04:05.000Z" dates. */
export function parseDate(s) {
  if (!s) return null;
  const d = new Date(String(s).replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function clock(s) {
  const d = parseDate(s);
  return d ? timeFormat.format(d) : '';
}

export function dateTime(s) {
  const d = parseDate(s);
  return d ? dateTimeFormat.format(d) : '';
}

/** ago says how long ago s was, roughly: "just now", "4 min ago". */
export function ago(s, now = Date.now()) {
  const d = parseDate(s);
  if (!d) return '';
  const min = Math.floor((now - d.getTime()) / 60000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ago`;
  return dateTime(s);
}

/** shortId is the part of an order id a person reads out: "#K3F9QA". */
export function shortId(id) {
  return `#${String(id || '').slice(-6).toUpperCase()}`;
}

/** STATUS_LABELS are the order statuses as customers read them. */
export const STATUS_LABELS = {
  placed: 'Placed',
  accepted: 'Accepted',
  rejected: 'Rejected',
  preparing: 'Preparing',
  ready_for_pickup: 'Ready for pickup',
  picked_up: 'On the way',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

export function statusLabel(status) {
  return STATUS_LABELS[status] || status || '';
}

/** cuisineLabel turns a cuisines value ("middle_eastern") into words. */
export function cuisineLabel(value) {
  const s = String(value || '').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** rating formats a restaurant's rating: "4.6 ★ (12)" or "New". */
export function rating(avg, count) {
  if (!count) return 'No ratings yet';
  return `${Number(avg).toFixed(1)} ★ (${count})`;
}
