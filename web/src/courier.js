// Couriers: go online, see offers near the current position, claim one,
// pick it up, deliver it, and share the position with the customer while
// on a delivery.
import { useEffect, useRef, useState } from 'preact/hooks';

import { distance, money, plural, shortId, statusLabel } from './format.js';
import { distanceM, hasPoint } from './geo.js';
import { geoErrorText } from './location.js';
import { MapView } from './map.js';
import { currentUser, errorText, pb } from './pb.js';
import { defaultDeliverTo, setState, state, useAppState } from './store.js';
import { announce, ErrorMessage, html, Loading, Page, useAsync, useRealtime } from './ui.js';

const ACTIVE = ['accepted', 'preparing', 'ready_for_pickup', 'picked_up'];
const OFFER_POLL_MS = 10000;

/** usePosition follows the device's GPS when allowed; the map can override it. */
function usePosition(fallback) {
  const [pos, setPos] = useState(null);
  const [follow, setFollow] = useState(true);
  const [note, setNote] = useState('');
  const followRef = useRef(follow);
  followRef.current = follow;
  useEffect(() => {
    if (!navigator.geolocation) {
      setNote("This browser doesn't share its location: set your position on the map.");
      return undefined;
    }
    const id = navigator.geolocation.watchPosition(
      (p) => {
        setNote('');
        if (followRef.current) setPos({ lat: p.coords.latitude, lon: p.coords.longitude, source: 'gps' });
      },
      (err) => setNote(`${geoErrorText(err)} You can set your position on the map.`),
      { enableHighAccuracy: true, maximumAge: 5000, timeout: 20000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, []);
  useEffect(() => {
    if (!pos && fallback) setPos((p) => p || { ...fallback, source: 'saved' });
  }, [fallback?.lat, fallback?.lon]);
  const pick = (p) => {
    setFollow(false);
    setPos({ ...p, source: 'map' });
  };
  return { pos, pick, follow, setFollow, note };
}

function OfferList({ pos, online, onClaimed, onOffers }) {
  const [offers, setOffers] = useState(null);
  useEffect(() => onOffers?.(offers || []), [offers]);
  const [error, setError] = useState(null);
  const [claimError, setClaimError] = useState(null);
  const [busy, setBusy] = useState('');
  const posRef = useRef(pos);
  posRef.current = pos;
  const load = async () => {
    const p = posRef.current;
    if (!p) return;
    try {
      const res = await pb.send('/api/courier/offers', { query: { lat: p.lat, lon: p.lon } });
      setOffers(res.items || []);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    if (!online) {
      setOffers(null);
      return undefined;
    }
    load();
    const t = setInterval(load, OFFER_POLL_MS);
    return () => clearInterval(t);
  }, [online]);
  // A new position changes which offers are near: reload, but not on every GPS tick.
  useEffect(() => {
    if (!online || !pos) return undefined;
    const t = setTimeout(load, 800);
    return () => clearTimeout(t);
  }, [online, pos?.lat, pos?.lon]);

  const claim = async (o) => {
    setBusy(o.id);
    setClaimError(null);
    try {
      const order = await pb.send(`/api/orders/${encodeURIComponent(o.id)}/claim`, { method: 'POST', body: {} });
      announce(`You claimed order ${shortId(o.id)} from ${o.restaurant_name}.`, 'success');
      setOffers((xs) => (xs || []).filter((x) => x.id !== o.id));
      onClaimed(order);
    } catch (err) {
      setClaimError(err?.status === 409 ? `${errorText(err)} It is gone from your offers.` : err);
      load();
    } finally {
      setBusy('');
    }
  };

  if (!online) return html`<p class="muted">Go online to see delivery offers near you.</p>`;
  return html`<div class="stack">
    <div class="row-between">
      <p class="muted small" role="status">${offers ? `${plural(offers.length, 'offer')} within 10 km` : 'Looking for offers…'}</p>
      <button type="button" class="btn btn-small" onClick=${load}>Refresh</button>
    </div>
    <${ErrorMessage} error=${error} />
    <${ErrorMessage} error=${claimError} />
    ${offers && !offers.length ? html`<p class="card muted">No orders are waiting for a courier near you right now. This list refreshes by itself.</p>` : null}
    <ul class="plain stack" data-testid="offers">
      ${(offers || []).map((o) => html`<li class="card offer" key=${o.id} data-testid="offer" data-order=${o.id}>
        <div>
          <p><strong>${o.restaurant_name}</strong> <span class="mono muted small">${shortId(o.id)}</span></p>
          <p class="small">Pickup ${distance(o.pickup_distance_km)} away · delivery ${distance(o.distance_km)} · ${statusLabel(o.status)}</p>
          <p class="small muted">Order value ${money(o.total, o.currency)}</p>
        </div>
        <button type="button" class="btn btn-primary" disabled=${Boolean(busy)} onClick=${() => claim(o)}>
          ${busy === o.id ? 'Claiming…' : 'Claim'}<span class="visually-hidden"> the order from ${o.restaurant_name}</span></button>
      </li>`)}
    </ul>
  </div>`;
}

function Delivery({ order, pos }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const r = order.expand?.restaurant;
  const act = async (status) => {
    setBusy(true);
    setError(null);
    try {
      await pb.send(`/api/orders/${encodeURIComponent(order.id)}/status`, { method: 'POST', body: { status } });
      announce(status === 'delivered' ? `Order ${shortId(order.id)} delivered. Well done!` : `Order ${shortId(order.id)} picked up.`, 'success');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const toRestaurant = pos && r && hasPoint(r.location) ? distance(distanceM(pos, r.location) / 1000) : '';
  const toCustomer = pos && hasPoint(order.delivery_location) ? distance(distanceM(pos, order.delivery_location) / 1000) : '';
  return html`<li class="card delivery" data-testid="delivery" data-order=${order.id} data-status=${order.status}>
    <p><strong>${r?.name || 'Restaurant'}</strong> <span class="mono muted small">${shortId(order.id)}</span>
      <span class=${`badge badge-status status-${order.status}`}>${statusLabel(order.status)}</span></p>
    <p class="small"><span class="muted">Pick up at:</span> ${r?.address}${toRestaurant ? ` (${toRestaurant} from you)` : ''}</p>
    <p class="small"><span class="muted">Deliver to:</span> ${order.delivery_address || 'the pinned point'}${toCustomer ? ` (${toCustomer} from you)` : ''}</p>
    ${order.note ? html`<p class="small"><span class="muted">Note:</span> ${order.note}</p>` : null}
    <p class="small muted">${plural(order.item_count || 0, 'item')} · ${money(order.total, order.currency)}</p>
    <div class="button-row">
      ${order.status === 'picked_up'
        ? html`<button type="button" class="btn btn-primary" disabled=${busy} onClick=${() => act('delivered')}>Delivered</button>`
        : html`<button type="button" class="btn btn-primary" disabled=${busy || order.status !== 'ready_for_pickup'} onClick=${() => act('picked_up')}
            aria-describedby=${`wait-${order.id}`}>Picked up</button>
          ${order.status !== 'ready_for_pickup' ? html`<span class="small muted" id=${`wait-${order.id}`}>The kitchen is still on it (${statusLabel(order.status).toLowerCase()}).</span>` : null}`}
    </div>
    <${ErrorMessage} error=${error} />
  </li>`;
}

export function CourierScreen() {
  const { roles } = useAppState();
  const courier = roles.courier;
  const [fallback, setFallback] = useState(null);
  useEffect(() => {
    if (hasPoint(courier?.location)) setFallback(courier.location);
    else if (courier) defaultDeliverTo().then((p) => setFallback({ lat: p.lat, lon: p.lon }));
  }, [courier?.id]);
  const { pos, pick, follow, setFollow, note } = usePosition(fallback);
  const [toggleError, setToggleError] = useState(null);
  const [shareError, setShareError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [offers, setOffers] = useState([]);
  const me = currentUser();

  const deliveries = useAsync(() => (me
    ? pb.collection('orders').getFullList({
      filter: `${pb.filter('courier = {:me}', { me: me.id })} && (${ACTIVE.map((s) => `status = "${s}"`).join(' || ')})`,
      sort: 'created', expand: 'restaurant',
    })
    : Promise.resolve([])), [me?.id]);
  const upsert = (rec) => deliveries.setData((list = []) => {
    const mineNow = rec.courier === me?.id && ACTIVE.includes(rec.status);
    const others = list.filter((o) => o.id !== rec.id);
    if (!mineNow) return others;
    const old = list.find((o) => o.id === rec.id);
    return old ? list.map((o) => (o.id === rec.id ? { ...rec, expand: rec.expand || o.expand } : o)) : [...list, rec];
  });
  useRealtime('orders', '*', (e) => {
    if (e.action === 'delete') deliveries.setData((list = []) => list.filter((o) => o.id !== e.record.id));
    else upsert(e.record);
  }, { enabled: Boolean(courier), options: { expand: 'restaurant' }, onReady: () => deliveries.reload({ quiet: true }) });

  const active = deliveries.data || [];
  const activeKey = active.map((o) => o.id).join(',');

  // Share the position with the customers of active deliveries, and keep
  // the courier record's location current for dispatch.
  useEffect(() => {
    if (!pos || !courier) return undefined;
    const t = setTimeout(async () => {
      const body = { lat: pos.lat, lon: pos.lon };
      const results = await Promise.allSettled(active.map((o) => pb.send(`/api/orders/${encodeURIComponent(o.id)}/courier-location`, { method: 'POST', body })));
      const failed = results.find((x) => x.status === 'rejected' && x.reason?.status !== 409);
      setShareError(failed ? failed.reason : null);
      pb.collection('couriers').update(courier.id, { location: body }).catch(() => {});
    }, 400);
    return () => clearTimeout(t);
  }, [pos?.lat, pos?.lon, activeKey, courier?.id]);

  if (!roles.loaded) return html`<${Page} title="Deliveries"><${Loading} /><//>`;
  if (!courier) return html`<${Page} title="Deliveries"><p class="card">This account isn't a courier. An admin makes accounts couriers in the dashboard.</p><//>`;

  const setOnline = async (on) => {
    setBusy(true);
    setToggleError(null);
    try {
      const rec = await pb.collection('couriers').update(courier.id, { is_online: on });
      setState({ roles: { ...state.roles, courier: rec } });
      announce(on ? "You're online: offers near you appear below." : "You're offline.");
    } catch (err) {
      setToggleError(err);
    } finally {
      setBusy(false);
    }
  };

  const focus = active[0];
  const r = focus?.expand?.restaurant;
  const points = [];
  if (r && hasPoint(r.location)) points.push({ key: 'r', kind: 'restaurant', ...r.location, label: r.name });
  if (focus && hasPoint(focus.delivery_location)) points.push({ key: 'home', kind: 'home', ...focus.delivery_location, label: 'Customer' });
  if (pos) points.push({ key: 'me', kind: 'courier', lat: pos.lat, lon: pos.lon, label: 'You', heading: focus?.status === 'picked_up' ? 'home' : 'restaurant' });

  return html`<${Page} title="Deliveries" class="wide">
    <div class="courier-layout">
      <div class="stack">
        <div class="card stack">
          <label class="switch big">
            <input type="checkbox" role="switch" checked=${courier.is_online} disabled=${busy}
              onChange=${(e) => setOnline(e.currentTarget.checked)} data-testid="online" />
            <span class="switch-text">${courier.is_online ? "You're online" : "You're offline"}</span>
          </label>
          <${ErrorMessage} error=${toggleError} />
          <p class="small" data-testid="position">
            ${pos ? html`Your position: ${pos.lat.toFixed(5)}, ${pos.lon.toFixed(5)} <span class="muted">(${pos.source === 'gps' ? 'from GPS' : pos.source === 'map' ? 'set on the map' : 'last known'})</span>` : 'Finding your position…'}
          </p>
          ${note ? html`<p class="small muted">${note}</p>` : null}
          ${!follow && navigator.geolocation ? html`<button type="button" class="btn btn-small" onClick=${() => setFollow(true)}>Follow my GPS again</button>` : null}
          ${active.length ? html`<p class="small sharing" role="status">Sharing your position with ${plural(active.length, 'customer')} while you deliver.</p>` : null}
          <${ErrorMessage} error=${shareError} />
        </div>
        <section aria-labelledby="deliveries-title">
          <h2 id="deliveries-title">Your deliveries</h2>
          ${deliveries.loading && !deliveries.data ? html`<${Loading} />` : null}
          <${ErrorMessage} error=${deliveries.error} />
          ${active.length ? html`<ul class="plain stack">${active.map((o) => html`<${Delivery} key=${o.id} order=${o} pos=${pos} />`)}</ul>`
            : html`<p class="muted">None right now.</p>`}
        </section>
        <section aria-labelledby="offers-title">
          <h2 id="offers-title">Offers near you</h2>
          <${OfferList} pos=${pos} online=${courier.is_online} onClaimed=${upsert} onOffers=${setOffers} />
        </section>
      </div>
      <div>
        ${pos ? html`<${MapView} label="Map: you, the restaurant and the customer" points=${points} onPick=${pick} pinKind="courier"
          landmarks=${focus ? [] : offers.map((o) => ({ key: o.id, ...o.restaurant_location, label: `Offer: ${o.restaurant_name}` }))}
          fit=${focus ? undefined : [...points, ...offers.map((o) => o.restaurant_location)]}
          caption=${focus ? `Heading to ${focus.status === 'picked_up' ? 'the customer' : r?.name || 'the restaurant'}. Click the map or use the arrow keys to set your position by hand.` : 'Click the map or use the arrow keys to set your position by hand.'} />` : null}
      </div>
    </div>
  <//>`;
}
