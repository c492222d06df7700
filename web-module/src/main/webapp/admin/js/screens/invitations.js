// Invitations: who was invited, their status; invite one address or many at once (one per line),
// send again, revoke.
import { html, mount, uid } from '../dom.js';
import * as api from '../api.js';
import { t, plural, formatDateTime, formatRelative } from '../i18n.js';
import { badge, confirm, dialog, empty, failure, field, formDialog, loading, pager, toast, whenSettled } from '../ui.js';
import { session, may } from '../main.js';
import { roleChoices, roleLabel, roleOptions } from '../roles.js';

const PAGE_SIZE = 25;
const STATUS_KIND = { pending: '', accepted: 'ok', revoked: 'warn', expired: 'warn' };

export async function invitationsScreen(main, { signal }) {
  const base = `api/v1/orgs/${encodeURIComponent(session.org.slug)}`;
  const writable = may('members:write');
  const state = { status: 'pending', q: '', cursors: [null] };
  mount(main, html`<h1>${t('invitations.title')}</h1>`, loading());
  let roles;
  try {
    roles = await roleChoices();
  } catch (error) {
    mount(main, html`<h1>${t('invitations.title')}</h1>`, failure(error));
    return;
  }
  const results = html`<div class="results" aria-live="polite"></div>`;
  const statusId = uid('status');
  const statusSelect = html`<select id=${statusId} data-test="invitation-status">
    ${['pending', 'accepted', 'revoked', 'expired', ''].map(
      (s) => html`<option value=${s} selected=${s === state.status}>${s ? t(`invitations.status.${s}`) : t('members.any')}</option>`,
    )}
  </select>`;
  statusSelect.addEventListener('change', () => {
    state.status = statusSelect.value;
    state.cursors = [null];
    load();
  });
  const search = html`<input type="search" id="invitation-search" autocomplete="off" />`;
  whenSettled(search, signal, (text) => {
    state.q = text;
    state.cursors = [null];
    load();
  });
  mount(
    main,
    html`<div class="screen-head">
      <h1>${t('invitations.title')}</h1>
      ${writable
        ? html`<div class="actions">
            <button type="button" data-test="bulk-invite" onclick=${() => invite(true)}>${t('invitations.inviteMany')}</button>
            <button type="button" class="primary" data-test="invite" onclick=${() => invite(false)}>${t('invitations.invite')}</button>
          </div>`
        : null}
    </div>`,
    html`<form class="toolbar" role="search" onsubmit=${(e) => e.preventDefault()}>
      <div class="filter grow"><label for="invitation-search">${t('members.search')}</label>${search}</div>
      <div class="filter"><label for=${statusId}>${t('members.status')}</label>${statusSelect}</div>
    </form>`,
    results,
  );

  function filter() {
    const now = new Date().toISOString();
    switch (state.status) {
      case 'pending':
        return { and: [{ field: 'acceptedAt', op: 'isnull', value: true }, { field: 'revokedAt', op: 'isnull', value: true }, { field: 'expiresAt', op: 'gt', value: now }] };
      case 'accepted':
        return { field: 'acceptedAt', op: 'isnull', value: false };
      case 'revoked':
        return { field: 'revokedAt', op: 'isnull', value: false };
      case 'expired':
        return { and: [{ field: 'acceptedAt', op: 'isnull', value: true }, { field: 'revokedAt', op: 'isnull', value: true }, { field: 'expiresAt', op: 'lte', value: now }] };
      default:
        return undefined;
    }
  }

  let latest = 0;
  async function load() {
    const ticket = ++latest;
    try {
      const page = await api.get(`${base}/invitations`, {
        limit: PAGE_SIZE,
        cursor: state.cursors[state.cursors.length - 1],
        q: state.q,
        filter: filter(),
        count: true,
      });
      if (signal.aborted || ticket !== latest) return;
      render(page);
    } catch (error) {
      if (ticket === latest) mount(results, failure(error, load));
    }
  }

  function render(page) {
    if (!page.items.length) {
      mount(results, empty(t('invitations.none')));
      return;
    }
    mount(
      results,
      html`<p class="count">${plural(page.total ?? page.items.length, 'invitations.count')}</p>`,
      html`<div class="table-wrap"><table class="list" data-test="invitations">
        <caption class="visually-hidden">${t('invitations.title')}</caption>
        <thead><tr>
          <th scope="col">${t('members.email')}</th>
          <th scope="col">${t('members.role')}</th>
          <th scope="col">${t('members.status')}</th>
          <th scope="col" class="hide-narrow">${t('invitations.sent')}</th>
          <th scope="col" class="hide-narrow">${t('invitations.expires')}</th>
          ${writable ? html`<th scope="col"><span class="visually-hidden">${t('invitations.actions')}</span></th>` : null}
        </tr></thead>
        <tbody>${page.items.map((i) => row(i))}</tbody>
      </table></div>`,
      pager(state.cursors, page.nextCursor, load),
    );
  }

  function row(invitation) {
    const pending = invitation.status === 'pending';
    return html`<tr data-invitation=${invitation.email}>
      <td>${invitation.email}</td>
      <td>${roleLabel(roles, invitation.role)}</td>
      <td>${badge(t(`invitations.status.${invitation.status}`), STATUS_KIND[invitation.status])}</td>
      <td class="hide-narrow"><time datetime=${invitation.createdAt} title=${formatDateTime(invitation.createdAt)}>${formatRelative(invitation.createdAt)}</time></td>
      <td class="hide-narrow"><time datetime=${invitation.expiresAt}>${formatDateTime(invitation.expiresAt)}</time></td>
      ${writable
        ? html`<td class="row-actions">
            ${pending
              ? [
                  html`<button type="button" data-test="resend" aria-label=${t('invitations.resendTo', { email: invitation.email })}
                    onclick=${() => act('POST', `${base}/invitations/${invitation.id}/resend`, t('invitations.resent', { email: invitation.email }))}>${t('invitations.resend')}</button>`,
                  html`<button type="button" data-test="revoke" aria-label=${t('invitations.revokeFor', { email: invitation.email })}
                    onclick=${async () => {
                      if (await confirm(t('invitations.revoke'), t('invitations.confirmRevoke', { email: invitation.email }), t('invitations.revoke'))) {
                        act('DELETE', `${base}/invitations/${invitation.id}`, t('invitations.revoked', { email: invitation.email }));
                      }
                    }}>${t('invitations.revoke')}</button>`,
                ]
              : null}
          </td>`
        : null}
    </tr>`;
  }

  async function act(method, path, done) {
    try {
      await api.request(method, path);
      toast(done, 'ok');
      load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  function invite(many) {
    formDialog(
      many ? t('invitations.inviteMany') : t('invitations.invite'),
      html`${many
        ? html`<div class="field" data-field="emails">
            <label for="invite-emails">${t('invitations.emails')}</label>
            <textarea id="invite-emails" name="emails" rows="6" required aria-describedby="invite-emails-hint"></textarea>
            <p class="hint" id="invite-emails-hint">${t('invitations.emailsHint')}</p>
            <p class="field-error" hidden></p>
          </div>`
        : field({ label: t('members.email'), name: 'email', type: 'email', required: true, autocomplete: 'off' })}
      ${field({ label: t('members.role'), name: 'role', options: roleOptions(roles), value: 'member' })}`,
      t('invitations.send'),
      async (data) => {
        const role = String(data.get('role'));
        if (!many) {
          await api.request('POST', `${base}/invitations`, { body: { email: String(data.get('email')).trim(), role } });
          toast(t('members.invited', { email: data.get('email') }), 'ok');
          load();
          return;
        }
        const emails = [...new Set(String(data.get('emails')).split(/[\s,;]+/).map((e) => e.trim()).filter(Boolean))];
        if (!emails.length || emails.length > 100) {
          throw new api.ApiError(400, { detail: t('invitations.emailsCount'), 'invalid-params': [{ name: 'emails', reason: t('invitations.emailsCount') }] });
        }
        const { data: outcome } = await api.request('POST', `${base}/invitations/bulk`, {
          body: { atomic: false, operations: emails.map((email) => ({ op: 'create', body: { email, role } })) },
        });
        const failed = outcome.results.filter((r) => r.status >= 400);
        load();
        if (!failed.length) {
          toast(plural(emails.length, 'invitations.sentCount'), 'ok');
          return undefined;
        }
        // the refusals, each with its address, once the form has closed
        return () =>
          dialog(
            t('members.bulk.partial', { done: emails.length - failed.length, total: emails.length }),
            html`<ul class="errors" data-test="bulk-errors">${failed.map((f) => html`<li><strong>${emails[f.index]}</strong>: ${describe(f.body)}</li>`)}</ul>`,
            [{ label: t('action.close'), value: 'ok' }],
          );
      },
    );
  }

  load();
}

function describe(problem) {
  if (!problem) return '';
  const fields = (problem['invalid-params'] || []).map((p) => `${p.name}: ${p.reason}`);
  return [problem.detail, ...fields].filter(Boolean).join(' ');
}
