// Members: search, filters (role, department with everything below it, team, status, recent
// activity), sort, cursor paging, add or invite, and bulk actions on a selection. The list state
// lives in the address (#/o/acme/members?q=ann&role=admin), so a reload keeps it.
import { html, mount, uid } from '../dom.js';
import * as api from '../api.js';
import { t, plural, formatDate, formatRelative, formatDateTime } from '../i18n.js';
import { badge, confirm, dialog, empty, failure, field, formDialog, loading, pager, toast, whenSettled } from '../ui.js';
import { session, may, orgLink } from '../main.js';
import { roleChoices, roleLabel, roleOptions } from '../roles.js';
import { memberScreen } from './member.js';

const PAGE_SIZE = 25;
const SORTS = ['email', 'displayName', '-joinedAt', 'joinedAt'];

export async function membersScreen(main, { params, signal, rest }) {
  if (rest && rest[0]) {
    return memberScreen(main, rest[0], signal);
  }
  const slug = encodeURIComponent(session.org.slug);
  const base = `api/v1/orgs/${slug}`;
  const state = {
    q: params.get('q') || '',
    role: params.get('role') || '',
    status: params.get('status') || '',
    department: params.get('department') || '',
    team: params.get('team') || '',
    recent: params.get('recent') || '',
    sort: SORTS.includes(params.get('sort')) ? params.get('sort') : 'email',
    cursors: [null],
    selected: new Set(),
  };
  const writable = may('members:write');

  mount(main, html`<h1>${t('members.title')}</h1>`, loading());
  let roles;
  let departments;
  let teams;
  try {
    [roles, departments, teams] = await Promise.all([
      roleChoices(),
      may('departments:read') ? api.all(`${base}/departments`, { sort: 'name' }) : [],
      may('teams:read') ? api.all(`${base}/teams`, { sort: 'name' }) : [],
    ]);
  } catch (error) {
    mount(main, html`<h1>${t('members.title')}</h1>`, failure(error, () => membersScreen(main, { params, signal })));
    return;
  }
  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));

  const results = html`<div class="results" aria-live="polite"></div>`;
  const bulkBar = html`<div class="bulk" hidden></div>`;
  const searchBox = html`<input type="search" id="member-search" name="q" value=${state.q}
    placeholder=${t('members.searchPlaceholder')} autocomplete="off" />`;
  const select = (name, label, options, value) => {
    const id = uid(name);
    const control = html`<select id=${id} name=${name} data-test=${`filter-${name}`}>
      <option value="">${t('members.any')}</option>
      ${options.map((o) => html`<option value=${o.value} selected=${o.value === value}>${o.label}</option>`)}
    </select>`;
    control.addEventListener('change', () => {
      state[name] = control.value;
      reload();
    });
    return html`<div class="filter"><label for=${id}>${label}</label>${control}</div>`;
  };
  const sortControl = (() => {
    const id = uid('sort');
    const control = html`<select id=${id} data-test="sort">
      ${SORTS.map((s) => html`<option value=${s} selected=${s === state.sort}>${t(`members.sort.${s}`)}</option>`)}
    </select>`;
    control.addEventListener('change', () => {
      state.sort = control.value;
      reload();
    });
    return html`<div class="filter"><label for=${id}>${t('members.sort')}</label>${control}</div>`;
  })();

  whenSettled(searchBox, signal, (text) => {
    state.q = text;
    reload();
  });

  mount(
    main,
    html`<div class="screen-head">
      <h1>${t('members.title')}</h1>
      ${writable ? html`<button type="button" class="primary" data-test="add-member" onclick=${() => addMember()}>${t('members.add')}</button>` : null}
    </div>`,
    html`<form class="toolbar" role="search" onsubmit=${(e) => e.preventDefault()}>
      <div class="filter grow"><label for="member-search">${t('members.search')}</label>${searchBox}</div>
      ${select('role', t('members.role'), roles, state.role)}
      ${select('status', t('members.status'), [
        { value: 'active', label: t('members.status.active') },
        { value: 'suspended', label: t('members.status.suspended') },
      ], state.status)}
      ${departments.length ? select('department', t('members.department'), departments.map((d) => ({ value: d.id, label: d.name })), state.department) : null}
      ${teams.length ? select('team', t('members.team'), teams.map((tm) => ({ value: tm.id, label: tm.name })), state.team) : null}
      ${select('recent', t('members.activity'), [
        { value: '30', label: t('members.activity.30') },
        { value: 'none30', label: t('members.activity.none30') },
      ], state.recent)}
      ${sortControl}
    </form>`,
    writable ? bulkBar : null,
    results,
  );

  function filter() {
    const tests = [];
    if (state.role) tests.push({ field: 'role', op: 'eq', value: state.role });
    if (state.status) tests.push({ field: 'active', op: 'eq', value: state.status === 'active' });
    if (state.department) tests.push({ field: 'inDepartment', op: 'in', value: [state.department] });
    if (state.team) tests.push({ field: 'teamId', op: 'in', value: [state.team] });
    const since = new Date(Date.now() - 30 * 86400000).toISOString();
    if (state.recent === '30') tests.push({ field: 'lastActiveAt', op: 'gte', value: since });
    if (state.recent === 'none30') {
      tests.push({ or: [{ field: 'lastActiveAt', op: 'lt', value: since }, { field: 'lastActiveAt', op: 'isnull', value: true }] });
    }
    if (!tests.length) return undefined;
    return tests.length === 1 ? tests[0] : { and: tests };
  }

  function remember() {
    if (signal.aborted) return;
    const search = new URLSearchParams();
    for (const key of ['q', 'role', 'status', 'department', 'team', 'recent']) {
      if (state[key]) search.set(key, state[key]);
    }
    if (state.sort !== 'email') search.set('sort', state.sort);
    const text = search.toString();
    window.history.replaceState(null, '', `#/o/${slug}/members${text ? `?${text}` : ''}`);
  }

  function reload() {
    state.cursors = [null];
    state.selected.clear();
    remember();
    load();
  }

  let latest = 0;
  async function load() {
    const ticket = ++latest;
    results.setAttribute('aria-busy', 'true');
    if (!results.firstChild) mount(results, loading());
    try {
      const page = await api.get(`${base}/members`, {
        limit: PAGE_SIZE,
        cursor: state.cursors[state.cursors.length - 1],
        sort: state.sort,
        q: state.q,
        filter: filter(),
        count: true,
      });
      if (ticket !== latest || signal.aborted) return;
      render(page);
    } catch (error) {
      if (ticket === latest) mount(results, failure(error, load));
    } finally {
      results.removeAttribute('aria-busy');
    }
  }

  function render(page) {
    updateBulk(page);
    if (!page.items.length) {
      mount(results, empty(state.q || filter() ? t('members.noMatches') : t('members.none')));
      return;
    }
    const all = html`<input type="checkbox" aria-label=${t('members.selectAll')} />`;
    all.checked = page.items.every((m) => state.selected.has(m.userId));
    all.addEventListener('change', () => {
      page.items.forEach((m) => (all.checked ? state.selected.add(m.userId) : state.selected.delete(m.userId)));
      render(page);
    });
    mount(
      results,
      html`<p class="count" data-test="member-count">${plural(page.total ?? page.items.length, 'members.count')}</p>`,
      html`<div class="table-wrap"><table class="list" data-test="members">
        <caption class="visually-hidden">${t('members.title')}</caption>
        <thead><tr>
          ${writable ? html`<th scope="col" class="check">${all}</th>` : null}
          <th scope="col">${t('members.name')}</th>
          <th scope="col">${t('members.role')}</th>
          <th scope="col" class="hide-narrow">${t('members.department')}</th>
          <th scope="col" class="hide-narrow">${t('members.jobTitle')}</th>
          <th scope="col">${t('members.status')}</th>
          <th scope="col" class="hide-narrow">${t('members.joined')}</th>
          <th scope="col" class="hide-narrow">${t('members.lastActive')}</th>
        </tr></thead>
        <tbody>
          ${page.items.map((m) => row(m, page))}
        </tbody>
      </table></div>`,
      pager(state.cursors, page.nextCursor, load),
    );
  }

  function row(m, page) {
    const check = html`<input type="checkbox" aria-label=${t('members.select', { name: m.displayName })} />`;
    check.checked = state.selected.has(m.userId);
    check.addEventListener('change', () => {
      if (check.checked) state.selected.add(m.userId);
      else state.selected.delete(m.userId);
      updateBulk(page);
    });
    return html`<tr data-member=${m.email}>
      ${writable ? html`<td class="check">${check}</td>` : null}
      <td><a class="name" href=${orgLink(`members/${m.userId}`)}>${m.displayName}</a><span class="sub">${m.email}</span></td>
      <td>${roleLabel(roles, m.role)}${m.inherited ? html` ${badge(t('members.inherited'))}` : null}</td>
      <td class="hide-narrow">${m.departmentId ? departmentNames.get(m.departmentId) || '' : ''}</td>
      <td class="hide-narrow">${m.jobTitle || ''}</td>
      <td>${m.active ? badge(t('members.status.active'), 'ok') : badge(t('members.status.suspended'), 'warn')}</td>
      <td class="hide-narrow"><time datetime=${m.joinedAt}>${formatDate(m.joinedAt)}</time></td>
      <td class="hide-narrow">${m.lastActiveAt
        ? html`<time datetime=${m.lastActiveAt} title=${formatDateTime(m.lastActiveAt)}>${formatRelative(m.lastActiveAt)}</time>`
        : html`<span class="muted">${t('members.never')}</span>`}</td>
    </tr>`;
  }

  function updateBulk(page) {
    if (!writable) return;
    const count = state.selected.size;
    bulkBar.hidden = count === 0;
    if (!count) return;
    const roleSelect = html`<select aria-label=${t('members.bulk.role')} data-test="bulk-role">
      ${roleOptions(roles).map((r) => html`<option value=${r.value} disabled=${r.disabled}>${r.label}</option>`)}
    </select>`;
    mount(
      bulkBar,
      html`<span data-test="selected-count">${plural(count, 'members.selected')}</span>`,
      roleSelect,
      html`<button type="button" data-test="bulk-change-role" onclick=${() => bulk({ role: roleSelect.value }, page)}>${t('members.bulk.changeRole')}</button>`,
      html`<button type="button" data-test="bulk-suspend" onclick=${() => bulk({ active: false }, page, true)}>${t('members.bulk.suspend')}</button>`,
      html`<button type="button" data-test="bulk-reactivate" onclick=${() => bulk({ active: true }, page)}>${t('members.bulk.reactivate')}</button>`,
      html`<button type="button" class="link" onclick=${() => {
        state.selected.clear();
        render(page);
      }}>${t('members.bulk.clear')}</button>`,
    );
  }

  async function bulk(body, page, destructive = false) {
    const ids = [...state.selected];
    if (destructive && !(await confirm(t('members.bulk.suspend'), plural(ids.length, 'members.bulk.confirmSuspend'), t('members.bulk.suspend')))) {
      return;
    }
    try {
      // the API takes at most 100 operations a request
      const failed = [];
      for (let i = 0; i < ids.length; i += 100) {
        const { data } = await api.request('POST', `${base}/members/bulk`, {
          body: { atomic: false, operations: ids.slice(i, i + 100).map((id) => ({ op: 'update', id, body })) },
        });
        failed.push(...data.results.filter((r) => r.status >= 400));
      }
      if (failed.length) {
        const byId = new Map(page.items.map((m) => [m.userId, m.displayName]));
        await dialog(
          t('members.bulk.partial', { done: ids.length - failed.length, total: ids.length }),
          html`<ul class="errors">${failed.map((f) => html`<li><strong>${byId.get(f.id) || f.id}</strong>: ${f.body?.detail || f.status}</li>`)}</ul>`,
          [{ label: t('action.close'), value: 'ok' }],
        );
      } else {
        toast(plural(ids.length, 'members.bulk.done'), 'ok');
      }
      state.selected.clear();
      load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  function addMember() {
    formDialog(
      t('members.add'),
      html`${field({ label: t('members.email'), name: 'email', type: 'email', required: true, autocomplete: 'off' })}
      ${field({ label: t('members.role'), name: 'role', options: roleOptions(roles), value: 'member' })}
      <p class="hint">${t('members.addHint')}</p>`,
      t('members.add'),
      async (data) => {
        const { status } = await api.request('POST', `${base}/members`, {
          body: { email: String(data.get('email')).trim(), role: String(data.get('role')) },
        });
        toast(status === 202 ? t('members.invited', { email: data.get('email') }) : t('members.added', { email: data.get('email') }), 'ok');
        load();
      },
    );
  }

  load();
}

