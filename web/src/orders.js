// The order page (live status timeline, the courier on a map, cancel,
// review) and the customer's order history.
import { useEffect, useRef, useState } from 'preact/hooks';

import { optionNames } from './carts.js';
import { Totals } from './cart.js';
import { clock, dateTime, distance, money, plural, shortId, statusLabel } from './format.js';
import { distanceM, hasPoint } from './geo.js';
import { MapView } from './map.js';
import { currentUser, errorText, fieldErrors, pb } from './pb.js';
import { href } from './router.js';
import { announce, ErrorMessage, html, Loading, Page, useAsync, useNow, useRealtime } from './ui.js';

const FLOW = ['placed', 'accepted', 'preparing', 'ready_for_pickup', 'picked_up', 'delivered'];
const STEP_TEXT = {
  placed: ['Order placed', 'Waiting for the restaurant to accept it.'],
  accepted: ['Accepted', 'The restaurant has accepted your order.'],
  preparing: ['Preparing', 'The kitchen is cooking.'],
  ready_for_pickup: ['Ready for pickup', 'Packed and waiting for the courier.'],
  picked_up: ['On the way', 'The courier has your food.'],
  delivered: ['Delivered', 'Enjoy your meal!'],
  rejected: ['Rejected', 'The restaurant could not take this order.'],
  cancelled: ['Cancelled', 'This order was cancelled.'],
};

/** lastEntry is the newest status_history entry with that status. */
function lastEntry(history, status) {
  return [...(history || [])].reverse().find((h) => h.status === status);
}

export function Timeline({ order }) {
  const history = order.status_history || [];
  const ended = order.status === 'rejected' || order.status === 'cancelled';
  const steps = ended ? ['placed', order.status] : FLOW;
  const current = steps.indexOf(order.status);
  const finished = order.status === 'delivered';
  return html`<ol class="timeline" data-testid="timeline">
    ${steps.map((s, i) => {
      const entry = lastEntry(history, s);
      const state = i < current || (finished && i === current) ? 'done' : i === current ? 'current' : 'todo';
      const [title, text] = STEP_TEXT[s];
      return html`<li class=${`step step-${state} ${ended && i === current ? 'step-ended' : ''}`} data-status=${s}
          aria-current=${i === current ? 'step' : undefined}>
        <span class="step-dot" aria-hidden="true"></span>
        <div>
          <p class="step-title">${title} ${entry ? html`<time class="muted small" datetime=${entry.at}>${clock(entry.at)}</time>` : null}</p>
          ${i === current ? html`<p class="small muted">${text}</p>` : null}
          ${entry?.reason ? html`<p class="small">Reason: ${entry.reason}</p>` : null}
        </div>
        <span class="visually-hidden">${i === current ? '(now)' : state === 'done' ? '(done)' : '(next)'}</span>
      </li>`;
    })}
  </ol>`;
}

export function OrderItems({ order, menu }) {
  return html`<ul class="order-items">
    ${(order.items || []).map((it, i) => {
      const groups = menu?.find((m) => m.id === it.menu_item)?.option_groups;
      const opts = optionNames(groups, it.options);
      return html`<li key=${i}>
        <span><strong>${it.quantity} ×</strong> ${it.name}${opts.length ? html`<span class="muted small"> (${opts.join(', ')})</span>` : null}</span>
        <span>${money(it.line_total, order.currency)}</span>
      </li>`;
    })}
  </ul>`;
}

function Stars({ value, onChange }) {
  return html`<fieldset class="stars-input">
    <legend>Your rating</legend>
    ${[1, 2, 3, 4, 5].map((n) => html`<label class=${n <= value ? 'on' : ''}>
      <input type="radio" name="rating" value=${n} checked=${value === n} onChange=${() => onChange(n)} class="visually-hidden" />
      <span aria-hidden="true">★</span><span class="visually-hidden">${plural(n, 'star')}</span>
    </label>`)}
  </fieldset>`;
}

function Review({ order }) {
  const existing = useAsync(() => pb.collection('reviews').getList(1, 1, { filter: pb.filter('order = {:id}', { id: order.id }) })
    .then((l) => l.items[0] || null), [order.id]);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (existing.loading && existing.data === undefined) return html`<${Loading} />`;
  const rv = existing.data;
  if (rv) {
    return html`<section class="card" aria-labelledby="review-title" data-testid="review-done">
      <h2 id="review-title">Your review</h2>
      <p><span class="stars" aria-label=${`${rv.rating} of 5 stars`}>${'★'.repeat(rv.rating)}${'☆'.repeat(5 - rv.rating)}</span></p>
      ${rv.comment ? html`<p>${rv.comment}</p>` : null}
      <p class="muted small">Thanks for telling others how it was.</p>
    </section>`;
  }
  const submit = async (e) => {
    e.preventDefault();
    if (!rating) {
      setError('Choose 1 to 5 stars.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const created = await pb.collection('reviews').create({ order: order.id, rating, comment: comment.trim() });
      existing.setData(created);
      announce('Thanks for your review!', 'success');
    } catch (err) {
      setError(Object.values(fieldErrors(err))[0] || errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return html`<form class="card stack" onSubmit=${submit} aria-labelledby="review-title" data-testid="review-form">
    <h2 id="review-title">How was it?</h2>
    <${Stars} value=${rating} onChange=${setRating} />
    <div class="field">
      <label for="review-comment">Comment (optional)</label>
      <textarea id="review-comment" rows="3" maxlength="1000" value=${comment} onInput=${(e) => setComment(e.currentTarget.value)}></textarea>
    </div>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <button type="submit" class="btn btn-primary" disabled=${busy}>${busy ? 'Sending…' : 'Post review'}</button>
  </form>`;
}

function CancelButton({ order }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    try {
      await pb.send(`/api/orders/${encodeURIComponent(order.id)}/status`, { method: 'POST', body: { status: 'cancelled' } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return html`<div class="cancel">
    ${confirming
      ? html`<p>Cancel this order?</p>
        <div class="button-row">
          <button type="button" class="btn btn-danger" disabled=${busy} onClick=${cancel}>Yes, cancel it</button>
          <button type="button" class="btn" onClick=${() => setConfirming(false)}>Keep it</button>
        </div>`
      : html`<button type="button" class="btn" onClick=${() => setConfirming(true)}>Cancel order</button>`}
    <${ErrorMessage} error=${error} />
  </div>`;
}

export function OrderScreen({ id }) {
  useNow(30000);
  const order = useAsync(() => pb.collection('orders').getOne(id, { expand: 'restaurant' }), [id]);
  const menu = useAsync(async () => {
    const rid = order.data?.restaurant;
    return rid ? pb.collection('menu_items').getFullList({ filter: pb.filter('restaurant = {:rid}', { rid }), fields: 'id,option_groups' }) : [];
  }, [order.data?.restaurant]);
  useRealtime('orders', id, (e) => {
    order.setData((o) => ({ ...e.record, expand: e.record.expand || o?.expand }));
  }, { options: { expand: 'restaurant' }, onReady: () => order.reload({ quiet: true }) });

  const o = order.data;
  const lastStatus = useRef(null);
  useEffect(() => {
    if (!o) return;
    if (lastStatus.current && lastStatus.current !== o.status) announce(`Order ${statusLabel(o.status).toLowerCase()}.`);
    lastStatus.current = o.status;
  }, [o?.status]);

  if (order.loading && !o) return html`<${Page} title="Your order"><${Loading} label="Loading your order…" /><//>`;
  if (order.error) return html`<${Page} title="Your order"><${ErrorMessage} error=${order.error} /><//>`;
  const r = o.expand?.restaurant;
  const me = currentUser();
  const isCustomer = me?.id === o.customer;
  const courierShown = hasPoint(o.courier_location) && ['accepted', 'preparing', 'ready_for_pickup', 'picked_up'].includes(o.status);
  const points = [];
  if (r && hasPoint(r.location)) points.push({ key: 'r', kind: 'restaurant', ...r.location, label: r.name });
  if (hasPoint(o.delivery_location)) points.push({ key: 'home', kind: 'home', ...o.delivery_location, label: 'You' });
  if (courierShown) points.push({ key: 'courier', kind: 'courier', ...o.courier_location, label: 'Courier', heading: o.status === 'picked_up' ? 'home' : 'restaurant' });
  const caption = courierShown && hasPoint(o.delivery_location)
    ? `The courier is ${distance(distanceM(o.courier_location, o.delivery_location) / 1000)} from you.`
    : o.courier ? 'A courier is assigned; their position shows once they share it.' : o.status === 'delivered' ? 'Delivered.' : 'No courier yet.';
  const eta = o.eta && !['delivered', 'rejected', 'cancelled'].includes(o.status) ? clock(o.eta) : '';

  return html`<${Page} title=${`Order ${shortId(o.id)}`} heading=${html`Order <span class="mono">${shortId(o.id)}</span>`}>
    <div class="order-layout">
      <div class="stack">
        <div class="card status-card">
          <p class="status-now">Status: <strong data-testid="order-status" data-status=${o.status}>${statusLabel(o.status)}</strong></p>
          ${eta ? html`<p>Arrives around <strong data-testid="eta">${eta}</strong></p>` : null}
          <p class="muted small">${r ? html`From <a href=${href('restaurant', r.id)}>${r.name}</a> · ` : null}${dateTime(o.created)}</p>
          <${Timeline} order=${o} />
          ${isCustomer && o.status === 'placed' ? html`<${CancelButton} order=${o} />` : null}
        </div>
        ${isCustomer && o.status === 'delivered' ? html`<${Review} order=${o} />` : null}
      </div>
      <div class="stack">
        <${MapView} label="Map of your order: restaurant, courier and delivery point" points=${points} caption=${caption} />
        <section class="card" aria-labelledby="order-items-title">
          <h2 id="order-items-title">${plural(o.item_count || (o.items || []).length, 'item')}</h2>
          <${OrderItems} order=${o} menu=${menu.data} />
          <${Totals} t=${o} currency=${o.currency} restaurant=${r} />
          ${o.delivery_address ? html`<p class="small"><span class="muted">Deliver to:</span> ${o.delivery_address}</p>` : null}
          ${o.note ? html`<p class="small"><span class="muted">Note:</span> ${o.note}</p>` : null}
        </section>
      </div>
    </div>
  <//>`;
}

export function OrdersScreen() {
  const me = currentUser();
  const list = useAsync(() => pb.collection('orders').getList(1, 50, {
    filter: pb.filter('customer = {:me}', { me: me?.id }), sort: '-created', expand: 'restaurant',
  }), [me?.id]);
  useRealtime('orders', '*', (e) => {
    list.setData((l) => l && ({ ...l, items: l.items.map((o) => (o.id === e.record.id ? { ...e.record, expand: o.expand } : o)) }));
  }, { onReady: () => list.reload({ quiet: true }) });
  return html`<${Page} title="Your orders">
    ${list.loading && !list.data ? html`<${Loading} label="Loading your orders…" />` : null}
    <${ErrorMessage} error=${list.error} />
    ${list.data && !list.data.items.length ? html`<p class="card">No orders yet. <a href="#/">Find something to eat</a>.</p>` : null}
    <ul class="plain stack" data-testid="order-history">
      ${(list.data?.items || []).map((o) => html`<li key=${o.id}>
        <a class="card order-row" href=${href('order', o.id)}>
          <span><strong>${o.expand?.restaurant?.name || 'Restaurant'}</strong>
            <span class="muted small"> ${shortId(o.id)} · ${dateTime(o.created)}</span></span>
          <span class=${`badge badge-status status-${o.status}`}>${statusLabel(o.status)}</span>
          <span class="muted small">${plural(o.item_count || 0, 'item')}</span>
          <strong>${money(o.total, o.currency)}</strong>
        </a>
      </li>`)}
    </ul>
  <//>`;
}
