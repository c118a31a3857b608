// Cart operations shared by the restaurant page and the cart page. The
// server computes every amount; the client only sends what the customer
// chose (restaurant, items, options, promo code, delivery point).
import { currentUser, pb } from './pb.js';

/** findCart returns the user's cart at the restaurant, or null. */
export async function findCart(restaurantId) {
  const user = currentUser();
  if (!user) return null;
  try {
    return await pb.collection('carts').getFirstListItem(
      pb.filter('user = {:u} && restaurant = {:r}', { u: user.id, r: restaurantId }),
    );
  } catch (err) {
    if (err?.status === 404) return null;
    throw err;
  }
}

/**
 * ensureCart finds or creates the user's cart at the restaurant (there is
 * one per user and restaurant), delivering to the given point.
 */
export async function ensureCart(restaurantId, deliverTo) {
  const found = await findCart(restaurantId);
  if (found) return found;
  const body = { restaurant: restaurantId };
  if (deliverTo) body.delivery_location = { lat: deliverTo.lat, lon: deliverTo.lon };
  try {
    return await pb.collection('carts').create(body);
  } catch (err) {
    // Two quick adds may race to create the same cart: use the winner's.
    const again = err?.status === 400 ? await findCart(restaurantId) : null;
    if (again) return again;
    throw err;
  }
}

/** addToCart adds quantity × item with options ({group: [option ids]}) and a note. */
export async function addToCart({ restaurantId, item, quantity, options, note, deliverTo }) {
  const cart = await ensureCart(restaurantId, deliverTo);
  const line = await pb.collection('cart_items').create({
    cart: cart.id, menu_item: item.id, quantity, options: options || {}, note: note || '',
  });
  return { cart, line };
}

/** sameSpot reports whether a cart already delivers to point (to ~1 m). */
export function sameSpot(a, b) {
  return Boolean(a && b) && Math.abs(a.lat - b.lat) < 1e-5 && Math.abs(a.lon - b.lon) < 1e-5;
}

/**
 * optionGroups reads a menu item's option groups as the server does: a missing min or price is 0, a missing max
 * is every option of the group, a missing or blank name is the id.
 */
export function optionGroups(item) {
  const named = (x) => ({ ...x, name: typeof x.name === 'string' && x.name.trim() ? x.name : x.id });
  return (item.option_groups || []).map((g) => {
    const options = (g.options || []).map((o) => ({ ...named(o), price: o.price || 0 }));
    return { ...named(g), min: g.min || 0, max: g.max ?? options.length, options };
  });
}

/** optionNames describes a line's chosen options using the item's groups. */
export function optionNames(groups, chosen) {
  if (!chosen || typeof chosen !== 'object') return [];
  const out = [];
  for (const [gid, ids] of Object.entries(chosen)) {
    const g = (groups || []).find((x) => x.id === gid);
    for (const id of ids || []) out.push(g?.options?.find((o) => o.id === id)?.name || id);
  }
  return out;
}
