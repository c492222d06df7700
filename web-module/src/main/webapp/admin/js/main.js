// The console: a single page on Orgbase's public API. Routes live in the address's fragment
// (#/o/acme/members), so a reload or a shared link opens the same screen.
import { html, mount, focusHeading } from './dom.js';
import * as api from './api.js';
import { configure, t } from './i18n.js';
import { failure, loading } from './ui.js';
import { signInScreen } from './screens/signin.js';
import { dashboardScreen } from './screens/dashboard.js';
import { membersScreen } from './screens/members.js';
import { settingsScreen } from './screens/settings.js';
import { apiKeysScreen } from './screens/apikeys.js';
import { departmentsScreen } from './screens/departments.js';
import { profileScreen } from './screens/profile.js';
import { PLATFORM_SCREENS } from './screens/platform.js';
import { dataJobsScreen } from './screens/datajobs.js';
import { notificationBell, stopNotifications } from './notifications.js';
import { invitationsScreen } from './screens/invitations.js';
import { rolesScreen } from './screens/roles.js';
import { auditScreen } from './screens/audit.js';
import { teamsScreen } from './screens/teams.js';
import { preferencesScreen } from './screens/preferences.js';

const app = document.getElementById('app');

/** Who is signed in and where: {me, org: {slug, name, access}}. */
export const session = { me: null, org: null };

/** The screens of an organization: path segment, label, permission needed to see it. */
const ORG_SCREENS = [
  { path: '', label: 'nav.dashboard', permission: 'organization:read', screen: dashboardScreen },
  { path: 'members', label: 'nav.members', permission: 'members:read', screen: membersScreen },
  { path: 'departments', label: 'nav.departments', permission: 'departments:read', screen: departmentsScreen },
  { path: 'teams', label: 'nav.teams', permission: 'teams:read', screen: teamsScreen },
  { path: 'invitations', label: 'nav.invitations', permission: 'members:read', screen: invitationsScreen },
  { path: 'roles', label: 'nav.roles', permission: 'roles:read', screen: rolesScreen },
  { path: 'api-keys', label: 'nav.apiKeys', permission: 'api-keys:read', screen: apiKeysScreen },
  { path: 'audit', label: 'nav.audit', permission: 'audit:read', screen: auditScreen },
  { path: 'data-jobs', label: 'nav.dataJobs', permission: 'departments:read', screen: dataJobsScreen },
  { path: 'settings', label: 'nav.settings', permission: 'organization:read', screen: settingsScreen },
  { path: 'notifications', label: 'nav.notifications', permission: 'organization:read', screen: preferencesScreen },
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
  const requested = current;
  const [organization, access] = await Promise.all([
    api.get(`api/v1/orgs/${encodeURIComponent(slug)}`),
    api.get(`api/v1/orgs/${encodeURIComponent(slug)}/me`),
  ]);
  if (requested !== current) {
    return session.org;
  }
  session.org = { slug: organization.slug, name: organization.name, organization, access, branding: null };
  try {
    session.org.branding = (await api.get(`api/v1/orgs/${encodeURIComponent(slug)}/settings`)).branding;
  } catch {
    // settings are not everyone's to read: the console keeps its own colours
  }
  applyBranding(session.org.branding);
  configure({
    languages: [session.me.profile.language, organization.language],
    timeZones: [session.me.profile.timezone, organization.timezone],
  });
  return session.org;
}

/** Relative luminance of a #rrggbb colour (WCAG 2). */
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The organization's colour becomes the console's accent, with text on it in white or black,
 * whichever reads better; links keep the default colour unless the brand colour is readable on
 * white (contrast 4.5:1).
 */
export function applyBranding(branding) {
  const root = document.documentElement.style;
  const colour = branding?.primaryColour;
  if (colour && /^#[0-9a-fA-F]{6}$/.test(colour)) {
    const l = luminance(colour);
    root.setProperty('--accent', colour);
    root.setProperty('--accent-text', (1.05 / (l + 0.05)) >= 4.5 ? '#ffffff' : '#000000');
    if (1.05 / (l + 0.05) >= 4.5) root.setProperty('--link', colour);
    else root.removeProperty('--link');
  } else {
    root.removeProperty('--accent');
    root.removeProperty('--accent-text');
    root.removeProperty('--link');
  }
  const logo = document.querySelector('.org-logo');
  if (logo) {
    logo.replaceWith(orgLogo());
  }
}

function orgLogo() {
  const url = session.org?.branding?.logoUrl;
  return url && /^https:\/\//i.test(url)
    ? html`<img class="org-logo" src=${url} alt="" data-test="org-logo" />`
    : html`<span class="org-logo" hidden></span>`;
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

function shell(currentSlug, activePath, platformPath = null) {
  const main = html`<main id="main" tabindex="-1"></main>`;
  const screens = platformPath !== null
    ? PLATFORM_SCREENS.map((s) => ({ ...s, href: `#/platform${s.path ? `/${s.path}` : ''}`, current: s.path === platformPath }))
    : currentSlug
      ? ORG_SCREENS.filter((s) => may(s.permission)).map((s) => ({ ...s, href: orgLink(s.path, currentSlug), current: s.path === activePath }))
      : [];
  const page = html`<div class="shell">
    <a class="skip" href="#main" onclick=${(e) => {
      e.preventDefault();
      main.focus();
    }}>${t('nav.skip')}</a>
    <header class="topbar">
      <a class="brand" href="#/">Orgbase</a>
      ${orgLogo()}
      ${switcher(currentSlug)}
      <span class="spacer"></span>
      ${session.me.platformAdmin ? html`<a class="platform-link" href="#/platform" data-test="platform-link">${t('nav.platform')}</a>` : null}
      ${notificationBell()}
      <a class="user" href="#/profile" data-test="user-name" title=${t('nav.profile')}>${session.me.displayName}</a>
      <button type="button" class="link" data-test="sign-out" onclick=${() => api.logout()}>${t('nav.signOut')}</button>
    </header>
    <div class="layout">
      ${screens.length
        ? html`<nav aria-label=${t('nav.sections')}>
            <ul>
              ${screens.map(
                (s) => html`<li><a href=${s.href} aria-current=${s.current ? 'page' : null}>${t(s.label)}</a></li>`,
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
  current?.abort();
  const mine = new AbortController();
  current = mine;
  // a slower, older route must never draw over a newer one
  const stale = () => mine.signal.aborted;
  try {
    if (!api.signedIn() && !(await api.refresh())) {
      session.me = null;
      showSignIn();
      return;
    }
    if (!session.me) {
      mount(app, loading());
      await loadMe();
      if (stale()) return;
    }
    if (parts[0] === 'o' && parts[1]) {
      const slug = parts[1];
      const path = parts[2] || '';
      let main;
      try {
        await enterOrg(slug);
        if (stale()) return;
      } catch (error) {
        if (stale()) return;
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
      await screen.screen(main, { params, signal: mine.signal, rest: parts.slice(3) });
      if (stale()) return;
      focusHeading(main);
      return;
    }
    if (parts[0] === 'platform' && parts.length <= 2) {
      const path = parts[1] || '';
      const screen = PLATFORM_SCREENS.find((s) => s.path === path);
      const main = shell(session.org?.slug || null, null, path);
      if (!session.me.platformAdmin || !screen) {
        mount(main, failure(new api.ApiError(session.me.platformAdmin ? 404 : 403, { title: '' })));
        return;
      }
      await screen.screen(main, { params, signal: mine.signal });
      if (!stale()) focusHeading(main);
      return;
    }
    if (parts[0] === 'profile' && parts.length === 1) {
      const main = shell(session.org?.slug || null, null);
      await profileScreen(main, {
        reload: () => {
          session.me = null;
          session.org = null;
          route();
        },
      });
      return;
    }
    if (parts.length) {
      mount(shell(null, ''), failure(new api.ApiError(404, { title: 'Not Found' })));
      return;
    }
    // no organization chosen: the one of the address's subdomain or else the default one (the
    // API's "current"), the first membership, or a choice
    let target = null;
    // asked only when there can be an answer: a default organization, or a host name that could be
    // an organization's subdomain (not localhost, not an address)
    const host = window.location.hostname;
    const subdomainLike = host.split('.').length >= 3 && !/^[\d.]+$|^\[/.test(host);
    if (session.me.defaultOrg || subdomainLike) {
      try {
        target = (await api.get('api/v1/orgs/current')).slug;
      } catch (error) {
        if (!(error instanceof api.ApiError) || error.status >= 500 || error.status === 401) throw error;
      }
      if (stale()) return;
    }
    // only an organization of one's own opens by itself: a link to another's subdomain never walks a
    // platform administrator into it unasked
    const own = (slug) => (session.me.memberships || []).some((m) => m.org.slug === slug);
    if (target && !own(target)) target = null;
    target = target || session.me.defaultOrg?.slug || session.me.memberships?.[0]?.org.slug;
    if (target) {
      window.location.replace(`#/o/${encodeURIComponent(target)}`);
      return;
    }
    if (session.me.platformAdmin) {
      window.location.replace('#/platform');
      return;
    }
    const main = shell(null, '');
    mount(main, html`<section><h1>${t('home.title')}</h1><p>${t('home.noOrganizations')}</p></section>`);
    focusHeading(main);
  } catch (error) {
    if (stale() || (error instanceof api.ApiError && error.status === 401)) {
      return;
    }
    mount(app, failure(error, () => route()));
  }
}

api.onSignedOut(() => {
  current?.abort();
  stopNotifications();
  // the next person at this browser sees nothing of the last one's work: no message, no open
  // dialog (a key's secret, recovery codes), no organization's colours, time zone or address
  document.getElementById('toasts')?.replaceChildren();
  document.querySelectorAll('dialog').forEach((d) => (d.open ? d.close() : d.remove()));
  applyBranding(null);
  configure({ languages: [], timeZones: [] });
  window.history.replaceState(null, '', '#/');
  session.me = null;
  session.org = null;
  showSignIn();
});

window.addEventListener('hashchange', () => route());
window.addEventListener('orgbase:access-changed', () => {
  session.me = null;
  session.org = null;
  route();
});
configure();
route();
