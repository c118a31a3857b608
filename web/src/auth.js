// Sign in, sign up and password reset: PocketBase's users auth collection
// through the SDK.
import { useState } from 'preact/hooks';

import { errorText, fieldErrors, pb } from './pb.js';
import { navigate } from './router.js';
import { describedBy, ErrorMessage, Field, html, Page } from './ui.js';

const DEMO_ACCOUNTS = [
  ['Customer', 'customer@dishpatch.demo'],
  ['Restaurant staff', 'staff@dishpatch.demo'],
  ['Courier', 'courier@dishpatch.demo'],
];
const DEMO_PASSWORD = 'dishpatch-demo';

/** isLocal: demo logins are offered only on a server on this machine. */
const isLocal = ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);

function afterSignIn(next) {
  navigate(next && next.startsWith('/') ? next : '/', { replace: true });
}

export function Login({ query }) {
  const next = query.get('next') || '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await pb.collection('users').authWithPassword(email.trim(), password);
      afterSignIn(next);
    } catch (err) {
      setError(err?.status === 400 ? 'Wrong e-mail or password. Check both and try again.' : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return html`<${Page} title="Sign in" class="narrow">
    <form class="card form" onSubmit=${submit} aria-describedby=${error ? 'login-error' : undefined}>
      <${Field} id="login-email" label="E-mail">
        <input id="login-email" type="email" autocomplete="username" required value=${email}
          onInput=${(e) => setEmail(e.currentTarget.value)} />
      <//>
      <${Field} id="login-password" label="Password">
        <input id="login-password" type="password" autocomplete="current-password" required value=${password}
          onInput=${(e) => setPassword(e.currentTarget.value)} />
      <//>
      ${error ? html`<p class="error" role="alert" id="login-error" data-testid="error">${error}</p>` : null}
      <button class="btn btn-primary btn-block" type="submit" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
      <p class="form-links">
        <a href="#/reset">Forgot your password?</a>
        <a href=${`#/signup?next=${encodeURIComponent(next)}`}>Create an account</a>
      </p>
    </form>
    ${isLocal ? html`<details class="card demo-logins">
      <summary>Demo accounts</summary>
      <p>With the demo data loaded (<code>dishpatch demo</code>), every demo account's password is <code>${DEMO_PASSWORD}</code>.</p>
      <ul class="plain">
        ${DEMO_ACCOUNTS.map(([role, addr]) => html`<li>
          <button type="button" class="btn btn-small" onClick=${() => { setEmail(addr); setPassword(DEMO_PASSWORD); }}>
            Fill in the ${role.toLowerCase()} account</button> <span class="muted">${addr}</span></li>`)}
      </ul>
    </details>` : null}
  <//>`;
}

export function Signup({ query }) {
  const next = query.get('next') || '/';
  const [form, setForm] = useState({ name: '', email: '', password: '', passwordConfirm: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [fields, setFields] = useState({});
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });

  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    const local = {};
    if (form.password.length < 8) local.password = 'Use at least 8 characters.';
    if (form.password !== form.passwordConfirm) local.passwordConfirm = "The passwords don't match.";
    setFields(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await pb.collection('users').create({ ...form, email: form.email.trim(), name: form.name.trim() });
      await pb.collection('users').authWithPassword(form.email.trim(), form.password);
      afterSignIn(next);
    } catch (err) {
      const f = fieldErrors(err);
      if (err?.response?.data?.email?.code === 'validation_not_unique') f.email = 'An account with this e-mail already exists.';
      setFields(f);
      setError(Object.keys(f).length ? null : err);
    } finally {
      setBusy(false);
    }
  };

  const input = (id, key, type, autocomplete, label, hint) => html`<${Field} id=${id} label=${label} error=${fields[key]} hint=${hint}>
    <input id=${id} type=${type} autocomplete=${autocomplete} required=${key !== 'name'} value=${form[key]} onInput=${set(key)}
      aria-invalid=${fields[key] ? 'true' : undefined} aria-describedby=${describedBy(id, { hint, error: fields[key] })} />
  <//>`;

  return html`<${Page} title="Create an account" class="narrow">
    <form class="card form" onSubmit=${submit}>
      ${input('signup-name', 'name', 'text', 'name', 'Name', 'So the courier knows who to look for.')}
      ${input('signup-email', 'email', 'email', 'email', 'E-mail')}
      ${input('signup-password', 'password', 'password', 'new-password', 'Password', 'At least 8 characters.')}
      ${input('signup-confirm', 'passwordConfirm', 'password', 'new-password', 'Repeat the password')}
      <${ErrorMessage} error=${error} />
      <button class="btn btn-primary btn-block" type="submit" disabled=${busy}>${busy ? 'Creating your account…' : 'Create account'}</button>
      <p class="form-links"><a href=${`#/login?next=${encodeURIComponent(next)}`}>I already have an account</a></p>
    </form>
  <//>`;
}

export function Reset() {
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [sent, setSent] = useState('');

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await pb.collection('users').requestPasswordReset(email.trim());
      setSent(email.trim());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return html`<${Page} title="Reset your password" class="narrow">
    ${sent
      ? html`<div class="card" role="status" data-testid="reset-sent">
          <p>If there is an account for <strong>${sent}</strong>, we have sent it an e-mail with a link to choose a new password.</p>
          <p><a href="#/login">Back to sign in</a></p>
        </div>`
      : html`<form class="card form" onSubmit=${submit}>
          <p>Enter the e-mail address of your account and we'll send you a link to choose a new password.</p>
          <${Field} id="reset-email" label="E-mail">
            <input id="reset-email" type="email" autocomplete="email" required value=${email} onInput=${(e) => setEmail(e.currentTarget.value)} />
          <//>
          <${ErrorMessage} error=${error} />
          <button class="btn btn-primary btn-block" type="submit" disabled=${busy}>${busy ? 'Sending…' : 'Send reset link'}</button>
          <p class="form-links"><a href="#/login">Back to sign in</a></p>
        </form>`}
  <//>`;
}
