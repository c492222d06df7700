// The console: a single page on Orgbase's public API. Routes live in the address's fragment
// (#/o/acme/members), so a reload or a shared link opens the same screen.
import { html, mount, focusHeading } from './dom.js';
import * as api from './api.js';
import { configure, t } from './i18n.js';
import { failure, loading } from './ui.js';
import { signInScreen } from './screens/signin.js';
import { dashboardScreen } from './screens/dashboard.js';
import { membersScreen } from './screens/members.js';
import { invitationsScreen } from './screens/invitations.js';
import { rolesScreen } from './screens/roles.js';
import { auditScreen } from './screens/audit.js';

const app = document.getElementById('app');

/** Who is signed in and where: {me, org: {slug, name, access}}. */
export const session = { me: null, org: null };

/** The screens of an organization: path segment, label, permission needed to see it. */
const ORG_SCREENS = [
  { path: '', label: 'nav.dashboard', permission: 'organization:read', screen: dashboardScreen },
  { path: 'members', label: 'nav.members', permission: 'members:read', screen: membersScreen },
  { path: 'invitations', label: 'nav.invitations', permission: 'members:read', screen: invitationsScreen },
  { path: 'roles', label: 'nav.roles', permission: 'roles:read', screen: rolesScreen },
  { path: 'audit', label: 'nav.audit', permission: 'audit:read', screen: auditScreen },
];

/** What may name an organization or a record in a route: a slug or a UUID, nothing else. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

function parseRoute() {
  const hash = window.location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = hash.split('?');
  // split first, then decode each part: a "%2F" or ".." never becomes a path of the API
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return '';
      }
    });
  const valid = parts.every((part) => SEGMENT.test(part));
  return { parts: valid ? parts : ['not-found'], params: new URLSearchParams(search) };
}

export function navigate(path) {
  window.location.hash = `#/${path}`;
}

/** The hash of an organization's screen. */
export function orgLink(screen = '', slug = session.org?.slug) {
  return `#/o/${encodeURIComponent(slug)}${screen ? `/${screen}` : ''}`;
}

export function may(permission) {
  return !!session.org?.access?.permissions.includes(permission);
}

async function loadMe() {
  const [me, profile] = await Promise.all([api.get('api/v1/me'), api.get('api/v1/me/profile')]);
  session.me = { ...me, profile };
  configure({ languages: [profile.language], timeZones: [profile.timezone] });
}

async function enterOrg(slug) {
  if (session.org?.slug === slug) {
    return session.org;
  }
  const [organization, access] = await Promise.all([
    api.get(`api/v1/orgs/${encodeURIComponent(slug)}`),
    api.get(`api/v1/orgs/${encodeURIComponent(slug)}/me`),
  ]);
  session.org = { slug: organization.slug, name: organization.name, organization, access };
  configure({
    languages: [session.me.profile.language, organization.language],
    timeZones: [session.me.profile.timezone, organization.timezone],
  });
  return session.org;
}

function switcher(currentSlug) {
  const memberships = session.me.memberships || [];
  const known = memberships.some((m) => m.org.slug === currentSlug);
  const options = memberships.map((m) => ({ value: m.org.slug, label: m.org.name }));
  if (currentSlug && !known && session.org) {
    options.unshift({ value: currentSlug, label: session.org.name });
  }
  return html`<label class="switcher">
    <span class="visually-hidden">${t('nav.organization')}</span>
    <select data-test="org-switcher" onchange=${(e) => navigate(`o/${encodeURIComponent(e.target.value)}`)}>
      ${currentSlug ? null : html`<option value="" selected>${t('nav.chooseOrganization')}</option>`}
      ${options.map((o) => html`<option value=${o.value} selected=${o.value === currentSlug}>${o.label}</option>`)}
    </select>
  </label>`;
}

function shell(currentSlug, activePath) {
  const main = html`<main id="main" tabindex="-1"></main>`;
  const screens = currentSlug ? ORG_SCREENS.filter((s) => may(s.permission)) : [];
  const page = html`<div class="shell">
    <a class="skip" href="#main" onclick=${(e) => {
      e.preventDefault();
      main.focus();
    }}>${t('nav.skip')}</a>
    <header class="topbar">
      <a class="brand" href="#/">Orgbase</a>
      ${switcher(currentSlug)}
      <span class="spacer"></span>
      <span class="user" data-test="user-name">${session.me.displayName}</span>
      <button type="button" class="link" data-test="sign-out" onclick=${() => api.logout()}>${t('nav.signOut')}</button>
    </header>
    <div class="layout">
      ${screens.length
        ? html`<nav aria-label=${t('nav.sections')}>
            <ul>
              ${screens.map(
                (s) => html`<li><a href=${orgLink(s.path)} aria-current=${s.path === activePath ? 'page' : null}>${t(s.label)}</a></li>`,
              )}
            </ul>
          </nav>`
        : null}
      ${main}
    </div>
  </div>`;
  mount(
    app,
    window.isSecureContext ? null : html`<p class="notice bad insecure" role="alert">${t('nav.insecure')}</p>`,
    page,
    html`<div id="toasts" class="toasts" aria-live="polite"></div>`,
  );
  return main;
}

function showSignIn() {
  mount(app, signInScreen({ onSignedIn: () => route() }));
  focusHeading(app);
}

let current = null;

async function route() {
  const { parts, params } = parseRoute();
  if (!api.signedIn() && !(await api.refresh())) {
    session.me = null;
    showSignIn();
    return;
  }
  current?.abort();
  current = new AbortController();
  try {
    if (!session.me) {
      mount(app, loading());
      await loadMe();
    }
    if (parts[0] === 'o' && parts[1]) {
      const slug = parts[1];
      const path = parts[2] || '';
      let main;
      try {
        await enterOrg(slug);
      } catch (error) {
        session.org = null;
        main = shell(slug, path);
        mount(main, failure(error));
        return;
      }
      main = shell(session.org.slug, path);
      const screen = ORG_SCREENS.find((s) => s.path === path);
      if (!screen) {
        mount(main, failure(new api.ApiError(404, { title: 'Not Found' })));
        return;
      }
      if (!may(screen.permission)) {
        mount(main, failure(new api.ApiError(403, { title: 'Forbidden' })));
        return;
      }
      await screen.screen(main, { params, signal: current.signal, rest: parts.slice(3) });
      focusHeading(main);
      return;
    }
    if (parts.length) {
      mount(shell(null, ''), failure(new api.ApiError(404, { title: 'Not Found' })));
      return;
    }
    // no organization chosen: the default one, the first membership, or a choice
    const target = session.me.defaultOrg?.slug || session.me.memberships?.[0]?.org.slug;
    if (target) {
      window.location.replace(`#/o/${encodeURIComponent(target)}`);
      return;
    }
    const main = shell(null, '');
    mount(main, html`<section><h1>${t('home.title')}</h1><p>${t('home.noOrganizations')}</p></section>`);
    focusHeading(main);
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 401) {
      return;
    }
    mount(app, failure(error, () => route()));
  }
}

api.onSignedOut(() => {
  session.me = null;
  session.org = null;
  showSignIn();
});

window.addEventListener('hashchange', () => route());
configure();
route();
