// The one PocketBase SDK client of the app, and the translation of API
// errors into sentences a person can act on.
import PocketBase from 'pocketbase';

/** pb talks to the server that served the page: the app is same-origin. */
export const pb = new PocketBase('/');

// Screens fire independent requests to the same endpoint (a list and its
// refresh, two cards updating); the SDK would otherwise cancel the older
// one. Requests that should cancel each other (search as you type) pass an
// AbortSignal instead.
pb.autoCancellation(false);

/** The signed-in user's record, or null. */
export function currentUser() {
  return pb.authStore.isValid ? pb.authStore.record : null;
}

/** isAbort reports an error caused by aborting the request on purpose. */
export function isAbort(err) {
  return Boolean(err?.isAbort);
}

/**
 * fieldErrors returns the field errors of a 400 as {field: message}; the
 * server's messages are sentences written for people.
 */
export function fieldErrors(err) {
  const data = err?.response?.data;
  const out = {};
  if (!data || typeof data !== 'object') return out;
  for (const [field, value] of Object.entries(data)) {
    if (value && typeof value === 'object' && typeof value.message === 'string') out[field] = value.message;
  }
  return out;
}

/** blockersOf returns the blockers of a refused checkout ([] when none). */
export function blockersOf(err) {
  const list = err?.response?.data?.blockers;
  return Array.isArray(list) ? list : [];
}

/**
 * errorText turns any error of an API call into one or two sentences:
 * the server's field messages or blockers when it sent some, else a
 * message for the status.
 */
export function errorText(err, fallback = 'Something went wrong. Please try again.') {
  if (!err) return '';
  if (isAbort(err)) return '';
  if (typeof err === 'string') return err;
  const status = err.status;
  if (status === 0 || status === undefined) {
    if (err instanceof Error && !('response' in err)) return err.message || fallback;
    return "Can't reach Dishpatch. Check your connection and try again.";
  }
  if (status === 429) return 'Too many requests right now. Wait a few seconds and try again.';
  const blockers = blockersOf(err);
  if (blockers.length) return blockers.map((b) => b.message).join(' ');
  const fields = Object.values(fieldErrors(err));
  if (fields.length) return fields.join(' ');
  if (status === 401) return 'Please sign in first.';
  const message = err.response?.message;
  if (status === 403) return message || "You aren't allowed to do that.";
  if (status === 404) return message && message !== "The requested resource wasn't found." ? message : 'Not found: it may have been removed, or it is not yours.';
  if (status >= 500) return 'The server had a problem. Please try again in a moment.';
  return message || fallback;
}
