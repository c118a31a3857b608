// Restaurant staff: a live board of their restaurants' orders (new ones
// appear without reload, highlighted, with a chime) with the moves staff
// may make, and a switch per menu item for availability.
import { useEffect, useRef, useState } from 'preact/hooks';

import { ago, money, shortId, statusLabel } from './format.js';
import { OrderItems } from './orders.js';
import { errorText, pb } from './pb.js';
import { href } from './router.js';
import { useAppState } from './store.js';
import { announce, ErrorMessage, html, Loading, Page, useAsync, useNow, useRealtime } from './ui.js';

const LANES = [
  ['placed', 'New'],
  ['accepted', 'Accepted'],
  ['preparing', 'Preparing'],
  ['ready_for_pickup', 'Ready for pickup'],
  ['picked_up', 'With the courier'],
];
const ACTIVE = LANES.map(([s]) => s);
const NEXT = {
  accepted: ['preparing', 'Start preparing'],
  preparing: ['ready_for_pickup', 'Ready for pickup'],
};
const SOUND_KEY = 'dishpatch.staff.sound';

let audio;
/** chime plays a short two-tone sound for a new order. */
function chime() {
  try {
    audio ??= new AudioContext();
    const t = audio.currentTime;
    for (const [i, f] of [[0, 880], [1, 1320]]) {
      const o = audio.createOscillator();
      const g = audio.createGain();
      o.frequency.value = f;
      g.gain.setValueAtTime(0.0001, t + i * 0.18);
      g.gain.exponentialRampToValueAtTime(0.25, t + i * 0.18 + 0.02);
      g.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.18 + 0.3);
      o.connect(g).connect(audio.destination);
      o.start(t + i * 0.18);
      o.stop(t + i * 0.18 + 0.32);
    }
  } catch {
    // no audio: the highlight and the announcement remain
  }
}

function StaffNav({ current }) {
  return html`<nav class="tabs" aria-label="Restaurant tools">
    <a href="#/staff" aria-current=${current === 'board' ? 'page' : undefined}>Orders</a>
    <a href="#/staff/menu" aria-current=${current === 'menu' ? 'page' : undefined}>Menu availability</a>
  </nav>`;
}

async function move(order, status, reason) {
  return pb.send(`/api/orders/${encodeURIComponent(order.id)}/status`, { method: 'POST', body: { status, reason } });
}

function OrderCard({ order, isNew, showRestaurant, menu, onMoved }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const act = async (status, why) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await move(order, status, why);
      onMoved(updated);
      announce(`Order ${shortId(order.id)}: ${statusLabel(status).toLowerCase()}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const reject = (e) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError('Say why you reject the order: the customer reads it.');
      return;
    }
    act('rejected', reason.trim());
  };
  const next = NEXT[order.status];
  const rid = `reject-${order.id}`;
  return html`<li class=${`order-card card ${isNew ? 'is-new' : ''}`} data-testid="staff-order" data-order=${order.id}
      data-status=${order.status} data-new=${isNew ? 'true' : 'false'}>
    <header class="order-card-head">
      <strong class="mono">${shortId(order.id)}</strong>
      ${isNew ? html`<span class="badge badge-new">New</span>` : null}
      <span class="muted small">${ago(order.created)}</span>
      <strong class="push">${money(order.total, order.currency)}</strong>
    </header>
    ${showRestaurant ? html`<p class="small">${order.expand?.restaurant?.name}</p>` : null}
    <${OrderItems} order=${order} menu=${menu} />
    ${order.note ? html`<p class="small"><span class="muted">Note:</span> ${order.note}</p>` : null}
    ${order.delivery_address ? html`<p class="small"><span class="muted">To:</span> ${order.delivery_address}</p>` : null}
    ${['accepted', 'preparing', 'ready_for_pickup', 'picked_up'].includes(order.status)
      ? html`<p class="small muted">${order.courier ? 'Courier assigned' : 'No courier yet'}</p>` : null}
    <div class="button-row">
      ${order.status === 'placed' && !rejecting ? html`
        <button type="button" class="btn btn-primary" disabled=${busy} onClick=${() => act('accepted')}>Accept<span class="visually-hidden"> order ${shortId(order.id)}</span></button>
        <button type="button" class="btn btn-danger-ghost" disabled=${busy} onClick=${() => setRejecting(true)}>Reject…</button>` : null}
      ${next ? html`<button type="button" class="btn btn-primary" disabled=${busy} onClick=${() => act(next[0])}>${next[1]}</button>` : null}
    </div>
    ${rejecting ? html`<form class="stack reject-form" onSubmit=${reject}>
      <label for=${rid}>Why can't you take this order?</label>
      <input id=${rid} list="reject-reasons" value=${reason} onInput=${(e) => setReason(e.currentTarget.value)} maxlength="500" required />
      <div class="button-row">
        <button type="submit" class="btn btn-danger" disabled=${busy}>Reject order</button>
        <button type="button" class="btn" onClick=${() => { setRejecting(false); setError(null); }}>Back</button>
      </div>
    </form>` : null}
    <${ErrorMessage} error=${error} />
  </li>`;
}

export function StaffBoard() {
  const { roles } = useAppState();
  useNow(30000);
  const mine = roles.staffRestaurants;
  const ids = mine.map((r) => r.id);
  const idsKey = ids.join(',');
  const [only, setOnly] = useState('');
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) !== 'off');
  const [fresh, setFresh] = useState(() => new Set());
  const known = useRef(null);

  const inMine = (o) => ids.includes(o.restaurant);
  // null until the user's restaurants are known, so that the first real
  // list is what the board starts from.
  const orders = useAsync(async () => {
    if (!ids.length) return null;
    const since = new Date(Date.now() - 12 * 3600e3).toISOString().replace('T', ' ');
    const mineFilter = ids.map((id) => pb.filter('restaurant = {:id}', { id })).join(' || ');
    return pb.collection('orders').getFullList({
      filter: `(${mineFilter}) && (${ACTIVE.map((s) => `status = "${s}"`).join(' || ')} || updated >= "${since}")`,
      sort: 'created', expand: 'restaurant',
    });
  }, [idsKey]);
  const menus = useAsync(async () => (ids.length
    ? pb.collection('menu_items').getFullList({ filter: ids.map((id) => pb.filter('restaurant = {:id}', { id })).join(' || '), fields: 'id,option_groups' })
    : []), [idsKey]);

  // Orders on the board when it first loads are not "new"; any that turn
  // up later (by a realtime event, or a reload after a reconnect) are.
  useEffect(() => {
    if (!orders.data) return;
    if (!known.current) {
      known.current = new Set(orders.data.map((o) => o.id));
      return;
    }
    const arrived = orders.data.filter((o) => !known.current.has(o.id));
    if (!arrived.length) return;
    for (const o of arrived) known.current.add(o.id);
    const waiting = arrived.filter((o) => o.status === 'placed');
    if (!waiting.length) return;
    setFresh((f) => new Set([...f, ...waiting.map((o) => o.id)]));
    if (localStorage.getItem(SOUND_KEY) !== 'off') chime();
    for (const o of waiting) announce(`New order ${shortId(o.id)} at ${o.expand?.restaurant?.name || 'your restaurant'}.`, 'new');
  }, [orders.data]);

  const upsert = (rec) => orders.setData((list) => ((list || []).some((o) => o.id === rec.id)
    ? list.map((o) => (o.id === rec.id ? { ...rec, expand: rec.expand || o.expand } : o))
    : [...(list || []), rec]));

  useRealtime('orders', '*', (e) => {
    if (!inMine(e.record)) return;
    if (e.action === 'delete') {
      orders.setData((list) => (list || []).filter((o) => o.id !== e.record.id));
      return;
    }
    upsert(e.record);
  }, { enabled: ids.length > 0, options: { expand: 'restaurant' }, onReady: () => orders.reload({ quiet: true }) });

  const newCount = (orders.data || []).filter((o) => o.status === 'placed').length;
  useEffect(() => {
    document.title = `${newCount ? `(${newCount}) ` : ''}Orders · Dishpatch`;
  }, [newCount]);

  if (!roles.loaded) return html`<${Page} title="Orders"><${Loading} /><//>`;
  if (!mine.length) {
    return html`<${Page} title="Orders"><p class="card">This account doesn't manage a restaurant. An admin adds staff to a restaurant in the dashboard.</p><//>`;
  }
  const shown = (orders.data || []).filter((o) => !only || o.restaurant === only);
  const done = shown.filter((o) => !ACTIVE.includes(o.status)).reverse();
  const toggleSound = (e) => {
    const on = e.currentTarget.checked;
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
    setSound(on);
  };
  const moved = (rec) => {
    upsert(rec);
    setFresh((s) => {
      const n = new Set(s);
      n.delete(rec.id);
      return n;
    });
  };

  return html`<${Page} title="Orders" heading="Incoming orders" class="wide">
    <${StaffNav} current="board" />
    <div class="board-tools">
      ${mine.length > 1 ? html`<label>Restaurant
        <select value=${only} onChange=${(e) => setOnly(e.currentTarget.value)}>
          <option value="">All my restaurants (${mine.length})</option>
          ${mine.map((r) => html`<option value=${r.id}>${r.name}</option>`)}
        </select></label>` : html`<p><strong>${mine[0].name}</strong></p>`}
      <label class="toggle"><input type="checkbox" checked=${sound} onChange=${toggleSound} /> Chime on new orders</label>
      <p class="muted small" role="status">${newCount ? `${newCount} waiting for you` : 'No new orders'} · updates live</p>
    </div>
    <datalist id="reject-reasons">
      <option value="Too busy right now" />
      <option value="An item is sold out" />
      <option value="We are closing" />
      <option value="Address is outside our area" />
    </datalist>
    ${!orders.data && !orders.error ? html`<${Loading} label="Loading orders…" />` : null}
    <${ErrorMessage} error=${orders.error} />
    <div class="board">
      ${LANES.map(([status, title]) => {
        const list = shown.filter((o) => o.status === status);
        return html`<section class=${`lane lane-${status}`} aria-labelledby=${`lane-${status}`} data-testid=${`lane-${status}`}>
          <h2 id=${`lane-${status}`}>${title} <span class="count">${list.length}</span></h2>
          ${list.length ? html`<ul class="plain stack">
            ${list.map((o) => html`<${OrderCard} key=${o.id} order=${o} isNew=${fresh.has(o.id) && o.status === 'placed'}
              showRestaurant=${mine.length > 1} menu=${menus.data} onMoved=${moved} />`)}
          </ul>` : html`<p class="muted small">Nothing here.</p>`}
        </section>`;
      })}
    </div>
    ${done.length ? html`<details class="card done">
      <summary>Finished in the last 12 hours (${done.length})</summary>
      <ul class="plain">
        ${done.map((o) => html`<li key=${o.id}><span class="mono">${shortId(o.id)}</span> ${o.expand?.restaurant?.name} ·
          <span class=${`badge badge-status status-${o.status}`}>${statusLabel(o.status)}</span> · ${money(o.total, o.currency)}</li>`)}
      </ul>
    </details>` : null}
  <//>`;
}

function MenuSwitch({ item, onSaved }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const id = `avail-${item.id}`;
  const toggle = async (e) => {
    const on = e.currentTarget.checked;
    setBusy(true);
    setError('');
    try {
      onSaved(await pb.collection('menu_items').update(item.id, { is_available: on }));
      announce(`${item.name} is ${on ? 'available' : 'sold out'} now.`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return html`<li class="menu-switch" data-testid="menu-switch">
    <label for=${id}>
      <span><strong>${item.name}</strong> <span class="muted small">${money(item.price, item.currency)}</span></span>
      <span class="switch">
        <input id=${id} type="checkbox" role="switch" checked=${item.is_available} disabled=${busy} onChange=${toggle} />
        <span class="switch-text">${item.is_available ? 'Available' : 'Sold out'}</span>
      </span>
    </label>
    ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}
  </li>`;
}

export function StaffMenu({ restaurantId }) {
  const { roles } = useAppState();
  const mine = roles.staffRestaurants;
  const rid = restaurantId || mine[0]?.id || '';
  const items = useAsync(() => (rid
    ? pb.collection('menu_items').getFullList({ filter: pb.filter('restaurant = {:rid}', { rid }), sort: 'sort_order,name' })
    : Promise.resolve([])), [rid]);
  if (!roles.loaded) return html`<${Page} title="Menu availability"><${Loading} /><//>`;
  if (!mine.length) return html`<${Page} title="Menu availability"><p class="card">This account doesn't manage a restaurant.</p><//>`;
  const currency = mine.find((r) => r.id === rid)?.currency;
  const saved = (rec) => items.setData((list) => list.map((it) => (it.id === rec.id ? rec : it)));
  const cats = [];
  for (const it of items.data || []) {
    const name = it.category || 'Menu';
    let c = cats.find((x) => x.name === name);
    if (!c) cats.push((c = { name, items: [] }));
    c.items.push({ ...it, currency });
  }
  return html`<${Page} title="Menu availability" class="wide">
    <${StaffNav} current="menu" />
    ${mine.length > 1 ? html`<nav class="chips" aria-label="Restaurant">
      ${mine.map((r) => html`<a class="chip" href=${href('staff', 'menu', r.id)} aria-current=${r.id === rid ? 'page' : undefined}>${r.name}</a>`)}
    </nav>` : null}
    <p class="muted">Switch off what the kitchen has run out of: customers see it as sold out at once, and carts holding it can't be ordered until it is back or removed.</p>
    ${items.loading && !items.data ? html`<${Loading} />` : null}
    <${ErrorMessage} error=${items.error} />
    <div class="menu-admin">
      ${cats.map((c) => html`<section class="card" key=${c.name}>
        <h2>${c.name}</h2>
        <ul class="plain">${c.items.map((it) => html`<${MenuSwitch} key=${it.id} item=${it} onSaved=${saved} />`)}</ul>
      </section>`)}
    </div>
  <//>`;
}
