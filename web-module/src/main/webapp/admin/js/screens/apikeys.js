// API keys: the organization's keys with their role, expiry and last use; creating one shows its
// secret once (with a copy button); revoking ends it at once.
import { html, mount } from '../dom.js';
import * as api from '../api.js';
import { t, formatDateTime, formatRelative } from '../i18n.js';
import { badge, confirm, dialog, empty, failure, field, formDialog, loading, toast } from '../ui.js';
import { session, may } from '../main.js';
import { roleChoices, roleLabel, roleOptions } from '../roles.js';

export async function apiKeysScreen(main, { signal }) {
  const base = `api/v1/orgs/${encodeURIComponent(session.org.slug)}`;
  const writable = may('api-keys:write');
  const list = html`<div class="results" aria-live="polite">${loading()}</div>`;
  let roles = [];
  try {
    roles = await roleChoices();
  } catch (error) {
    mount(main, html`<h1>${t('keys.title')}</h1>`, failure(error));
    return;
  }
  mount(
    main,
    html`<div class="screen-head">
      <h1>${t('keys.title')}</h1>
      ${writable ? html`<button type="button" class="primary" data-test="new-key" onclick=${create}>${t('keys.new')}</button>` : null}
    </div>`,
    html`<p class="hint">${t('keys.hint')}</p>`,
    list,
  );

  async function load() {
    try {
      const page = await api.get(`${base}/api-keys`, { limit: 100, sort: '-createdAt' });
      if (signal.aborted) return;
      if (!page.items.length) {
        mount(list, empty(t('keys.none')));
        return;
      }
      mount(
        list,
        html`<div class="table-wrap"><table class="list" data-test="api-keys">
          <caption class="visually-hidden">${t('keys.title')}</caption>
          <thead><tr>
            <th scope="col">${t('roles.name')}</th>
            <th scope="col">${t('members.role')}</th>
            <th scope="col">${t('members.status')}</th>
            <th scope="col" class="hide-narrow">${t('keys.lastUsed')}</th>
            <th scope="col" class="hide-narrow">${t('invitations.expires')}</th>
            ${writable ? html`<th scope="col"><span class="visually-hidden">${t('invitations.actions')}</span></th>` : null}
          </tr></thead>
          <tbody>${page.items.map((k) => row(k))}</tbody>
        </table></div>`,
      );
    } catch (error) {
      mount(list, failure(error, load));
    }
  }

  function row(key) {
    const revoked = !!key.revokedAt;
    const expired = !revoked && key.expiresAt && new Date(key.expiresAt) < new Date();
    return html`<tr data-key=${key.name}>
      <td><span class="name">${key.name}</span><span class="sub"><code>${key.prefix}…</code></span></td>
      <td>${roleLabel(roles, key.role)}</td>
      <td>${revoked ? badge(t('keys.revoked'), 'warn') : expired ? badge(t('invitations.status.expired'), 'warn') : badge(t('members.status.active'), 'ok')}</td>
      <td class="hide-narrow">${key.lastUsedAt ? html`<time datetime=${key.lastUsedAt} title=${formatDateTime(key.lastUsedAt)}>${formatRelative(key.lastUsedAt)}</time>` : t('members.never')}</td>
      <td class="hide-narrow">${key.expiresAt ? formatDateTime(key.expiresAt) : t('keys.never')}</td>
      ${writable
        ? html`<td class="row-actions">${revoked
            ? null
            : html`<button type="button" class="small" data-test="revoke-key" aria-label=${t('keys.revokeNamed', { name: key.name })} onclick=${() => revoke(key)}>${t('invitations.revoke')}</button>`}</td>`
        : null}
    </tr>`;
  }

  async function revoke(key) {
    if (!(await confirm(t('invitations.revoke'), t('keys.confirmRevoke', { name: key.name }), t('invitations.revoke')))) return;
    try {
      await api.request('DELETE', `${base}/api-keys/${key.id}`, { etag: `"${key.version}"` });
      toast(t('keys.revokedNamed', { name: key.name }), 'ok');
      load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  function create() {
    formDialog(
      t('keys.new'),
      html`${field({ label: t('roles.name'), name: 'name', required: true, attrs: { maxlength: '100' } })}
      ${field({ label: t('members.role'), name: 'role', options: roleOptions(roles, null, { apiKeys: true }), value: 'viewer', hint: t('keys.roleHint') })}
      ${field({ label: t('keys.expiresAt'), name: 'expiresAt', type: 'date', hint: t('keys.expiresHint') })}`,
      t('keys.create'),
      async (data) => {
        const date = String(data.get('expiresAt') || '');
        const { data: created } = await api.request('POST', `${base}/api-keys`, {
          body: {
            name: String(data.get('name')).trim(),
            role: String(data.get('role')),
            expiresAt: date ? new Date(`${date}T23:59:59`).toISOString() : null,
          },
        });
        load();
        return () => showSecret(created);
      },
    );
  }

  function showSecret(created) {
    const secret = html`<input type="text" readonly value=${created.key} data-test="key-secret" aria-label=${t('keys.secret')} class="secret" />`;
    const copy = html`<button type="button" data-test="copy-key">${t('keys.copy')}</button>`;
    copy.addEventListener('click', async () => {
      secret.select();
      try {
        await navigator.clipboard.writeText(created.key);
        copy.textContent = t('keys.copied');
      } catch {
        // the clipboard needs a secure page and permission: the text is selected for Ctrl+C instead
        copy.textContent = t('keys.selected');
      }
    });
    dialog(
      t('keys.createdTitle', { name: created.apiKey.name }),
      html`<div><p>${t('keys.once')}</p><div class="colour">${secret}${copy}</div></div>`,
      [{ label: t('keys.done'), value: 'ok', kind: 'primary' }],
    );
  }

  load();
}
