// The customer's home: who delivers here, searched as you type, with
// cuisine chips, an open-now toggle and a sort order. GET /api/delivery/search.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

import { cuisineLabel, distance, money, rating } from './format.js';
import { DeliverToBar } from './location.js';
import { errorText, pb } from './pb.js';
import { href, setQuery } from './router.js';
import { ensureDeliverTo, useAppState } from './store.js';
import { html, Loading, Page, useAsync } from './ui.js';

const PER_PAGE = 20;
const SORTS = [
  ['', 'Best match'],
  ['distance', 'Nearest'],
  ['rating', 'Top rated'],
  ['eta', 'Fastest delivery'],
  ['delivery_fee', 'Lowest delivery fee'],
];

/** searchRestaurants calls the search endpoint; it checks the answer's shape. */
async function searchRestaurants(params, signal) {
  const res = await pb.send('/api/delivery/search', { query: params, signal });
  if (!res || !Array.isArray(res.items)) {
    throw new Error("Search isn't available on this server (GET /api/delivery/search did not answer with a list).");
  }
  return res;
}

/** hue picks a stable colour for a restaurant without a cover picture. */
function hue(s) {
  let h = 0;
  for (const c of String(s)) h = (h * 31 + c.codePointAt(0)) % 360;
  return h;
}

export function Cover({ r, size = 'card' }) {
  if (r.cover) {
    const url = pb.files.getURL({ id: r.id, collectionName: 'restaurants' }, r.cover, { thumb: size === 'card' ? '480x270' : '100x100' });
    return html`<img class=${`cover cover-${size}`} src=${url} alt="" loading="lazy" />`;
  }
  return html`<div class=${`cover cover-${size} cover-blank`} style=${{ '--hue': hue(r.name) }} aria-hidden="true">
    <span>${String(r.name || '?').charAt(0)}</span></div>`;
}

function ResultCard({ r }) {
  return html`<li class="result">
    <a class="result-link" href=${href('restaurant', r.id)} data-testid="result">
      <${Cover} r=${r} />
      <div class="result-body">
        <div class="result-title">
          <h2>${r.name}</h2>
          <span class=${`badge ${r.is_open ? 'badge-open' : 'badge-closed'}`}>${r.is_open ? 'Open' : 'Closed'}</span>
        </div>
        <p class="muted small">${(r.cuisines || []).map(cuisineLabel).join(' · ')}</p>
        <ul class="facts" aria-label="Delivery facts">
          <li title="Rating">${rating(r.rating_avg, r.rating_count)}</li>
          <li>${distance(r.distance_km)} away</li>
          <li>about ${r.eta_minutes} min</li>
          <li>${r.delivery_fee ? `${money(r.delivery_fee, r.currency)} delivery` : 'Free delivery'}</li>
        </ul>
        ${r.matched_items?.length ? html`<div class="matches">
          <span class="small muted">Matching dishes:</span>
          <ul class="plain small" data-testid="matched-items">
            ${r.matched_items.map((m) => html`<li key=${m.id}>${m.name} <span class="muted">${money(m.price, r.currency)}</span></li>`)}
          </ul>
        </div>` : null}
      </div>
    </a>
  </li>`;
}

export function SearchScreen({ query }) {
  const { deliverTo } = useAppState();
  const [q, setQ] = useState(query.get('q') || '');
  const [debouncedQ, setDebouncedQ] = useState(q);
  const [cuisine, setCuisine] = useState(query.get('cuisine') || '');
  const [openNow, setOpenNow] = useState(query.get('open') === '1');
  const [sort, setSort] = useState(query.get('sort') || '');
  const [pages, setPages] = useState({ items: [], page: 0, totalPages: 0, totalItems: 0 });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const abort = useRef(null);

  useEffect(() => {
    ensureDeliverTo();
  }, []);
  useEffect(() => {
    const t = setTimeout(() => setDebouncedQ(q.trim()), 250);
    return () => clearTimeout(t);
  }, [q]);

  const cuisines = useAsync(async () => {
    const list = await pb.collection('restaurants').getList(1, 200, { fields: 'cuisines' });
    const count = new Map();
    for (const r of list.items) for (const c of r.cuisines || []) count.set(c, (count.get(c) || 0) + 1);
    return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  }, []);

  const params = useMemo(() => {
    if (!deliverTo) return null;
    const p = { lat: deliverTo.lat, lon: deliverTo.lon, perPage: PER_PAGE };
    if (debouncedQ) p.q = debouncedQ;
    if (cuisine) p.cuisine = cuisine;
    if (openNow) p.open_now = 'true';
    if (sort) p.sort = sort;
    return p;
  }, [deliverTo?.lat, deliverTo?.lon, debouncedQ, cuisine, openNow, sort]);

  const fetchPage = async (page) => {
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    setLoading(true);
    setError('');
    try {
      const res = await searchRestaurants({ ...params, page }, ctl.signal);
      setPages((prev) => ({
        items: page === 1 ? res.items : [...prev.items, ...res.items],
        page: res.page,
        totalPages: res.totalPages,
        totalItems: res.totalItems,
      }));
    } catch (err) {
      if (!err?.isAbort) setError(errorText(err));
    } finally {
      if (abort.current === ctl) setLoading(false);
    }
  };

  useEffect(() => {
    if (!params) return;
    setQuery({ q: debouncedQ, cuisine, open: openNow ? '1' : '', sort });
    fetchPage(1);
  }, [params]);
  useEffect(() => () => abort.current?.abort(), []);

  const sortChoices = SORTS.map(([v, label]) => (v === '' ? [v, debouncedQ ? 'Best match' : 'Nearest first'] : [v, label]));
  const summary = loading && !pages.page
    ? 'Searching…'
    : `${pages.totalItems} ${pages.totalItems === 1 ? 'restaurant delivers' : 'restaurants deliver'} here${debouncedQ ? ` for “${debouncedQ}”` : ''}${cuisine ? ` · ${cuisineLabel(cuisine)}` : ''}${openNow ? ' · open now' : ''}.`;

  return html`<${Page} title="Restaurants near you" heading="What would you like to eat?">
    <${DeliverToBar} />
    <form class="search-form" role="search" onSubmit=${(e) => { e.preventDefault(); setDebouncedQ(q.trim()); }}>
      <label for="search-q" class="visually-hidden">Search restaurants and dishes</label>
      <input id="search-q" type="search" placeholder="Search “pizza”, “pad thai”, “vegan”…" autocomplete="off"
        value=${q} onInput=${(e) => setQ(e.currentTarget.value)} data-testid="search-input" />
      <div class="filters">
        <label class="toggle">
          <input type="checkbox" checked=${openNow} onChange=${(e) => setOpenNow(e.currentTarget.checked)} data-testid="open-now" />
          Open now
        </label>
        <label class="sort">
          <span>Sort</span>
          <select value=${sort} onChange=${(e) => setSort(e.currentTarget.value)} data-testid="sort">
            ${sortChoices.map(([v, label]) => html`<option value=${v}>${label}</option>`)}
          </select>
        </label>
      </div>
    </form>
    ${cuisines.data?.length ? html`<div class="chips" role="group" aria-label="Cuisine">
      <button type="button" class="chip" aria-pressed=${cuisine === ''} onClick=${() => setCuisine('')}>All</button>
      ${cuisines.data.map((c) => html`<button type="button" class="chip" key=${c} aria-pressed=${cuisine === c}
        onClick=${() => setCuisine(cuisine === c ? '' : c)}>${cuisineLabel(c)}</button>`)}
    </div>` : null}
    <p class="result-summary" role="status" aria-live="polite" data-testid="result-summary">${error ? '' : summary}</p>
    ${error ? html`<p class="error" role="alert" data-testid="error">${error}</p>` : null}
    ${loading && !pages.page ? html`<${Loading} label="Finding restaurants…" />` : null}
    <ul class="results" aria-busy=${loading ? 'true' : 'false'}>
      ${pages.items.map((r) => html`<${ResultCard} key=${r.id} r=${r} />`)}
    </ul>
    ${!loading && !error && pages.page && !pages.items.length ? html`<div class="card empty">
      <p>No restaurant delivers here${debouncedQ ? ` for “${debouncedQ}”` : ''}${openNow ? ' right now' : ''}.</p>
      <p class="muted">Try another word, remove a filter, or <a href="#/location">change the delivery point</a>.</p>
    </div>` : null}
    ${pages.page && pages.page < pages.totalPages ? html`<button type="button" class="btn btn-block" disabled=${loading}
      onClick=${() => fetchPage(pages.page + 1)}>${loading ? 'Loading…' : 'Show more restaurants'}</button>` : null}
  <//>`;
}
