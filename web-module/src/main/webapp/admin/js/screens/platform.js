// The platform administrators' screens: an overview, every organization (lifecycle, feature
// switches, subscription), support look-ups of accounts (each one audited by the server), dead
// letters, and every organization's data jobs.
import { html, mount, uid } from '../dom.js';
import * as api from '../api.js';
import { t, formatNumber, formatDateTime, formatRelative, auditAction } from '../i18n.js';
import { badge, confirm, dialog, empty, failure, field, formDialog, loading, pagedList, toast } from '../ui.js';
import { currencies, organizationTypes, statuses } from './vocabularies.js';

export const PLATFORM_SCREENS = [
  { path: '', label: 'platform.overview', screen: overview },
  { path: 'organizations', label: 'platform.organizations', screen: organizations },
  { path: 'users', label: 'platform.users', screen: users },
  { path: 'dead-letters', label: 'platform.deadLetters', screen: deadLetters },
  { path: 'jobs', label: 'platform.jobs', screen: jobs },
  { path: 'currencies', label: 'vocab.currencies', screen: currencies },
  { path: 'organization-types', label: 'vocab.types', screen: organizationTypes },
  { path: 'statuses', label: 'vocab.statuses', screen: statuses },
];

const STATUS_KIND = { active: 'ok', suspended: 'warn', archived: 'warn' };

/**
 * The platform's figures (GET /admin/overview: one call, counted by the server) and whether the
 * server is ready; a tile links to the screen behind it where there is one.
 */
async function overview(main) {
  mount(main, html`<h1>${t('platform.overview')}</h1>`, loading());
  let figures;
  try {
    figures = await api.get('api/v1/admin/overview');
  } catch (error) {
    mount(main, html`<h1>${t('platform.overview')}</h1>`, failure(error, () => overview(main)));
    return;
  }
  let health = null;
  try {
    const reply = await fetch(api.url('health/ready'), { headers: { Accept: 'application/json' } });
    health = reply.ok ? 'UP' : 'DOWN';
  } catch {
    health = null;
  }
  const tile = (label, value, test, href, detail = null) => html`<div class="figure" data-test=${test}>
    <span class="value">${value === null || value === undefined ? '—' : typeof value === 'number' ? formatNumber(value) : value}</span>
    <span class="label">${href ? html`<a href=${href}>${label}</a>` : label}</span>
    ${detail ? html`<span class="sub">${detail}</span>` : null}
  </div>`;
  const { organizations: o, users: u, memberships: m, signIns: s, dataJobs: j } = figures;
  mount(
    main,
    html`<h1>${t('platform.overview')}</h1>`,
    html`<section class="figures" aria-label=${t('dashboard.figures')}>
      ${tile(t('platform.organizations'), o.total, 'platform-orgs', '#/platform/organizations',
        t('platform.orgsDetail', { active: formatNumber(o.active), suspended: formatNumber(o.suspended), archived: formatNumber(o.archived) }))}
      ${tile(t('platform.newOrgs30'), o.createdLast30Days, 'platform-new-orgs', null)}
      ${tile(t('platform.accounts'), u.total, 'platform-users', '#/platform/users',
        t('platform.usersDetail', { verified: formatNumber(u.emailVerified), twoFactor: formatNumber(u.twoFactor) }))}
      ${tile(t('platform.newUsers30'), u.createdLast30Days, 'platform-new-users', null)}
      ${tile(t('platform.memberships'), m.active, 'platform-memberships', null)}
      ${tile(t('platform.signIns24h'), s.last24Hours, 'platform-sign-ins', null, t('platform.failedDetail', { failed: formatNumber(s.failedLast24Hours) }))}
      ${tile(t('platform.jobsRunning'), j.running, 'platform-jobs-running', '#/platform/jobs', t('platform.queuedDetail', { queued: formatNumber(j.queued) }))}
      ${tile(t('platform.jobsFailed24h'), j.failedLast24Hours, 'platform-jobs-failed', '#/platform/jobs')}
      ${tile(t('platform.deadLetters'), figures.deadLetters, 'platform-dead-letters', '#/platform/dead-letters')}
      ${tile(t('platform.health'), health === null ? null : health === 'UP' ? t('platform.up') : t('platform.down'), 'platform-health', null)}
    </section>`,
    html`<p class="hint">${t('platform.figuresAt', { time: formatDateTime(figures.generatedAt) })}</p>`,
  );
}

async function organizations(main, { signal }) {
  // archived organizations are left out of /orgs unless the filter names the status
  const statusId = uid('status');
  const statusSelect = html`<select id=${statusId} data-test="platform-org-status">
    <option value="">${t('members.any')}</option>
    ${['active', 'suspended', 'archived'].map((s) => html`<option value=${s}>${t(`platform.status.${s}`)}</option>`)}
  </select>`;
  pagedList(main, {
    title: t('platform.organizations'),
    searchLabel: t('members.search'),
    signal,
    filters: html`<div class="filter"><label for=${statusId}>${t('members.status')}</label>${statusSelect}</div>`,
    fetchPage: (q, cursor) =>
      api.get('api/v1/orgs', {
        q,
        cursor,
        limit: 25,
        sort: 'slug',
        filter: { field: 'status', op: 'in', value: statusSelect.value ? [statusSelect.value] : ['active', 'suspended', 'archived'] },
      }),
    head: [t('roles.name'), t('members.status'), t('platform.created'), t('invitations.actions')],
    row: (o, reload) => html`<tr data-org=${o.slug}>
      <td><a class="name" href=${`#/o/${encodeURIComponent(o.slug)}`}>${o.name}</a><span class="sub">${o.slug}</span></td>
      <td>${badge(t(`platform.status.${o.status}`), STATUS_KIND[o.status])}</td>
      <td>${formatDateTime(o.createdAt)}</td>
      <td class="row-actions">
        <button type="button" class="small" data-test="org-lifecycle" onclick=${() => lifecycle(o, reload)}>${t('platform.lifecycle')}</button>
        <button type="button" class="small" data-test="org-features" onclick=${() => features(o)}>${t('settings.features')}</button>
        <button type="button" class="small" data-test="org-subscription" onclick=${() => subscription(o)}>${t('settings.billing')}</button>
        <button type="button" class="small" data-test="org-history" onclick=${() => history(o)}>${t('platform.orgHistory')}</button>
      </td>
    </tr>`,
  });

  /**
   * A support look at an organization: its latest audit entries. A platform administrator who is not
   * a member reads them as an outside administrator, which the server records as platform-admin-access.
   */
  async function history(o) {
    const box = html`<div data-test="org-history-list">${loading()}</div>`;
    dialog(t('platform.orgHistoryOf', { name: o.name }), box, [{ label: t('action.close'), value: 'ok' }]);
    try {
      const page = await api.get(`api/v1/orgs/${encodeURIComponent(o.slug)}/audit-events`, { limit: 20 });
      mount(
        box,
        page.items.length
          ? html`<ol class="timeline">${page.items.map(
              (e) => html`<li><span class="who">${e.actor.label}</span><span class="what">${auditAction(e.action)} · ${e.entityType}</span>
                <time datetime=${e.occurredAt} title=${formatDateTime(e.occurredAt)}>${formatRelative(e.occurredAt)}</time></li>`,
            )}</ol>`
          : empty(),
        html`<p class="hint">${t('platform.orgHistoryAudited')}</p>`,
      );
    } catch (error) {
      mount(box, failure(error));
    }
  }

  function lifecycle(o, reload) {
    formDialog(
      t('platform.lifecycleOf', { name: o.name }),
      html`${field({ label: t('members.status'), name: 'status', value: o.status, options: ['active', 'suspended', 'archived'].map((s) => ({ value: s, label: t(`platform.status.${s}`) })) })}
      ${field({ label: t('platform.reason'), name: 'reason', attrs: { maxlength: '500' } })}`,
      t('action.save'),
      async (data) => {
        await api.request('PUT', `api/v1/orgs/${encodeURIComponent(o.slug)}/status`, {
          body: { status: data.get('status'), reason: String(data.get('reason') || '').trim() || null },
          etag: `"${o.version}"`,
        });
        toast(t('platform.statusChanged', { name: o.name }), 'ok');
        reload();
      },
    );
  }

  async function features(o) {
    const box = html`<div>${loading()}</div>`;
    dialog(t('platform.featuresOf', { name: o.name }), box, [{ label: t('action.close'), value: 'ok' }]);
    const draw = async () => {
      try {
        const list = await api.all(`api/v1/orgs/${encodeURIComponent(o.slug)}/features`);
        mount(
          box,
          html`<ul class="flat features" data-test="feature-switches">${list.map((f) => {
            const id = uid('feature');
            const select = html`<select id=${id} data-feature=${f.key}>
              <option value="" selected=${!f.overridden}>${t('platform.followDefault', { state: f.enabledByDefault ? t('settings.on') : t('settings.off') })}</option>
              <option value="on" selected=${f.overridden && f.enabled}>${t('settings.on')}</option>
              <option value="off" selected=${f.overridden && !f.enabled}>${t('settings.off')}</option>
            </select>`;
            select.addEventListener('change', async () => {
              try {
                await api.request('PUT', `api/v1/orgs/${encodeURIComponent(o.slug)}/features/${encodeURIComponent(f.key)}`, {
                  body: { enabled: select.value === '' ? null : select.value === 'on' },
                });
                toast(t('platform.featureSet', { feature: f.name }), 'ok');
              } catch (error) {
                toast(error.message, 'error');
                draw();
              }
            });
            return html`<li class="field"><label for=${id}>${f.name}</label>${select}<p class="hint">${f.description}</p></li>`;
          })}</ul>`,
        );
      } catch (error) {
        mount(box, failure(error));
      }
    };
    draw();
  }

  async function subscription(o) {
    let reply;
    try {
      reply = await api.request('GET', `api/v1/orgs/${encodeURIComponent(o.slug)}/settings`);
    } catch (error) {
      toast(error.message, 'error');
      return;
    }
    const s = reply.data.subscription;
    formDialog(
      t('platform.subscriptionOf', { name: o.name }),
      html`${field({ label: t('settings.plan'), name: 'subscription.plan', value: s.plan, options: ['free', 'team', 'business', 'enterprise'].map((p) => ({ value: p, label: p })) })}
      ${field({ label: t('members.status'), name: 'subscription.status', value: s.status, options: ['trialing', 'active', 'past-due', 'cancelled'].map((p) => ({ value: p, label: p })) })}
      ${field({ label: t('platform.seats'), name: 'subscription.seats', type: 'number', value: s.seats ?? '', attrs: { min: '1' } })}
      ${field({ label: t('settings.renewsOn'), name: 'subscription.renewsOn', type: 'date', value: s.renewsOn || '' })}`,
      t('action.save'),
      async (data) => {
        const body = {};
        const seats = String(data.get('subscription.seats') || '').trim();
        const values = {
          plan: String(data.get('subscription.plan') || '').trim() || null,
          status: String(data.get('subscription.status') || '').trim() || null,
          seats: seats === '' ? null : Number(seats),
          renewsOn: String(data.get('subscription.renewsOn') || '') || null,
        };
        for (const [k, v] of Object.entries(values)) {
          if (v !== (s[k] ?? null)) body[k] = v;
        }
        if (!Object.keys(body).length) {
          return;
        }
        await api.request('PATCH', `api/v1/orgs/${encodeURIComponent(o.slug)}/settings`, { body: { subscription: body }, etag: reply.etag });
        toast(t('settings.saved'), 'ok');
      },
    );
  }
}

async function users(main, { signal }) {
  pagedList(main, {
    title: t('platform.users'),
    searchLabel: t('platform.findUser'),
    signal,
    onSubmit: true,
    fetchPage: (q, cursor) => (q.length >= 3 ? api.get('api/v1/admin/users', { q, cursor, limit: 25 }) : Promise.resolve(null)),
    head: [t('roles.name'), t('members.email'), t('platform.verified'), t('platform.created')],
    row: (u) => html`<tr data-user=${u.email}>
      <td><button type="button" class="link" data-test="open-user" onclick=${() => userDetail(u)}>${u.displayName}</button>${u.platformAdmin ? html` ${badge(t('platform.admin'))}` : null}</td>
      <td>${u.email}</td>
      <td>${u.emailVerified ? badge(t('platform.yes'), 'ok') : badge(t('platform.no'), 'warn')}</td>
      <td>${formatDateTime(u.createdAt)}</td>
    </tr>`,
  });

  /** A support look-up: the account (the server records that it was opened) and its recent history. */
  async function userDetail(u) {
    const box = html`<div data-test="user-detail">${loading()}</div>`;
    dialog(u.displayName, box, [{ label: t('action.close'), value: 'ok' }]);
    try {
      const [user, byThem, aboutThem] = await Promise.all([
        api.get(`api/v1/admin/users/${u.id}`),
        api.get('api/v1/admin/audit-events', { filter: { field: 'actorId', op: 'eq', value: u.id }, limit: 20 }),
        api.get('api/v1/admin/audit-events', { filter: { field: 'entityId', op: 'eq', value: u.id }, limit: 20 }),
      ]);
      const seen = new Set();
      const events = [...byThem.items, ...aboutThem.items]
        .filter((e) => !seen.has(e.id) && seen.add(e.id))
        .sort((a, b) => b.seq - a.seq)
        .slice(0, 20);
      mount(
        box,
        html`<dl class="facts">
          <dt>${t('members.email')}</dt><dd>${user.email}</dd>
          <dt>${t('platform.verified')}</dt><dd>${user.emailVerified ? t('platform.yes') : t('platform.no')}${user.emailVerifiedVia ? ` (${user.emailVerifiedVia})` : ''}</dd>
          <dt>${t('platform.created')}</dt><dd>${formatDateTime(user.createdAt)}</dd>
        </dl>`,
        html`<h3>${t('platform.history')}</h3>`,
        events.length
          ? html`<ol class="timeline" data-test="user-history">${events.map(
              (e) => html`<li><span class="what">${auditAction(e.action)}</span><span class="sub">${e.clientAddress || ''}</span>
                <time datetime=${e.occurredAt} title=${formatDateTime(e.occurredAt)}>${formatRelative(e.occurredAt)}</time></li>`,
            )}</ol>`
          : empty(),
        html`<p class="hint">${t('platform.lookupAudited')}</p>`,
      );
    } catch (error) {
      mount(box, failure(error));
    }
  }
}

async function deadLetters(main, { signal }) {
  pagedList(main, {
    title: t('platform.deadLetters'),
    searchLabel: t('members.search'),
    signal,
    fetchPage: (q, cursor) => api.get('api/v1/admin/dead-letters', { q, cursor, limit: 25 }),
    head: [t('platform.failedAt'), t('platform.consumer'), t('platform.error'), t('invitations.actions')],
    row: (d, reload) => html`<tr>
      <td>${formatDateTime(d.failedAt)}<span class="sub">${t('platform.attempts', { count: d.attempts })}</span></td>
      <td>${d.consumer}<span class="sub">${d.type}</span></td>
      <td><code>${d.error}</code></td>
      <td class="row-actions">
        <button type="button" class="small" onclick=${async () => {
          try {
            await api.request('POST', `api/v1/admin/dead-letters/${d.id}/requeue`);
            toast(t('platform.requeued'), 'ok');
            reload();
          } catch (error) {
            toast(error.message, 'error');
          }
        }}>${t('platform.requeue')}</button>
        <button type="button" class="small link" onclick=${async () => {
          if (!(await confirm(t('platform.discard'), t('platform.confirmDiscard'), t('platform.discard')))) return;
          try {
            await api.request('DELETE', `api/v1/admin/dead-letters/${d.id}`);
            reload();
          } catch (error) {
            toast(error.message, 'error');
          }
        }}>${t('platform.discard')}</button>
      </td>
    </tr>`,
  });
}

async function jobs(main, { signal }) {
  pagedList(main, {
    title: t('platform.jobs'),
    searchLabel: null,
    signal,
    fetchPage: (q, cursor) => api.get('api/v1/admin/data-jobs', { cursor, limit: 50 }),
    head: [t('platform.created'), t('nav.organization'), t('jobs.collection'), t('members.status'), t('platform.rows')],
    row: (j) => html`<tr>
      <td>${formatDateTime(j.createdAt)}</td>
      <td>${j.orgSlug || ''}</td>
      <td>${t(`jobs.collection.${j.collection}`)} · ${j.kind}</td>
      <td>${badge(t(`jobs.status.${j.status}`), j.status === 'completed' ? 'ok' : j.status === 'failed' ? 'warn' : '')}</td>
      <td>${formatNumber(j.rowsRead ?? 0)}${j.rowsFailed ? ` · ${t('platform.refused', { count: formatNumber(j.rowsFailed) })}` : ''}</td>
    </tr>`,
  });
}
