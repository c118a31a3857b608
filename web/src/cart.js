// The cart: lines with live server totals (subtotal, discount, fees, tax,
// total), the reasons it can't be ordered yet, a promo code, and checkout.
import { useEffect, useState } from 'preact/hooks';

import { optionNames, sameSpot } from './carts.js';
import { distance, money, plural } from './format.js';
import { hasPoint } from './geo.js';
import { blockersOf, errorText, fieldErrors, pb } from './pb.js';
import { href, navigate } from './router.js';
import { setDeliverTo, useAppState } from './store.js';
import { DeliverToBar } from './location.js';
import { announce, describedBy, ErrorMessage, Field, html, Loading, Page, useAsync, useRealtime } from './ui.js';

/** randomKey makes an Idempotency-Key (crypto.randomUUID needs a secure origin). */
function randomKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** checkoutKey is kept per cart until its checkout succeeds, so a retry can't order twice. */
function checkoutKey(cartId) {
  const k = `dishpatch.checkout.${cartId}`;
  let v = sessionStorage.getItem(k);
  if (!v) {
    v = randomKey();
    sessionStorage.setItem(k, v);
  }
  return v;
}

function Line({ line, currency, onError }) {
  const [busy, setBusy] = useState(false);
  const groups = line.expand?.menu_item?.option_groups || [];
  const opts = optionNames(groups, line.options);
  const setQty = async (q) => {
    setBusy(true);
    try {
      if (q < 1) await pb.collection('cart_items').delete(line.id);
      else await pb.collection('cart_items').update(line.id, { quantity: q });
      onError(null);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  const unavailable = line.expand?.menu_item && !line.expand.menu_item.is_available;
  return html`<li class="cart-line" data-testid="cart-line">
    <div class="cart-line-main">
      <p class="cart-line-name"><strong>${line.name}</strong>
        ${unavailable ? html` <span class="badge badge-closed">No longer available</span>` : null}</p>
      ${opts.length ? html`<p class="small muted">${opts.join(', ')}</p>` : null}
      ${line.note ? html`<p class="small muted">Note: ${line.note}</p>` : null}
      <p class="small muted">${money(line.unit_price, currency)} each</p>
    </div>
    <div class="cart-line-side">
      <div class="stepper" role="group" aria-label=${`Quantity of ${line.name}`}>
        <button type="button" class="btn btn-icon" disabled=${busy} onClick=${() => setQty(line.quantity - 1)}
          aria-label=${line.quantity <= 1 ? `Remove ${line.name}` : `One fewer ${line.name}`}>−</button>
        <output aria-live="polite">${line.quantity}</output>
        <button type="button" class="btn btn-icon" disabled=${busy || line.quantity >= 99} onClick=${() => setQty(line.quantity + 1)}
          aria-label=${`One more ${line.name}`}>+</button>
      </div>
      <p class="cart-line-total" data-cents=${line.line_total}>${money(line.line_total, currency)}</p>
      <button type="button" class="btn btn-link small" disabled=${busy} onClick=${() => setQty(0)}>Remove<span class="visually-hidden"> ${line.name}</span></button>
    </div>
  </li>`;
}

/** Totals shows the server's amounts, each with its exact minor units in data-cents. */
export function Totals({ t, currency, restaurant }) {
  const inclusive = restaurant ? restaurant.prices_include_tax : true;
  const bps = restaurant?.tax_rate_bps;
  const rate = bps != null ? `${(bps / 100).toLocaleString()} %` : '';
  const row = (key, label, value, sign = '') => html`<div class=${`total-row total-${key}`}>
    <dt>${label}</dt><dd data-testid=${`total-${key}`} data-cents=${value}>${sign}${money(value, currency)}</dd></div>`;
  return html`<dl class="totals" data-testid="totals">
    ${row('subtotal', 'Subtotal', t.subtotal)}
    ${t.discount ? row('discount', `Discount${t.promo_code ? ` (${t.promo_code})` : ''}`, t.discount, '−') : null}
    ${row('delivery_fee', `Delivery${t.distance_km ? ` (${distance(t.distance_km)})` : ''}`, t.delivery_fee)}
    ${row('service_fee', 'Service fee', t.service_fee)}
    ${t.small_order_fee ? row('small_order_fee', `Small-order fee${restaurant?.min_order ? ` (below ${money(restaurant.min_order, currency)})` : ''}`, t.small_order_fee) : null}
    ${inclusive
      ? html`<div class="total-row total-tax muted"><dt>Includes ${rate} VAT</dt><dd data-testid="total-tax" data-cents=${t.tax}>${money(t.tax, currency)}</dd></div>`
      : row('tax', `VAT ${rate}`, t.tax)}
    <div class="total-row total-total"><dt>Total</dt><dd data-testid="total-total" data-cents=${t.total}>${money(t.total, currency)}</dd></div>
  </dl>`;
}

function PromoForm({ cart }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const apply = async (value) => {
    setBusy(true);
    setError('');
    try {
      await pb.collection('carts').update(cart.id, { promo_code: value });
      setCode('');
      announce(value ? `Promo code ${value.toUpperCase()} applied.` : 'Promo code removed.', 'success');
    } catch (err) {
      setError(fieldErrors(err).promo_code || errorText(err));
    } finally {
      setBusy(false);
    }
  };
  if (cart.promo_code) {
    return html`<div class="promo promo-set">
      <p>Promo code <strong data-testid="promo-applied">${cart.promo_code}</strong></p>
      <button type="button" class="btn btn-small" disabled=${busy} onClick=${() => apply('')}>Remove code</button>
      ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}
    </div>`;
  }
  return html`<form class="promo" onSubmit=${(e) => { e.preventDefault(); if (code.trim()) apply(code.trim()); }}>
    <${Field} id="promo-code" label="Promo code" error=${error}>
      <div class="inline-input">
        <input id="promo-code" value=${code} onInput=${(e) => setCode(e.currentTarget.value)} autocomplete="off" autocapitalize="characters"
          aria-invalid=${error ? 'true' : undefined} aria-describedby=${describedBy('promo-code', { error })} data-testid="promo-input" />
        <button type="submit" class="btn" disabled=${busy || !code.trim()}>${busy ? 'Applying…' : 'Apply'}</button>
      </div>
    <//>
  </form>`;
}

function Checkout({ cart, blocked }) {
  const [address, setAddress] = useState(() => localStorage.getItem('dishpatch.address') || '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    if (!address.trim()) {
      setError('Enter the delivery address, so the courier finds your door.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const order = await pb.send(`/api/carts/${encodeURIComponent(cart.id)}/checkout`, {
        method: 'POST',
        body: { delivery_address: address.trim(), note: note.trim() },
        headers: { 'Idempotency-Key': checkoutKey(cart.id) },
      });
      sessionStorage.removeItem(`dishpatch.checkout.${cart.id}`);
      localStorage.setItem('dishpatch.address', address.trim());
      announce('Your order is placed.', 'success');
      navigate(`/order/${order.id}`);
    } catch (err) {
      setError(blockersOf(err).length ? `This cart can't be ordered yet: ${errorText(err)}` : err);
      setBusy(false);
    }
  };
  return html`<form class="checkout card stack" onSubmit=${submit} aria-labelledby="checkout-title">
    <h2 id="checkout-title">Delivery details</h2>
    <${Field} id="checkout-address" label="Delivery address" hint="Street, house number, floor or doorbell name.">
      <input id="checkout-address" autocomplete="street-address" value=${address} required maxlength="500"
        onInput=${(e) => setAddress(e.currentTarget.value)} aria-describedby="checkout-address-hint" />
    <//>
    <${Field} id="checkout-note" label="Note for the restaurant and courier (optional)">
      <textarea id="checkout-note" rows="2" maxlength="1000" value=${note} onInput=${(e) => setNote(e.currentTarget.value)}></textarea>
    <//>
    <${ErrorMessage} error=${error} />
    <button type="submit" class="btn btn-primary btn-block" disabled=${busy || blocked} data-testid="checkout"
      aria-describedby=${blocked ? 'blockers' : undefined}>
      ${busy ? 'Placing your order…' : `Place order · ${money(cart.total, cart.currency)}`}
    </button>
  </form>`;
}

export function CartScreen({ id }) {
  const { deliverTo } = useAppState();
  const [lineError, setLineError] = useState(null);
  const cart = useAsync(() => pb.collection('carts').getOne(id, { expand: 'restaurant' }), [id]);
  const lines = useAsync(() => pb.collection('cart_items').getFullList({
    filter: pb.filter('cart = {:id}', { id }), sort: 'created', expand: 'menu_item',
  }), [id]);
  useRealtime('carts', id, (e) => {
    if (e.action === 'delete') cart.setData(null);
    else cart.setData((c) => ({ ...e.record, expand: e.record.expand || c?.expand }));
  }, { options: { expand: 'restaurant' }, onReady: () => cart.reload({ quiet: true }) });
  useRealtime('cart_items', '*', (e) => {
    lines.setData((ls = []) => {
      if (e.action === 'delete') return ls.filter((l) => l.id !== e.record.id);
      if (ls.some((l) => l.id === e.record.id)) return ls.map((l) => (l.id === e.record.id ? e.record : l));
      return [...ls, e.record];
    });
  }, { options: { filter: pb.filter('cart = {:id}', { id }), expand: 'menu_item' }, onReady: () => lines.reload({ quiet: true }) });

  // The cart delivers to the point the customer chose. A point they did not choose (the city-centre default of a
  // fresh browser) never overwrites the one the cart already has: the app takes the cart's point instead.
  const c = cart.data;
  useEffect(() => {
    if (!c || !deliverTo || sameSpot(c.delivery_location, deliverTo)) return;
    const stored = c.delivery_location;
    if (deliverTo.source === 'default' && hasPoint(stored)) {
      setDeliverTo({ lat: stored.lat, lon: stored.lon, label: "This cart's delivery point", source: 'cart' });
      return;
    }
    pb.collection('carts').update(c.id, { delivery_location: { lat: deliverTo.lat, lon: deliverTo.lon } })
      .catch((err) => setLineError(err));
  }, [c?.id, deliverTo?.lat, deliverTo?.lon]);

  if (cart.loading && !c) return html`<${Page} title="Your cart"><${Loading} label="Loading your cart…" /><//>`;
  if (cart.error || !c) {
    return html`<${Page} title="Your cart">
      ${cart.error ? html`<${ErrorMessage} error=${cart.error} />` : html`<p class="card">This cart is gone: it was ordered or emptied.</p>`}
      <p><a href="#/orders">Your orders</a> · <a href="#/">Find a restaurant</a></p>
    <//>`;
  }
  const r = c.expand?.restaurant;
  const blockers = c.blockers || [];
  return html`<${Page} title="Your cart" heading=${r ? html`Your cart at <a href=${href('restaurant', r.id)}>${r.name}</a>` : 'Your cart'}>
    <${DeliverToBar} />
    ${blockers.length ? html`<div class="blockers" id="blockers" role="alert" data-testid="blockers">
      <h2>You can't order yet</h2>
      <ul>${blockers.map((b) => html`<li data-code=${b.code}>${b.message}</li>`)}</ul>
    </div>` : null}
    <div class="cart-layout">
      <div class="stack">
        <section class="card" aria-labelledby="items-title">
          <h2 id="items-title">${plural(c.item_count || 0, 'item')}</h2>
          ${lines.loading && !lines.data ? html`<${Loading} />` : null}
          <ul class="cart-lines">
            ${(lines.data || []).map((l) => html`<${Line} key=${l.id} line=${l} currency=${c.currency} onError=${setLineError} />`)}
          </ul>
          <${ErrorMessage} error=${lineError} />
          ${r ? html`<p><a href=${href('restaurant', r.id)}>+ Add more from ${r.name}</a></p>` : null}
        </section>
        <section class="card" aria-labelledby="sum-title">
          <h2 id="sum-title">Summary</h2>
          <${PromoForm} cart=${c} />
          <${Totals} t=${c} currency=${c.currency} restaurant=${r} />
          <p class="muted small">Amounts are computed by the restaurant's server and update live.</p>
        </section>
      </div>
      <div class="stack">
        <${Checkout} cart=${c} blocked=${blockers.length > 0} />
      </div>
    </div>
  <//>`;
}

export function CartsScreen() {
  const carts = useAsync(() => pb.collection('carts').getFullList({ sort: '-updated', expand: 'restaurant' }), []);
  return html`<${Page} title="Your carts">
    ${carts.loading && !carts.data ? html`<${Loading} />` : null}
    <${ErrorMessage} error=${carts.error} />
    ${carts.data && !carts.data.length ? html`<p class="card">Your cart is empty. <a href="#/">Find a restaurant</a>.</p>` : null}
    <ul class="plain stack">
      ${(carts.data || []).map((c) => html`<li key=${c.id}><a class="card row-link" href=${href('cart', c.id)}>
        <strong>${c.expand?.restaurant?.name || 'Restaurant'}</strong>
        <span class="muted">${plural(c.item_count || 0, 'item')}</span>
        <span>${money(c.total, c.currency)}</span>
      </a></li>`)}
    </ul>
  <//>`;
}
