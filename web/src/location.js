// "Deliver to": the customer's delivery point, from the browser's
// geolocation or pinned on the map, with a default in the demo city.
import { useEffect, useState } from 'preact/hooks';

import { MapView } from './map.js';
import { pb } from './pb.js';
import { navigate, route } from './router.js';
import { defaultDeliverTo, ensureDeliverTo, setDeliverTo, useAppState } from './store.js';
import { html, Loading, Page, useAsync } from './ui.js';

/** locate asks the browser for the device's position, as {lat, lon}. */
export function locate({ timeout = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(new Error("This browser can't tell where you are. Pin the point on the map instead."));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => resolve({ lat: pos.coords.latitude, lon: pos.coords.longitude }),
      (err) => reject(new Error(geoErrorText(err))),
      { enableHighAccuracy: true, timeout, maximumAge: 30000 },
    );
  });
}

export function geoErrorText(err) {
  if (err?.code === 1) return 'Location access was denied. Allow it in your browser, or pin the point on the map instead.';
  if (err?.code === 3) return 'Finding your location took too long. Try again, or pin the point on the map.';
  return "Your location isn't available right now. Pin the point on the map instead.";
}

/** DeliverToBar shows where food goes, with a link to change it. */
export function DeliverToBar() {
  const { deliverTo } = useAppState();
  const back = route().path;
  useEffect(() => {
    ensureDeliverTo();
  }, []);
  return html`<p class="deliver-to" data-testid="deliver-to">
    <span class="muted">Deliver to</span>
    <strong>${deliverTo ? deliverTo.label : 'finding a default point…'}</strong>
    <a href=${`#/location${back !== '/' ? `?back=${encodeURIComponent(back)}` : ''}`} class="btn btn-small btn-ghost">Change<span class="visually-hidden"> the delivery point</span></a>
  </p>`;
}

export function LocationScreen({ query }) {
  const back = query?.get('back');
  const backTo = back && back.startsWith('/') ? back : '/';
  const { deliverTo } = useAppState();
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const restaurants = useAsync(
    () => pb.collection('restaurants').getList(1, 200, { fields: 'id,name,location', sort: 'name' }).then((l) => l.items),
    [],
  );
  useEffect(() => {
    ensureDeliverTo();
  }, []);

  const useDevice = async () => {
    setBusy(true);
    setError('');
    setStatus('Finding your location…');
    try {
      const p = await locate();
      setDeliverTo({ ...p, label: 'Your current location', source: 'gps' });
      setStatus('Using your current location.');
    } catch (err) {
      setError(err.message);
      setStatus('');
    } finally {
      setBusy(false);
    }
  };
  const useDefault = async () => {
    const p = await defaultDeliverTo();
    setDeliverTo(p);
    setStatus('Using the default point in the city centre.');
  };
  const pinned = (p) => {
    setDeliverTo({ ...p, label: 'Pinned on the map', source: 'map' });
    setStatus(`Pin moved to ${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}.`);
  };

  return html`<${Page} title="Deliver to">
    <div class="location-grid">
      <div class="card stack">
        <p>Where should your food go? ${deliverTo ? html`Now: <strong data-testid="deliver-to-label">${deliverTo.label}</strong>${' '}
          <span class="muted">(${deliverTo.lat.toFixed(4)}, ${deliverTo.lon.toFixed(4)})</span>` : null}</p>
        <div class="button-row">
          <button class="btn btn-primary" type="button" onClick=${useDevice} disabled=${busy}>Use my current location</button>
          <button class="btn" type="button" onClick=${useDefault}>Use the city centre</button>
        </div>
        <p class="muted">Or click the map (or focus it and use the arrow keys) to pin the exact point.</p>
        ${error ? html`<p class="error" role="alert">${error}</p>` : null}
        <p role="status" class="muted">${status}</p>
        <a class="btn btn-block" href=${`#${backTo}`} onClick=${(e) => { e.preventDefault(); navigate(backTo); }}>${backTo === '/' ? 'Done: show restaurants' : 'Done: go back'}</a>
      </div>
      ${restaurants.loading && !restaurants.data ? html`<${Loading} label="Loading the map…" />` : html`<${MapView}
        label="Map of restaurants and your delivery point"
        points=${deliverTo ? [{ key: 'home', kind: 'home', lat: deliverTo.lat, lon: deliverTo.lon, label: 'Deliver here' }] : []}
        landmarks=${(restaurants.data || []).map((r) => ({ key: r.id, lat: r.location.lat, lon: r.location.lon, label: r.name }))}
        fit=${[...(restaurants.data || []).map((r) => r.location), ...(deliverTo ? [deliverTo] : [])]}
        onPick=${pinned} />`}
    </div>
  <//>`;
}
