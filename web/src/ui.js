// Small building blocks shared by the screens: htm templates, loading and
// error states, async data, realtime subscriptions, announcements, dialogs.
import { h } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';

import { errorText, pb } from './pb.js';

/** html is the template tag every component renders with. */
export const html = htm.bind(h);

export function Loading({ label = 'Loading…' }) {
  return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span> ${label}</p>`;
}

/** ErrorMessage shows an error as words, announced to screen readers. */
export function ErrorMessage({ error, id, fallback }) {
  const text = errorText(error, fallback);
  if (!text) return null;
  return html`<p class="error" role="alert" id=${id} data-testid="error">${text}</p>`;
}

/**
 * useAsync runs load() now and whenever deps change; returns {data, error,
 * loading, reload, setData}. A slower, older run never overwrites a newer.
 */
export function useAsync(load, deps) {
  const [st, setSt] = useState({ data: undefined, error: null, loading: true });
  const run = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(async ({ quiet = false } = {}) => {
    const n = ++run.current;
    if (!quiet) setSt((s) => ({ ...s, loading: true, error: null }));
    try {
      const data = await loadRef.current();
      if (n === run.current) setSt({ data, error: null, loading: false });
    } catch (error) {
      if (n === run.current && !error?.isAbort) setSt((s) => ({ ...s, error, loading: false }));
    }
  }, []);
  useEffect(() => {
    reload();
  }, deps);
  const setData = useCallback((f) => setSt((s) => ({ ...s, data: typeof f === 'function' ? f(s.data) : f })), []);
  return { ...st, reload, setData };
}

/**
 * useRealtime subscribes to a collection's topic ("*" or a record id) while
 * the component is mounted. onReady runs once the subscription is active,
 * and again after a reconnect: load (or reload) there, so that no change
 * made in between is missed.
 */
export function useRealtime(collection, topic, onEvent, { options, onReady, enabled = true } = {}) {
  const handlers = useRef({});
  handlers.current = { onEvent, onReady };
  const optKey = JSON.stringify(options || {});
  useEffect(() => {
    if (!enabled || !topic) return undefined;
    let unsubscribe = null;
    let unsubscribeConnect = null;
    let gone = false;
    let connects = 0;
    pb.collection(collection)
      .subscribe(topic, (e) => handlers.current.onEvent?.(e), options)
      .then((u) => {
        if (gone) return u();
        unsubscribe = u;
        handlers.current.onReady?.();
        // PB_CONNECT fires on every (re)connect of the shared realtime
        // connection; the first one already happened.
        return pb.realtime.subscribe('PB_CONNECT', () => {
          if (connects++ > 0) handlers.current.onReady?.();
        }).then((uc) => {
          if (gone) uc();
          else unsubscribeConnect = uc;
        });
      })
      .catch((err) => console.warn(`realtime ${collection}/${topic}:`, err));
    return () => {
      gone = true;
      unsubscribe?.();
      unsubscribeConnect?.();
    };
  }, [collection, topic, optKey, enabled]);
}

const toastListeners = new Set();

/** announce shows a short message and reads it out to screen readers. */
export function announce(text, kind = 'info') {
  for (const l of toastListeners) l({ text, kind, id: Math.random() });
}

export function Toasts() {
  const [items, setItems] = useState([]);
  useEffect(() => {
    const l = (t) => {
      // One message at a time: the newest replaces the one shown.
      setItems([t]);
      setTimeout(() => setItems((xs) => xs.filter((x) => x.id !== t.id)), 3500);
    };
    toastListeners.add(l);
    return () => toastListeners.delete(l);
  }, []);
  return html`<div class="toasts" role="status" aria-live="polite">
    ${items.map((t) => html`<p key=${t.id} class=${`toast toast-${t.kind}`}>${t.text}</p>`)}
  </div>`;
}

// navigated turns true at the first navigation inside the app: on a fresh
// page load the browser's own focus order (skip link first) is left alone.
let navigated = false;
for (const event of ['hashchange', 'dishpatch:route']) {
  window.addEventListener(event, () => { navigated = true; });
}

/**
 * Page renders a screen: its title becomes the document title and, after a
 * navigation inside the app, its h1 receives focus, so keyboard and
 * screen-reader users start at the top of the new screen.
 */
export function Page({ title, heading, class: cls = '', children, actions }) {
  const ref = useRef(null);
  useEffect(() => {
    document.title = title ? `${title} · Dishpatch` : 'Dishpatch';
  }, [title]);
  useEffect(() => {
    if (navigated) ref.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, []);
  return html`<section class=${`page ${cls}`}>
    <header class="page-head">
      <h1 tabindex="-1" ref=${ref}>${heading ?? title}</h1>
      ${actions}
    </header>
    ${children}
  </section>`;
}

/**
 * Dialog is a modal <dialog>: focus moves into it, Escape closes it, and
 * focus returns to where it was when it closes.
 */
export function Dialog({ open, onClose, labelledBy, children, class: cls = '' }) {
  const ref = useRef(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return undefined;
    if (open && !d.open) {
      const before = document.activeElement;
      d.showModal();
      return () => before?.focus?.();
    }
    if (!open && d.open) d.close();
    return undefined;
  }, [open]);
  return html`<dialog ref=${ref} class=${`dialog ${cls}`} aria-labelledby=${labelledBy}
    onClose=${() => onClose?.()} onCancel=${(e) => { e.preventDefault(); onClose?.(); }}>
    ${open ? children : null}
  </dialog>`;
}

/** Field is a labelled input with its hint and error tied to it for screen readers. */
export function Field({ id, label, error, hint, children }) {
  return html`<div class=${`field ${error ? 'has-error' : ''}`}>
    <label for=${id}>${label}</label>
    ${children}
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : null}
    ${error ? html`<p class="field-error" id=${`${id}-error`} role="alert">${error}</p>` : null}
  </div>`;
}

/** describedBy joins the ids of a field's hint and error for aria-describedby. */
export function describedBy(id, { hint, error } = {}) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** useNow re-renders every interval ms, for clocks and "x min ago". */
export function useNow(interval = 30000) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), interval);
    return () => clearInterval(t);
  }, [interval]);
  return now;
}
