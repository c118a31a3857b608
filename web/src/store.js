// App-wide state: who is signed in and in which roles, and where to
// deliver to. Components read it with useAppState() and re-render on change.
import { useEffect, useState } from 'preact/hooks';

import { hasPoint, middle } from './geo.js';
import { currentUser, pb } from './pb.js';

const DELIVER_TO_KEY = 'dishpatch.deliverTo';

/**
 * FALLBACK_POINT is used only when the server has no restaurants to centre
 * on: Berlin, where the demo data is.
 */
const FALLBACK_POINT = { lat: 52.52, lon: 13.405 };

export const state = {
  user: currentUser(),
  // staffRestaurants: [{id, name}] the user manages; courier: their couriers
  // record or null. loaded is false until both are known.
  roles: { loaded: false, staffRestaurants: [], courier: null },
  // {lat, lon, label, source: 'gps' | 'map' | 'default'}
  deliverTo: readDeliverTo(),
};

const listeners = new Set();

export function setState(patch) {
  Object.assign(state, patch);
  for (const l of listeners) l();
}

/** useAppState re-renders the calling component whenever state changes. */
export function useAppState() {
  const [, bump] = useState(0);
  useEffect(() => {
    const l = () => bump((n) => n + 1);
    listeners.add(l);
    return () => listeners.delete(l);
  }, []);
  return state;
}

function readDeliverTo() {
  try {
    const p = JSON.parse(localStorage.getItem(DELIVER_TO_KEY) || 'null');
    return hasPoint(p) ? p : null;
  } catch {
    return null;
  }
}

/** setDeliverTo remembers where the customer wants their food. */
export function setDeliverTo(point) {
  const p = { lat: point.lat, lon: point.lon, label: point.label || 'Pinned on the map', source: point.source || 'map' };
  localStorage.setItem(DELIVER_TO_KEY, JSON.stringify(p));
  setState({ deliverTo: p });
}

let defaultPoint;

/**
 * ensureDeliverTo sets a default delivery point when there is none: the
 * middle of the restaurants the server lists (the demo city's centre).
 */
export async function ensureDeliverTo() {
  if (state.deliverTo) return state.deliverTo;
  const p = await defaultDeliverTo();
  if (!state.deliverTo) setState({ deliverTo: p });
  return state.deliverTo;
}

/** defaultDeliverTo is the middle of the restaurants, as a delivery point. */
export async function defaultDeliverTo() {
  if (!defaultPoint) {
    let centre = null;
    try {
      const list = await pb.collection('restaurants').getList(1, 200, { fields: 'location' });
      centre = middle(list.items.map((r) => r.location));
    } catch {
      // no restaurants to centre on: use the fallback
    }
    defaultPoint = { ...(centre || FALLBACK_POINT), label: 'City centre (default point)', source: 'default' };
  }
  return defaultPoint;
}

/** loadRoles finds out whether the user is restaurant staff or a courier. */
export async function loadRoles() {
  const user = currentUser();
  if (!user) {
    setState({ roles: { loaded: true, staffRestaurants: [], courier: null } });
    return;
  }
  const [staff, courier] = await Promise.all([
    pb.collection('restaurants')
      .getFullList({ filter: pb.filter('staff.id ?= {:me}', { me: user.id }), fields: 'id,name,currency', sort: 'name' })
      .catch(() => []),
    pb.collection('couriers')
      .getFirstListItem(pb.filter('user = {:me}', { me: user.id }))
      .catch(() => null),
  ]);
  if (currentUser()?.id !== user.id) return; // signed out or switched meanwhile
  setState({ roles: { loaded: true, staffRestaurants: staff, courier } });
}

/** startSession keeps state in step with the SDK's auth store. */
export function startSession() {
  pb.authStore.onChange(() => {
    const user = currentUser();
    const changed = user?.id !== state.user?.id;
    setState({ user });
    if (changed) {
      setState({ roles: { loaded: false, staffRestaurants: [], courier: null } });
      loadRoles();
    }
  });
  if (pb.authStore.isValid) {
    // Refresh the token and record; a revoked or expired session signs out.
    pb.collection('users').authRefresh().catch((err) => {
      if (err?.status === 401 || err?.status === 403 || err?.status === 404) pb.authStore.clear();
    });
  } else if (pb.authStore.token) {
    pb.authStore.clear();
  }
  loadRoles();
}

/** signOut ends the session and drops every realtime subscription. */
export async function signOut() {
  await pb.realtime.unsubscribe().catch(() => {});
  pb.authStore.clear();
}
