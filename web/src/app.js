// Dishpatch's web app: the entry point. It renders the header and the
// screen for the current hash route (#/restaurant/ID), for customers,
// restaurant staff and couriers alike.
import './app.css';

import { render } from 'preact';

import { Login, Reset, Signup } from './auth.js';
import { CartScreen, CartsScreen } from './cart.js';
import { CourierScreen } from './courier.js';
import { LocationScreen } from './location.js';
import { OrderScreen, OrdersScreen } from './orders.js';
import { RestaurantScreen } from './restaurant.js';
import { SearchScreen } from './search.js';
import { StaffBoard, StaffMenu } from './staff.js';
import { navigate, useRoute } from './router.js';
import { signOut, startSession, useAppState } from './store.js';
import { html, Page, Toasts } from './ui.js';

/** needsUser sends signed-out visitors to the sign-in screen and back. */
function needsUser(user, path, screen) {
  if (user) return screen();
  return html`<${Page} title="Sign in needed">
    <div class="card stack">
      <p>Please sign in to see this page.</p>
      <p class="button-row">
        <a class="btn btn-primary" href=${`#/login?next=${encodeURIComponent(path)}`}>Sign in</a>
        <a class="btn" href=${`#/signup?next=${encodeURIComponent(path)}`}>Create an account</a>
      </p>
    </div>
  <//>`;
}

function Screen({ r, user }) {
  const [first, second, third] = r.parts;
  switch (first) {
    case undefined:
      return html`<${SearchScreen} query=${r.query} />`;
    case 'login':
      return html`<${Login} query=${r.query} />`;
    case 'signup':
      return html`<${Signup} query=${r.query} />`;
    case 'reset':
      return html`<${Reset} />`;
    case 'location':
      return html`<${LocationScreen} query=${r.query} />`;
    case 'restaurant':
      // Without an id: the list of restaurants (search), as for #/cart and #/order below.
      if (!second) return html`<${SearchScreen} query=${r.query} />`;
      return html`<${RestaurantScreen} key=${second} id=${second} />`;
    case 'cart':
      if (!second) return needsUser(user, r.path, () => html`<${CartsScreen} />`);
      return needsUser(user, r.path, () => html`<${CartScreen} key=${second} id=${second} />`);
    case 'carts':
      return needsUser(user, r.path, () => html`<${CartsScreen} />`);
    case 'order':
      if (!second) return needsUser(user, r.path, () => html`<${OrdersScreen} />`);
      return needsUser(user, r.path, () => html`<${OrderScreen} key=${second} id=${second} />`);
    case 'orders':
      return needsUser(user, r.path, () => html`<${OrdersScreen} />`);
    case 'staff':
      return needsUser(user, r.path, () => (second === 'menu' ? html`<${StaffMenu} key=${third} restaurantId=${third} />` : html`<${StaffBoard} />`));
    case 'courier':
      return needsUser(user, r.path, () => html`<${CourierScreen} />`);
    default:
      return html`<${Page} title="Page not found"><p class="card">There is no page here. <a href="#/">Find restaurants</a>.</p><//>`;
  }
}

function NavLink({ to, current, children }) {
  const active = to === '/' ? current === '/' : current === to || current.startsWith(`${to}/`);
  return html`<a href=${`#${to}`} aria-current=${active ? 'page' : undefined}>${children}</a>`;
}

function Header({ r }) {
  const { user, roles } = useAppState();
  const path = r.path;
  const top = `/${r.parts[0] || ''}`.replace(/\/$/, '') || '/';
  return html`<header class="app-header">
    <a class="brand" href="#/"><span class="brand-mark" aria-hidden="true">◉</span> Dishpatch</a>
    <nav aria-label="Main">
      <ul>
        <li><${NavLink} to="/" current=${top}>Restaurants<//></li>
        ${user ? html`
          <li><${NavLink} to="/carts" current=${top === '/cart' ? '/carts' : top}>Cart<//></li>
          <li><${NavLink} to="/orders" current=${top === '/order' ? '/orders' : top}>Orders<//></li>
          ${roles.staffRestaurants.length ? html`<li><${NavLink} to="/staff" current=${top}>Kitchen<//></li>` : null}
          ${roles.courier ? html`<li><${NavLink} to="/courier" current=${top}>Deliver<//></li>` : null}
          <li><button type="button" class="btn-link nav-button" onClick=${async () => { await signOut(); navigate('/'); }}
            title=${user.email}>Sign out</button></li>`
          : html`<li><a class="btn btn-small btn-primary" href=${`#/login${path !== '/' && !path.startsWith('/login') ? `?next=${encodeURIComponent(path)}` : ''}`}>Sign in</a></li>`}
      </ul>
    </nav>
  </header>`;
}

function App() {
  const r = useRoute();
  const { user } = useAppState();
  return html`
    <a class="skip-link" href="#main" onClick=${(e) => { e.preventDefault(); document.querySelector('main h1')?.focus(); }}>Skip to content</a>
    <${Header} r=${r} />
    <main id="main">
      <${Screen} r=${r} user=${user} />
    </main>
    <${Toasts} />
    <footer class="app-footer">
      <p>Dishpatch · this app uses only the public API, through the PocketBase JS SDK · <a href="/_/">Admin dashboard</a></p>
    </footer>`;
}

startSession();
const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
