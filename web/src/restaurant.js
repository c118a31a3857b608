// A restaurant's page: its terms, its menu by category, the options dialog
// that adds an item to the cart, the live cart bar and recent reviews.
import { useState } from 'preact/hooks';

import { addToCart, findCart, optionGroups } from './carts.js';
import { Cover } from './search.js';
import { cuisineLabel, distance, money, plural, rating, dateTime } from './format.js';
import { distanceM, hasPoint, isOpen, todaysHours } from './geo.js';
import { MapView } from './map.js';
import { currentUser, errorText, pb } from './pb.js';
import { href, navigate } from './router.js';
import { useAppState } from './store.js';
import { announce, Dialog, html, Loading, ErrorMessage, Page, useAsync, useRealtime } from './ui.js';

/** groupRule says in words how many options a group takes. */
function groupRule(g) {
  const { min, max } = g;
  if (max === 0) return 'none to choose';
  if (min === max) return min === 1 ? 'choose 1' : `choose ${min}`;
  if (min === 0) return max === 1 ? 'optional' : `up to ${max}`;
  return `choose ${min} to ${max}`;
}

function initialChoice(groups) {
  const c = {};
  for (const g of groups) c[g.id] = g.min >= 1 && g.max === 1 && g.options.length ? [g.options[0].id] : [];
  return c;
}

/** AddDialog lets the customer pick options, quantity and a note. */
function AddDialog({ item, restaurant, onClose }) {
  const { deliverTo } = useAppState();
  const groups = optionGroups(item);
  const [choice, setChoice] = useState(() => initialChoice(groups));
  const [quantity, setQuantity] = useState(1);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const unit = item.price + groups.reduce((sum, g) => sum + (choice[g.id] || [])
    .reduce((s, id) => s + (g.options.find((o) => o.id === id)?.price || 0), 0), 0);
  const toggle = (g, id, on) => {
    const cur = choice[g.id] || [];
    const next = g.max === 1 ? (on ? [id] : []) : on ? [...cur, id] : cur.filter((x) => x !== id);
    setChoice({ ...choice, [g.id]: next });
  };
  const submit = async (e) => {
    e.preventDefault();
    for (const g of groups) {
      const n = (choice[g.id] || []).length;
      if (n < g.min) {
        setError(`Choose ${g.min === 1 ? 'an option' : `at least ${g.min} options`} for “${g.name}”.`);
        return;
      }
    }
    const options = {};
    for (const g of groups) if ((choice[g.id] || []).length) options[g.id] = choice[g.id];
    setBusy(true);
    setError('');
    try {
      await addToCart({ restaurantId: restaurant.id, item, quantity, options, note: note.trim(), deliverTo });
      announce(`Added ${quantity} × ${item.name} to your cart.`, 'success');
      onClose(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return html`<form method="dialog" class="add-form" onSubmit=${submit} data-testid="add-dialog">
    <header class="dialog-head">
      <h2 id="add-title">${item.name}</h2>
      <button type="button" class="btn btn-ghost btn-icon" onClick=${() => onClose(false)} aria-label="Close">×</button>
    </header>
    ${item.description ? html`<p class="muted">${item.description}</p>` : null}
    ${groups.map((g) => {
      const chosen = choice[g.id] || [];
      const single = g.max === 1;
      return html`<fieldset class="options" key=${g.id}>
        <legend>${g.name} <span class="muted small">(${groupRule(g)})</span></legend>
        ${single && !g.min ? html`<label class="option"><input type="radio" name=${`g-${g.id}`} checked=${chosen.length === 0}
          onChange=${() => setChoice({ ...choice, [g.id]: [] })} /> <span>None</span></label>` : null}
        ${g.options.map((o) => {
          const on = chosen.includes(o.id);
          const full = !single && !on && chosen.length >= g.max;
          return html`<label class=${`option ${full ? 'is-disabled' : ''}`} key=${o.id}>
            <input type=${single ? 'radio' : 'checkbox'} name=${`g-${g.id}`} value=${o.id} checked=${on} disabled=${full}
              onChange=${(e) => toggle(g, o.id, e.currentTarget.checked)} />
            <span>${o.name}</span>
            <span class="muted">${o.price ? `+${money(o.price, restaurant.currency)}` : ''}</span>
          </label>`;
        })}
      </fieldset>`;
    })}
    <div class="qty-row">
      <span id="qty-label">Quantity</span>
      <div class="stepper" role="group" aria-labelledby="qty-label">
        <button type="button" class="btn btn-icon" aria-label="One fewer" disabled=${quantity <= 1} onClick=${() => setQuantity(quantity - 1)}>−</button>
        <input type="number" min="1" max="99" value=${quantity} aria-labelledby="qty-label" data-testid="qty"
          onInput=${(e) => setQuantity(Math.max(1, Math.min(99, Number(e.currentTarget.value) || 1)))} />
        <button type="button" class="btn btn-icon" aria-label="One more" disabled=${quantity >= 99} onClick=${() => setQuantity(quantity + 1)}>+</button>
      </div>
    </div>
    <div class="field">
      <label for="add-note">Note for the kitchen <span class="muted small">(optional)</span></label>
      <textarea id="add-note" maxlength="200" rows="2" value=${note} onInput=${(e) => setNote(e.currentTarget.value)}
        placeholder="e.g. no onions"></textarea>
    </div>
    <div class="dialog-foot">
      ${error ? html`<p class="error" role="alert" data-testid="error">${error}</p>` : null}
      <button type="submit" class="btn btn-primary btn-block" disabled=${busy} data-testid="add-submit">
        ${busy ? 'Adding…' : `Add ${quantity} to cart · ${money(unit * quantity, restaurant.currency)}`}
      </button>
      <p class="muted small center">The cart shows the exact price the restaurant charges.</p>
    </div>
  </form>`;
}

/** categories groups menu items by category in menu order. */
function categories(items) {
  const out = [];
  for (const it of items) {
    const name = it.category || 'Menu';
    let c = out.find((x) => x.name === name);
    if (!c) out.push((c = { name, items: [] }));
    c.items.push(it);
  }
  return out;
}

const slug = (s) => `cat-${String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

function CartBar({ cart, currency }) {
  if (!cart || !cart.item_count) return null;
  return html`<a class="cart-bar" href=${href('cart', cart.id)} data-testid="cart-bar">
    <span class="cart-bar-count">${plural(cart.item_count, 'item')}</span>
    <span>View cart</span>
    <span class="cart-bar-total">${money(cart.total, cart.currency || currency)}</span>
  </a>`;
}

export function RestaurantScreen({ id }) {
  const { deliverTo, user } = useAppState();
  const [adding, setAdding] = useState(null);
  const data = useAsync(async () => {
    const [restaurant, menu] = await Promise.all([
      pb.collection('restaurants').getOne(id),
      pb.collection('menu_items').getFullList({ filter: pb.filter('restaurant = {:id}', { id }), sort: 'sort_order,name' }),
    ]);
    return { restaurant, menu };
  }, [id]);
  const reviews = useAsync(() => pb.collection('reviews').getList(1, 5, { filter: pb.filter('restaurant = {:id}', { id }), sort: '-created' }), [id]);
  const cart = useAsync(() => (user ? findCart(id) : Promise.resolve(null)), [id, user?.id]);
  useRealtime('carts', '*', (e) => {
    if (e.record.restaurant !== id) return;
    cart.setData(e.action === 'delete' ? null : e.record);
  }, { enabled: Boolean(user), onReady: () => cart.reload({ quiet: true }) });
  // Staff may change availability while the customer is looking.
  useRealtime('menu_items', '*', (e) => {
    data.setData((d) => d && ({
      ...d,
      menu: e.action === 'delete' ? d.menu.filter((m) => m.id !== e.record.id)
        : d.menu.some((m) => m.id === e.record.id) ? d.menu.map((m) => (m.id === e.record.id ? e.record : m)) : [...d.menu, e.record],
    }));
  }, { options: { filter: pb.filter('restaurant = {:id}', { id }) } });

  if (data.loading && !data.data) return html`<${Page} title="Restaurant"><${Loading} label="Loading the menu…" /><//>`;
  if (data.error) return html`<${Page} title="Restaurant"><${ErrorMessage} error=${data.error} /><p><a href="#/">Back to restaurants</a></p><//>`;
  const { restaurant: r, menu } = data.data;
  const open = isOpen(r.opening_hours);
  const km = deliverTo && hasPoint(r.location) ? distanceM(r.location, deliverTo) / 1000 : null;
  const outside = km != null && km > r.delivery_radius_km;
  const cats = categories(menu);

  const startAdd = (item) => {
    if (!currentUser()) {
      navigate(`/login?next=${encodeURIComponent(`/restaurant/${id}`)}`);
      return;
    }
    setAdding(item);
  };
  const jump = (name) => {
    const el = document.getElementById(slug(name));
    el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    el?.focus({ preventScroll: true });
  };

  return html`<${Page} title=${r.name} class="restaurant-page">
    <div class="restaurant-layout">
      <div class="restaurant-main">
        <div class="restaurant-intro card">
          <${Cover} r=${r} size="thumb" />
          <div>
            <p class="muted small">${(r.cuisines || []).map(cuisineLabel).join(' · ')}</p>
            <p>${r.description}</p>
            <ul class="facts">
              <li><span class=${`badge ${open ? 'badge-open' : 'badge-closed'}`} data-testid="open-badge">${open ? 'Open now' : 'Closed now'}</span></li>
              <li>${todaysHours(r.opening_hours)}</li>
              <li>${rating(r.rating_avg, r.rating_count)}</li>
              <li>Ready in about ${r.prep_minutes} min</li>
            </ul>
            <ul class="facts small">
              <li>${r.address}</li>
              ${km != null ? html`<li>${distance(km)} from your delivery point</li>` : null}
              <li>Delivery ${money(r.delivery_fee_base, r.currency)} + ${money(r.delivery_fee_per_km, r.currency)}/km</li>
              ${r.min_order ? html`<li>Minimum order ${money(r.min_order, r.currency)} (else +${money(r.small_order_fee, r.currency)})</li>` : null}
            </ul>
            ${!open ? html`<p class="notice" role="note">${r.name} is closed right now. You can fill your cart, but you can only order while it is open.</p>` : null}
            ${outside ? html`<p class="notice" role="note">Your delivery point is ${distance(km)} away, outside its ${distance(r.delivery_radius_km)} delivery area. <a href="#/location">Change the delivery point</a>.</p>` : null}
          </div>
        </div>
        ${cats.length > 1 ? html`<nav class="chips category-nav" aria-label="Menu categories">
          ${cats.map((c) => html`<button type="button" class="chip" onClick=${() => jump(c.name)}>${c.name}</button>`)}
        </nav>` : null}
        ${cats.length === 0 ? html`<p class="card">This restaurant has no menu yet.</p>` : null}
        ${cats.map((c) => html`<section class="menu-category" aria-labelledby=${slug(c.name)} key=${c.name}>
          <h2 id=${slug(c.name)} tabindex="-1">${c.name}</h2>
          <ul class="menu-items">
            ${c.items.map((it) => html`<li class=${`menu-item ${it.is_available ? '' : 'is-unavailable'}`} key=${it.id} data-testid="menu-item">
              <div>
                <h3>${it.name}</h3>
                ${it.description ? html`<p class="muted small">${it.description}</p>` : null}
                <p class="price">${money(it.price, r.currency)}${it.option_groups?.length ? html` <span class="muted small">· options</span>` : null}</p>
              </div>
              ${it.is_available
                ? html`<button type="button" class="btn btn-add" onClick=${() => startAdd(it)} aria-label=${`Add ${it.name}`}>Add</button>`
                : html`<span class="badge badge-closed">Sold out</span>`}
            </li>`)}
          </ul>
        </section>`)}
        <section class="reviews" aria-labelledby="reviews-title">
          <h2 id="reviews-title">Reviews</h2>
          ${reviews.data?.items?.length ? html`<ul class="plain stack">
            ${reviews.data.items.map((rv) => html`<li class="card review" key=${rv.id}>
              <p><span class="stars" aria-label=${`${rv.rating} of 5 stars`}>${'★'.repeat(rv.rating)}${'☆'.repeat(5 - rv.rating)}</span>
                <span class="muted small">${dateTime(rv.created)}</span></p>
              ${rv.comment ? html`<p>${rv.comment}</p>` : null}
            </li>`)}
          </ul>` : html`<p class="muted">No reviews yet.</p>`}
        </section>
      </div>
      <aside class="restaurant-side">
        ${hasPoint(r.location) ? html`<${MapView} label=${`Map: ${r.name} and your delivery point`}
          points=${[{ key: 'r', kind: 'restaurant', ...r.location, label: r.name },
            ...(deliverTo ? [{ key: 'home', kind: 'home', lat: deliverTo.lat, lon: deliverTo.lon, label: 'You' }] : [])]}
          ring=${{ ...r.location, km: r.delivery_radius_km }}
          caption=${km != null ? `${distance(km)} from you; it delivers up to ${distance(r.delivery_radius_km)}.` : ''} />` : null}
        <${CartBar} cart=${cart.data} currency=${r.currency} />
      </aside>
    </div>
    <${Dialog} open=${Boolean(adding)} onClose=${() => setAdding(null)} labelledBy="add-title" class="add-dialog">
      ${adding ? html`<${AddDialog} item=${adding} restaurant=${r} onClose=${() => setAdding(null)} />` : null}
    <//>
  <//>`;
}
