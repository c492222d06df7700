// Teams: the organization's teams (searched, paged), and each team's members with their role in
// it (lead or member): add a member of the organization, change their role, take them out. The
// team itself can be renamed, described, tagged and deleted (its people stay members).
import { html, mount, uid } from '../dom.js';
import * as api from '../api.js';
import { t, plural, formatDate } from '../i18n.js';
import { badge, confirm, empty, failure, field, formDialog, loading, memberPicker, pager, toast, whenSettled } from '../ui.js';
import { session, may, orgLink, navigate } from '../main.js';

const PAGE_SIZE = 25;
const TEAM_ROLES = ['member', 'lead'];

export async function teamsScreen(main, { signal, rest }) {
  if (rest && rest[0]) {
    return teamScreen(main, rest[0], signal);
  }
  const base = `api/v1/orgs/${encodeURIComponent(session.org.slug)}`;
  const writable = may('teams:write');
  const state = { q: '', cursors: [null] };
  const results = html`<div class="results" aria-live="polite">${loading()}</div>`;
  const searchId = uid('team-search');
  const search = html`<input type="search" id=${searchId} autocomplete="off" data-test="team-search" />`;
  whenSettled(search, signal, (value) => {
    state.q = value;
    state.cursors = [null];
    load();
  });
  mount(
    main,
    html`<div class="screen-head">
      <h1>${t('teams.title')}</h1>
      ${writable ? html`<button type="button" class="primary" data-test="new-team" onclick=${() => editTeam(base, null, (team) => navigate(`o/${encodeURIComponent(session.org.slug)}/teams/${team.id}`))}>${t('teams.new')}</button>` : null}
    </div>`,
    html`<form class="toolbar" role="search" onsubmit=${(e) => e.preventDefault()}>
      <div class="filter grow"><label for=${searchId}>${t('members.search')}</label>${search}</div>
    </form>`,
    results,
  );

  let latest = 0;
  async function load() {
    const ticket = ++latest;
    try {
      const page = await api.get(`${base}/teams`, {
        limit: PAGE_SIZE,
        cursor: state.cursors[state.cursors.length - 1],
        sort: 'name',
        q: state.q,
        count: true,
      });
      if (ticket !== latest || signal.aborted) return;
      if (!page.items.length) {
        mount(results, empty(state.q ? t('teams.noMatches') : t('teams.none')));
        return;
      }
      mount(
        results,
        html`<p class="count">${plural(page.total ?? page.items.length, 'teams.count')}</p>`,
        html`<div class="table-wrap"><table class="list" data-test="teams">
          <caption class="visually-hidden">${t('teams.title')}</caption>
          <thead><tr>
            <th scope="col">${t('roles.name')}</th>
            <th scope="col" class="hide-narrow">${t('roles.description')}</th>
            <th scope="col" class="hide-narrow">${t('teams.tags')}</th>
            <th scope="col" class="hide-narrow">${t('teams.created')}</th>
          </tr></thead>
          <tbody>${page.items.map(
            (team) => html`<tr data-team=${team.name}>
              <td><a class="name" href=${orgLink(`teams/${team.id}`)}>${team.name}</a></td>
              <td class="hide-narrow">${team.description || ''}</td>
              <td class="hide-narrow">${(team.tags || []).map((tag) => badge(tag))}</td>
              <td class="hide-narrow"><time datetime=${team.createdAt}>${formatDate(team.createdAt)}</time></td>
            </tr>`,
          )}</tbody>
        </table></div>`,
        pager(state.cursors, page.nextCursor, load),
      );
    } catch (error) {
      if (ticket === latest) mount(results, failure(error, load));
    }
  }
  load();
}

/** Creates (team null) or changes a team; then(team) runs with what the API answered. */
function editTeam(base, team, then) {
  return formDialog(
    team ? t('teams.editTitle', { name: team.name }) : t('teams.new'),
    [
      field({ label: t('roles.name'), name: 'name', required: true, value: team?.name || '', attrs: { maxlength: '200' } }),
      field({ label: t('roles.description'), name: 'description', value: team?.description || '' }),
      field({ label: t('teams.tags'), name: 'tags', value: (team?.tags || []).join(', '), hint: t('teams.tagsHint') }),
    ],
    t('action.save'),
    async (data) => {
      const body = {
        name: String(data.get('name')).trim(),
        description: String(data.get('description')).trim() || null,
        tags: String(data.get('tags'))
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
      };
      const reply = team
        ? await api.request('PATCH', `${base}/teams/${team.id}`, { body, etag: `"${team.version}"` })
        : await api.request('POST', `${base}/teams`, { body });
      toast(t('teams.saved', { name: body.name }), 'ok');
      return () => then(reply.data);
    },
  );
}

async function teamScreen(main, teamId, signal) {
  const base = `api/v1/orgs/${encodeURIComponent(session.org.slug)}`;
  const writable = may('teams:write');
  const back = html`<p><a href=${orgLink('teams')}>${t('teams.back')}</a></p>`;
  mount(main, back, loading());
  let team;
  try {
    team = await api.get(`${base}/teams/${encodeURIComponent(teamId)}`);
  } catch (error) {
    if (!signal.aborted) mount(main, back, failure(error, () => teamScreen(main, teamId, signal)));
    return;
  }
  if (signal.aborted) return;
  const path = `${base}/teams/${team.id}`;
  const state = { cursors: [null] };
  const members = html`<div class="results" aria-live="polite">${loading()}</div>`;
  mount(
    main,
    back,
    html`<div class="screen-head">
      <div>
        <h1>${team.name}</h1>
        ${team.description ? html`<p class="muted">${team.description}</p>` : null}
        ${(team.tags || []).length ? html`<p>${team.tags.map((tag) => badge(tag))}</p>` : null}
      </div>
      ${writable
        ? html`<div class="actions">
            <button type="button" data-test="edit-team" onclick=${() => editTeam(base, team, () => teamScreen(main, team.id, signal))}>${t('departments.edit')}</button>
            <button type="button" class="danger" data-test="delete-team" onclick=${remove}>${t('roles.delete')}</button>
            ${may('members:read') ? html`<button type="button" class="primary" data-test="add-team-member" onclick=${add}>${t('teams.addMember')}</button>` : null}
          </div>`
        : null}
    </div>`,
    html`<h2 tabindex="-1">${t('teams.members')}</h2>`,
    members,
  );

  let latest = 0;
  async function load() {
    const ticket = ++latest;
    try {
      const page = await api.get(`${path}/members`, {
        limit: PAGE_SIZE,
        cursor: state.cursors[state.cursors.length - 1],
        sort: 'displayName',
        count: true,
      });
      if (ticket !== latest || signal.aborted) return;
      if (!page.items.length) {
        mount(members, empty(t('teams.noMembers')));
        return;
      }
      mount(
        members,
        html`<p class="count" data-test="team-member-count">${plural(page.total ?? page.items.length, 'members.count')}</p>`,
        html`<div class="table-wrap"><table class="list" data-test="team-members">
          <caption class="visually-hidden">${t('teams.members')}</caption>
          <thead><tr>
            <th scope="col">${t('members.name')}</th>
            <th scope="col">${t('teams.role')}</th>
            <th scope="col" class="hide-narrow">${t('members.joined')}</th>
            ${writable ? html`<th scope="col"><span class="visually-hidden">${t('invitations.actions')}</span></th>` : null}
          </tr></thead>
          <tbody>${page.items.map((m) => row(m))}</tbody>
        </table></div>`,
        pager(state.cursors, page.nextCursor, load),
      );
    } catch (error) {
      if (ticket === latest) mount(members, failure(error, load));
    }
  }

  function row(m) {
    const name = may('members:read')
      ? html`<a class="name" href=${orgLink(`members/${m.userId}`)}>${m.displayName}</a>`
      : html`<span class="name">${m.displayName}</span>`;
    let role = badge(t(`teams.role.${m.role}`), m.role === 'lead' ? 'ok' : '');
    if (writable) {
      role = html`<select data-test="team-role" aria-label=${t('teams.roleOf', { name: m.displayName })}>
        ${TEAM_ROLES.map((r) => html`<option value=${r} selected=${r === m.role}>${t(`teams.role.${r}`)}</option>`)}
      </select>`;
      role.addEventListener('change', async () => {
        role.disabled = true;
        try {
          await api.request('PATCH', `${path}/members/${m.userId}`, { body: { role: role.value }, etag: `"${m.version}"` });
          toast(t('teams.roleChanged', { name: m.displayName, role: t(`teams.role.${role.value}`) }), 'ok');
          await load();
          // the row was drawn anew: the keyboard stays on its picker
          members.querySelector(`tr[data-team-member="${CSS.escape(m.email)}"] [data-test=team-role]`)?.focus();
        } catch (error) {
          role.value = m.role;
          role.disabled = false;
          toast(error.message, 'error');
          // changed meanwhile (412): the list is read again, with the versions to send next
          if (error instanceof api.ApiError && error.status === 412) load();
        }
      });
    }
    return html`<tr data-team-member=${m.email}>
      <td>${name}<span class="sub">${m.email}</span></td>
      <td>${role}</td>
      <td class="hide-narrow"><time datetime=${m.joinedAt}>${formatDate(m.joinedAt)}</time></td>
      ${writable
        ? html`<td class="row-actions"><button type="button" class="small" data-test="remove-team-member"
            aria-label=${t('teams.removeNamed', { name: m.displayName })} onclick=${() => takeOut(m)}>${t('teams.remove')}</button></td>`
        : null}
    </tr>`;
  }

  async function takeOut(m) {
    if (!(await confirm(t('teams.remove'), t('teams.confirmRemove', { name: m.displayName, team: team.name }), t('teams.remove')))) return;
    try {
      await api.request('DELETE', `${path}/members/${m.userId}`, { etag: `"${m.version}"` });
      toast(t('teams.removed', { name: m.displayName }), 'ok');
      await load();
      members.closest('main')?.querySelector('h2')?.focus();
    } catch (error) {
      toast(error.message, 'error');
      if (error instanceof api.ApiError && error.status === 412) load();
    }
  }

  /** Finds a member of the organization by name or email, then adds them as member or lead. */
  function add() {
    const typed = new AbortController();
    signal.addEventListener('abort', () => typed.abort());
    const who = memberPicker(`${base}/members`, { name: 'userId', label: t('teams.person'), signal: typed.signal, required: true });
    formDialog(
      t('teams.addTo', { team: team.name }),
      [
        who,
        field({ label: t('teams.role'), name: 'role', options: TEAM_ROLES.map((r) => ({ value: r, label: t(`teams.role.${r}`) })), value: 'member' }),
      ],
      t('teams.add'),
      async (data) => {
        await api.request('POST', `${path}/members`, { body: { userId: String(data.get('userId')), role: String(data.get('role')) } });
        toast(t('teams.added', { name: who.querySelector('select').selectedOptions[0]?.textContent || '' }), 'ok');
        return () => load();
      },
    ).then(() => typed.abort());
  }

  async function remove() {
    if (!(await confirm(t('roles.delete'), t('teams.confirmDelete', { name: team.name }), t('roles.delete')))) return;
    try {
      await api.request('DELETE', path, { etag: `"${team.version}"` });
      toast(t('teams.deleted', { name: team.name }), 'ok');
      navigate(`o/${encodeURIComponent(session.org.slug)}/teams`);
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  load();
}
