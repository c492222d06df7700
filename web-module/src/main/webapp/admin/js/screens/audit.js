// The audit trail: filters (action, entity type, actor, time range), search, paging, an entry's
// detail with every field's old and new value, and verification of the hash chain.
import { html, mount, uid } from '../dom.js';
import * as api from '../api.js';
import { t, formatDateTime, formatNumber, auditAction, termOr } from '../i18n.js';
import { dialog, empty, failure, loading, pager, whenSettled } from '../ui.js';
import { session } from '../main.js';

const PAGE_SIZE = 30;
const ACTIONS = ['create', 'update', 'delete'];

export async function auditScreen(main, { signal }) {
  const base = `api/v1/orgs/${encodeURIComponent(session.org.slug)}`;
  const state = { q: '', action: '', entityType: '', from: '', to: '', cursors: [null] };
  const results = html`<div class="results" aria-live="polite">${loading()}</div>`;
  const verdict = html`<div class="verdict" aria-live="polite"></div>`;

  const input = (name, label, type = 'text') => {
    const id = uid(name);
    const control = html`<input id=${id} name=${name} type=${type} autocomplete="off" data-test=${`audit-${name}`} />`;
    whenSettled(control, signal, (value) => {
      state[name] = value;
      state.cursors = [null];
      load();
    });
    return html`<div class=${`filter${type === 'search' ? ' grow' : ''}`}><label for=${id}>${label}</label>${control}</div>`;
  };
  const actionId = uid('action');
  const actionSelect = html`<select id=${actionId} data-test="audit-action">
    <option value="">${t('members.any')}</option>
    ${ACTIONS.map((a) => html`<option value=${a}>${auditAction(a)}</option>`)}
  </select>`;
  actionSelect.addEventListener('change', () => {
    state.action = actionSelect.value;
    state.cursors = [null];
    load();
  });

  mount(
    main,
    html`<div class="screen-head">
      <h1>${t('audit.title')}</h1>
      <button type="button" data-test="verify-chain" onclick=${verify}>${t('audit.verify')}</button>
    </div>`,
    verdict,
    html`<form class="toolbar" role="search" onsubmit=${(e) => e.preventDefault()}>
      ${input('q', t('members.search'), 'search')}
      <div class="filter"><label for=${actionId}>${t('audit.action')}</label>${actionSelect}</div>
      ${input('entityType', t('audit.entityType'))}
      ${input('from', t('audit.from'), 'date')}
      ${input('to', t('audit.to'), 'date')}
    </form>`,
    results,
  );

  async function verify() {
    mount(verdict, loading());
    try {
      const outcome = await api.get(`${base}/audit-events/verify`);
      mount(
        verdict,
        outcome.intact
          ? html`<p class="notice ok" role="status" data-test="chain-verdict">${t('audit.intact', { count: formatNumber(outcome.checked) })}</p>`
          : html`<p class="notice bad" role="alert" data-test="chain-verdict">${t('audit.broken', { seq: outcome.brokenAt, reason: outcome.reason || '' })}</p>`,
      );
    } catch (error) {
      mount(verdict, failure(error));
    }
  }

  function filter() {
    const tests = [];
    if (state.action) tests.push({ field: 'action', op: 'eq', value: state.action });
    if (state.entityType) tests.push({ field: 'entityType', op: 'eq', value: state.entityType });
    if (state.from) tests.push({ field: 'occurredAt', op: 'gte', value: new Date(`${state.from}T00:00:00`).toISOString() });
    if (state.to) tests.push({ field: 'occurredAt', op: 'lt', value: new Date(new Date(`${state.to}T00:00:00`).getTime() + 86400000).toISOString() });
    if (!tests.length) return undefined;
    return tests.length === 1 ? tests[0] : { and: tests };
  }

  let latest = 0;
  async function load() {
    const ticket = ++latest;
    try {
      const page = await api.get(`${base}/audit-events`, {
        limit: PAGE_SIZE,
        cursor: state.cursors[state.cursors.length - 1],
        q: state.q,
        filter: filter(),
      });
      if (signal.aborted || ticket !== latest) return;
      render(page);
    } catch (error) {
      if (ticket === latest) mount(results, failure(error, load));
    }
  }

  function render(page) {
    if (!page.items.length) {
      mount(results, empty(t('audit.none')));
      return;
    }
    mount(
      results,
      html`<div class="table-wrap"><table class="list" data-test="audit-events">
        <caption class="visually-hidden">${t('audit.title')}</caption>
        <thead><tr>
          <th scope="col">${t('audit.when')}</th>
          <th scope="col">${t('audit.actor')}</th>
          <th scope="col">${t('audit.action')}</th>
          <th scope="col">${t('audit.entity')}</th>
          <th scope="col" class="hide-narrow">${t('audit.fields')}</th>
        </tr></thead>
        <tbody>
          ${page.items.map(
            (e) => html`<tr>
              <td><button type="button" class="link" data-test="audit-entry" onclick=${() => detail(e)}>${formatDateTime(e.occurredAt)}</button></td>
              <td>${e.actor.label}<span class="sub">${e.actor.type}</span></td>
              <td>${auditAction(e.action)}</td>
              <td>${e.entityType}<span class="sub">${e.entityId || ''}</span></td>
              <td class="hide-narrow">${Object.keys(e.changes || {}).join(', ')}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`,
      pager(state.cursors, page.nextCursor, load),
    );
  }

  function detail(e) {
    const value = (v) => (v === undefined ? html`<span class="muted">—</span>` : html`<code>${typeof v === 'string' ? v : JSON.stringify(v)}</code>`);
    const changes = Object.entries(e.changes || {});
    dialog(
      `${auditAction(e.action)} · ${e.entityType}`,
      html`<div data-test="audit-detail">
        <dl class="facts">
          <dt>${t('audit.when')}</dt><dd>${formatDateTime(e.occurredAt)}</dd>
          <dt>${t('audit.actor')}</dt><dd>${e.actor.label} (${termOr(`audit.actorTypes.${e.actor.type}`, e.actor.type)})</dd>
          <dt>${t('audit.entity')}</dt><dd>${e.entityType} ${e.entityId || ''}</dd>
          <dt>${t('audit.address')}</dt><dd>${e.clientAddress || '—'}</dd>
          <dt>${t('audit.request')}</dt><dd>${e.requestId || '—'}</dd>
          <dt>${t('audit.seq')}</dt><dd>${e.seq}</dd>
        </dl>
        ${changes.length
          ? html`<div class="table-wrap"><table class="list">
              <caption>${t('audit.changes')}</caption>
              <thead><tr><th scope="col">${t('audit.field')}</th><th scope="col">${t('audit.old')}</th><th scope="col">${t('audit.new')}</th></tr></thead>
              <tbody>${changes.map(([name, change]) => {
                const pair = change && typeof change === 'object' && ('old' in change || 'new' in change);
                return html`<tr><th scope="row">${name}</th><td>${pair ? value(change.old) : value(undefined)}</td><td>${pair ? value(change.new) : value(change)}</td></tr>`;
              })}</tbody>
            </table></div>`
          : null}
      </div>`,
      [{ label: t('action.close'), value: 'ok' }],
    );
  }

  load();
}
