// The notifications bell: the unread count, the latest notifications in a panel, marking read,
// and new ones arriving live (the notification stream, read with the bearer token). One bell per
// sign-in; every screen's frame shows the same element.
import { html, mount } from './dom.js';
import * as api from './api.js';
import { t, formatRelative, formatDateTime } from './i18n.js';
import { empty, failure, loading, toast } from './ui.js';
import { session, orgLink } from './main.js';

let bell = null;
let controller = null;

/** The bell of the current sign-in (made, and its stream started, on first use). */
export function notificationBell() {
  if (bell) {
    return bell;
  }
  controller = new AbortController();
  const count = html`<span class="count-badge" data-test="unread-count" hidden>0</span>`;
  const label = html`<span class="visually-hidden">${t('notifications.title')}</span>`;
  const panel = html`<div class="notifications-panel" id="notifications-panel" role="region" aria-label=${t('notifications.title')} hidden></div>`;
  const button = html`<button type="button" class="bell" data-test="bell" aria-expanded="false" aria-controls="notifications-panel">
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" fill="currentColor"/></svg>
    ${label}${count}
  </button>`;
  let unread = 0;
  const setUnread = (n) => {
    unread = Math.max(0, n);
    count.textContent = unread > 99 ? '99+' : String(unread);
    count.hidden = unread === 0;
    label.textContent = unread ? t('notifications.unread', { count: unread }) : t('notifications.title');
  };

  async function open() {
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    mount(panel, loading());
    try {
      const page = await api.get('api/v1/me/notifications', { limit: 10 });
      render(page.items);
    } catch (error) {
      mount(panel, failure(error));
    }
  }

  function close() {
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  }

  function render(items) {
    mount(
      panel,
      html`<div class="panel-head">
        <h2>${t('notifications.title')}</h2>
        <button type="button" class="link" data-test="read-all" onclick=${async () => {
          try {
            await api.request('POST', 'api/v1/me/notifications/read-all');
            setUnread(0);
            open();
          } catch (e) {
            toast(e.message, 'error');
          }
        }}>${t('notifications.readAll')}</button>
        ${session.org
          ? html`<a href=${orgLink('notifications')} data-test="notification-preferences" onclick=${close}>${t('notifications.preferences')}</a>`
          : null}
      </div>`,
      items.length
        ? html`<ul class="notification-list" data-test="notifications">
            ${items.map((n) => item(n))}
          </ul>`
        : empty(t('notifications.none')),
    );
  }

  function item(n) {
    return html`<li class=${n.read ? 'read' : 'unread'}>
      <p class="title">${n.title}</p>
      ${n.body ? html`<p class="body">${n.body}</p>` : null}
      <p class="meta"><time datetime=${n.createdAt} title=${formatDateTime(n.createdAt)}>${formatRelative(n.createdAt)}</time>
        ${n.read
          ? null
          : html`<button type="button" class="link" onclick=${async (e) => {
              try {
                await api.request('POST', `api/v1/me/notifications/${encodeURIComponent(n.id)}/read`);
                e.target.closest('li').className = 'read';
                e.target.remove();
              } catch (error) {
                toast(error.message, 'error');
              }
            }}>${t('notifications.markRead')}</button>`}
      </p>
    </li>`;
  }

  button.addEventListener('click', () => (panel.hidden ? open() : close()));
  // a click anywhere else closes the panel, as a menu would (the path of the click, not its target:
  // a button the panel redraws is gone from the page by the time the click reaches the document)
  document.addEventListener(
    'click',
    (e) => {
      if (!panel.hidden && bell && !e.composedPath().includes(bell)) close();
    },
    { signal: controller.signal },
  );
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      close();
      button.focus();
    }
  });

  api.stream(
    'api/v1/me/notifications/stream',
    (type, data) => {
      try {
        const payload = JSON.parse(data);
        if (type === 'unread') {
          // the stream's first event: from here on, news arrives live
          button.dataset.live = 'true';
          setUnread(payload.total);
        } else if (type === 'notification') {
          toast(payload.title, 'info');
          if (/^member\.(role-changed|suspended|reactivated|removed)$/.test(payload.type || '')) {
            // the signed-in person's own access changed: screens and actions follow at once
            window.dispatchEvent(new CustomEvent('orgbase:access-changed'));
          }
          if (!panel.hidden) {
            const list = panel.querySelector('.notification-list');
            if (list) list.prepend(item(payload));
            else render([payload]);
          }
        }
      } catch {
        // a malformed event is skipped
      }
    },
    controller.signal,
  );

  bell = html`<div class="bell-wrap">${button}${panel}</div>`;
  return bell;
}

/** Signing out ends the stream and forgets the bell. */
export function stopNotifications() {
  controller?.abort();
  controller = null;
  bell = null;
}
