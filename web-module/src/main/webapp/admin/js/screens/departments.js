// Departments as a tree (nested lists with disclosure buttons): each level is read when it is opened (a tree of any size never loads
// whole), with a search over all of them; create, rename, choose the head, move (with the subtree)
// and delete.
import { html, mount } from '../dom.js';
import * as api from '../api.js';
import { t, plural } from '../i18n.js';
import { confirm, empty, failure, field, formDialog, loading, toast, whenSettled } from '../ui.js';
import { session, may } from '../main.js';

const LEVEL = 100;

export async function departmentsScreen(main, { signal }) {
  const base = `api/v1/orgs/${encodeURIComponent(session.org.slug)}`;
  const writable = may('departments:write');
  const tree = html`<div class="tree-wrap" aria-live="polite"></div>`;
  const search = html`<input type="search" id="department-search" autocomplete="off" />`;
  let latest = 0;
  whenSettled(search, signal, (text) => (text ? find(text) : showRoots()));
  mount(
    main,
    html`<div class="screen-head">
      <h1>${t('departments.title')}</h1>
      ${writable ? html`<button type="button" class="primary" data-test="new-department" onclick=${() => edit(null, null)}>${t('departments.new')}</button>` : null}
    </div>`,
    html`<form class="toolbar" role="search" onsubmit=${(e) => e.preventDefault()}>
      <div class="filter grow"><label for="department-search">${t('members.search')}</label>${search}</div>
    </form>`,
    tree,
  );

  /** One level: the children of a department (null: the top level), by name, up to LEVEL of them. */
  async function level(parentId) {
    const page = await api.get(`${base}/departments`, {
      filter: parentId ? { field: 'parentId', op: 'eq', value: parentId } : { field: 'parentId', op: 'isnull', value: true },
      sort: 'name',
      limit: LEVEL,
      count: true,
    });
    return page;
  }

  async function showRoots() {
    const ticket = ++latest;
    mount(tree, loading());
    try {
      const page = await level(null);
      if (signal.aborted || ticket !== latest) return;
      if (!page.items.length) {
        mount(tree, empty(t('departments.none')));
        return;
      }
      mount(tree, html`<ul class="tree" aria-label=${t('departments.title')} data-test="department-tree">
        ${page.items.map((d) => node(d))}
      </ul>`, more(page));
    } catch (error) {
      mount(tree, failure(error, showRoots));
    }
  }

  function more(page) {
    return page.total > page.items.length ? html`<p class="hint">${t('departments.more', { shown: page.items.length, total: page.total })}</p>` : null;
  }

  function node(d) {
    const children = html`<ul hidden></ul>`;
    const toggle = html`<button type="button" class="toggle" aria-expanded="false" aria-label=${t('departments.expand', { name: d.name })}>▸</button>`;
    let loaded = false;
    toggle.addEventListener('click', async () => {
      const open = toggle.getAttribute('aria-expanded') === 'true';
      toggle.setAttribute('aria-expanded', String(!open));
      toggle.textContent = open ? '▸' : '▾';
      children.hidden = open;
      if (!open && !loaded) {
        loaded = true;
        mount(children, html`<li>${loading()}</li>`);
        try {
          const page = await level(d.id);
          mount(children, page.items.length ? page.items.map((c) => node(c)) : html`<li class="muted leaf">${t('departments.noChildren')}</li>`, more(page));
        } catch (error) {
          mount(children, html`<li>${failure(error)}</li>`);
        }
      }
    });
    return html`<li data-department=${d.code || d.name}>
      <div class="tree-row">
        ${toggle}
        <span class="name">${d.name}</span>
        ${d.code ? html`<span class="sub">${d.code}</span>` : null}
        ${writable
          ? html`<span class="row-actions">
              <button type="button" class="small" onclick=${() => edit(null, d)}>${t('departments.addChild')}</button>
              <button type="button" class="small" data-test="edit-department" onclick=${() => edit(d, null)}>${t('departments.edit')}</button>
              <button type="button" class="small link" onclick=${() => remove(d)}>${t('roles.delete')}</button>
            </span>`
          : null}
      </div>
      ${children}
    </li>`;
  }

  async function find(text) {
    const ticket = ++latest;
    mount(tree, loading());
    try {
      const page = await api.get(`${base}/departments`, { q: text, sort: 'name', limit: 50, count: true });
      if (signal.aborted || ticket !== latest) return;
      mount(
        tree,
        page.items.length
          ? html`<p class="count">${plural(page.total ?? page.items.length, 'departments.count')}</p>`
          : empty(t('departments.noMatches')),
        page.items.length ? html`<ul class="flat" data-test="department-results">${page.items.map((d) => html`<li><span class="name">${d.name}</span> <span class="sub">${d.code || ''}</span></li>`)}</ul>` : null,
      );
    } catch (error) {
      mount(tree, failure(error));
    }
  }

  async function edit(department, parent) {
    let members = [];
    let all = [];
    try {
      [members, all] = await Promise.all([
        may('members:read') ? api.all(`api/v1/orgs/${encodeURIComponent(session.org.slug)}/members`, { sort: 'displayName' }, 300) : [],
        api.all(`${base}/departments`, { sort: 'name' }, 500),
      ]);
    } catch (error) {
      toast(error.message, 'error');
      return;
    }
    const parents = [{ value: '', label: t('departments.topLevel') }, ...all.filter((d) => d.id !== department?.id).map((d) => ({ value: d.id, label: d.name }))];
    const heads = [{ value: '', label: t('departments.noHead') }, ...members.map((m) => ({ value: m.userId, label: `${m.displayName} <${m.email}>` }))];
    // the pickers are capped: a current parent or head beyond the cap is still offered, so a save
    // of another field never clears it
    if (department?.parentId && !parents.some((p) => p.value === department.parentId)) {
      parents.push({ value: department.parentId, label: t('departments.current') });
    }
    if (department?.headId && !heads.some((h) => h.value === department.headId)) {
      heads.push({ value: department.headId, label: t('departments.current') });
    }
    formDialog(
      department ? t('departments.editTitle', { name: department.name }) : t('departments.new'),
      html`${field({ label: t('roles.name'), name: 'name', required: true, value: department?.name || '' })}
      ${field({ label: t('departments.code'), name: 'code', value: department?.code || '' })}
      ${field({ label: t('departments.parent'), name: 'parentId', options: parents, value: department ? department.parentId || '' : parent?.id || '', hint: department ? t('departments.moveHint') : null })}
      ${field({ label: t('departments.head'), name: 'headId', options: heads, value: department?.headId || '' })}
      ${field({ label: t('roles.description'), name: 'description', value: department?.description || '' })}`,
      t('action.save'),
      async (data) => {
        const body = {};
        for (const name of ['name', 'code', 'parentId', 'headId', 'description']) {
          const value = String(data.get(name) ?? '').trim() || null;
          if (!department || value !== (department[name] ?? null)) body[name] = value;
        }
        if (department) {
          await api.request('PATCH', `${base}/departments/${department.id}`, { body, etag: `"${department.version}"` });
        } else {
          await api.request('POST', `${base}/departments`, { body });
        }
        toast(t('departments.saved', { name: body.name || department?.name }), 'ok');
        showRoots();
      },
    );
  }

  async function remove(d) {
    if (!(await confirm(t('roles.delete'), t('departments.confirmDelete', { name: d.name }), t('roles.delete')))) return;
    try {
      await api.request('DELETE', `${base}/departments/${d.id}`, { etag: `"${d.version}"` });
      toast(t('departments.deleted', { name: d.name }), 'ok');
      showRoots();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  showRoots();
}

