// Hash routing (#/restaurant/ID), so that every screen is a link and the
// server needs nothing but index.html.
import { useEffect, useState } from 'preact/hooks';

const ROUTE_EVENT = 'dishpatch:route';

/** route reads location.hash: {path, parts, query}. */
export function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, qs = ''] = hash.split('?');
  return { path, parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(qs) };
}

export function useRoute() {
  const [r, setR] = useState(route);
  useEffect(() => {
    const update = () => setR(route());
    window.addEventListener('hashchange', update);
    window.addEventListener(ROUTE_EVENT, update);
    return () => {
      window.removeEventListener('hashchange', update);
      window.removeEventListener(ROUTE_EVENT, update);
    };
  }, []);
  return r;
}

/** navigate goes to a hash path such as "/order/abc"; replace keeps history short. */
export function navigate(path, { replace = false } = {}) {
  const target = `#${path}`;
  if (replace) {
    history.replaceState(null, '', target);
    window.dispatchEvent(new Event(ROUTE_EVENT));
  } else if (location.hash !== target) {
    location.hash = target;
  }
}

/** setQuery rewrites the current route's query string without a new history entry. */
export function setQuery(params) {
  const { path } = route();
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== '' && v != null && v !== false) qs.set(k, String(v));
  }
  const s = qs.toString();
  history.replaceState(null, '', `#${path}${s ? `?${s}` : ''}`);
}

/** href builds a link to a hash path from its parts, encoding each. */
export function href(...parts) {
  return `#/${parts.map((p) => encodeURIComponent(p)).join('/')}`;
}
