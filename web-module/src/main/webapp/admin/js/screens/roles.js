// Roles and permissions as a matrix: one row per permission, one column per role. System roles
// are read-only; a custom role's own permissions are ticked in its column, inherited ones are
// shown ticked and locked with their source. A permission the caller does not hold cannot be
// ticked: nobody grants what they do not hold, and the screen says so before the server does.
import { html, mount } from '../dom.js';
import * as api from '../api.js';
import { t } from '../i18n.js';
import { confirm, failure, field, formDialog, loading, toast } from '../ui.js';
import { session, may } from '../main.js';
import { permissionCatalogue, systemRoleName } from '../roles.js';

export async function rolesScreen(main) {
  const base = `api/v1/orgs/${encodeURIComponent(session.org.slug)}`;
  const writable = may('roles:write');
  const held = new Set(session.org.access.permissions);
  mount(main, html`<h1>${t('roles.title')}</h1>`, loading());
  let catalogue;
  let roles;
  try {
    [catalogue, roles] = await Promise.all([permissionCatalogue(), api.all(`${base}/roles`)]);
  } catch (error) {
    mount(main, html`<h1>${t('roles.title')}</h1>`, failure(error, () => rolesScreen(main)));
    return;
  }
  const custom = roles.filter((r) => !r.system);
  const byKey = new Map(roles.map((r) => [r.key, r]));
  // the ticks a custom role's column shows now (its own permissions, as edited)
  const edits = new Map(custom.map((r) => [r.key, new Set(r.permissions)]));

  /** Where a role gets an inherited permission from (the nearest ancestor granting it). */
  function inheritedFrom(role, permission) {
    let parent = role.parent ? byKey.get(role.parent) : null;
    const seen = new Set();
    while (parent && !seen.has(parent.key)) {
      seen.add(parent.key);
      if (parent.permissions.includes(permission) || (parent.system && parent.effectivePermissions.includes(permission))) {
        return parent;
      }
      parent = parent.parent ? byKey.get(parent.parent) : null;
    }
    return null;
  }

  const saveButtons = new Map();
  function markDirty(role) {
    const now = edits.get(role.key);
    const dirty = now.size !== role.permissions.length || role.permissions.some((p) => !now.has(p));
    saveButtons.get(role.key).disabled = !dirty;
  }

  function cell(role, permission) {
    if (role.system) {
      return html`<td class="cell">${role.effectivePermissions.includes(permission.key)
        ? html`<span class="tick" role="img" aria-label=${t('roles.grants')}>✓</span>`
        : html`<span class="visually-hidden">${t('roles.doesNotGrant')}</span>`}</td>`;
    }
    const source = inheritedFrom(role, permission.key);
    if (source) {
      return html`<td class="cell inherited" title=${t('roles.inheritedFrom', { role: source.name })}>
        <input type="checkbox" checked disabled aria-label=${`${role.name}: ${permission.key} (${t('roles.inheritedFrom', { role: source.name })})`} />
      </td>`;
    }
    const own = edits.get(role.key).has(permission.key);
    const grantable = held.has(permission.key);
    const box = html`<input type="checkbox" data-role=${role.key} data-permission=${permission.key}
      aria-label=${`${role.name}: ${permission.key}${grantable ? '' : ` (${t('roles.notHeld')})`}`} />`;
    box.checked = own;
    box.disabled = !writable || (!grantable && !own);
    box.addEventListener('change', () => {
      if (box.checked) edits.get(role.key).add(permission.key);
      else edits.get(role.key).delete(permission.key);
      markDirty(role);
    });
    return html`<td class=${`cell${grantable ? '' : ' not-held'}`} title=${grantable ? '' : t('roles.notHeld')}>${box}</td>`;
  }

  function header(role) {
    if (role.system) {
      return html`<th scope="col" class="role-head system">${systemRoleName(role.key)}<span class="sub">${t('roles.system')}</span></th>`;
    }
    const save = html`<button type="button" class="small primary" data-test=${`save-${role.key}`} disabled>${t('action.save')}</button>`;
    save.addEventListener('click', async () => {
      save.disabled = true;
      try {
        // the version shown: a colleague's change in between is a 412, never overwritten
        const { data: saved } = await api.request('PATCH', `${base}/roles/${encodeURIComponent(role.key)}`, {
          body: { permissions: [...edits.get(role.key)].sort() },
          etag: `"${role.version}"`,
        });
        toast(t('roles.saved', { role: role.name }), 'ok');
        // this column only: unsaved ticks in other columns stay as they are
        role.permissions = saved.permissions;
        role.effectivePermissions = saved.effectivePermissions;
        role.version = saved.version;
        markDirty(role);
      } catch (error) {
        toast(error.message, 'error');
        markDirty(role);
      }
    });
    saveButtons.set(role.key, save);
    const remove = html`<button type="button" class="small link" data-test=${`delete-${role.key}`}>${t('roles.delete')}</button>`;
    remove.addEventListener('click', async () => {
      if (!(await confirm(t('roles.delete'), t('roles.confirmDelete', { role: role.name }), t('roles.delete')))) return;
      try {
        await api.request('DELETE', `${base}/roles/${encodeURIComponent(role.key)}`, { etag: `"${role.version}"` });
        toast(t('roles.deleted', { role: role.name }), 'ok');
        rolesScreen(main);
      } catch (error) {
        toast(error.message, 'error');
      }
    });
    return html`<th scope="col" class="role-head">
      ${role.name}
      <span class="sub">${role.parent ? t('roles.inherits', { role: byKey.get(role.parent)?.name || role.parent }) : role.key}</span>
      ${writable ? html`<span class="head-actions">${save}${remove}</span>` : null}
    </th>`;
  }

  const ordered = [...roles.filter((r) => r.system), ...custom];
  mount(
    main,
    html`<div class="screen-head">
      <h1>${t('roles.title')}</h1>
      ${writable ? html`<button type="button" class="primary" data-test="new-role" onclick=${() => createRole()}>${t('roles.new')}</button>` : null}
    </div>`,
    html`<p class="hint">${t('roles.rule')}</p>`,
    html`<div class="table-wrap matrix-wrap"><table class="list matrix" data-test="role-matrix">
      <caption class="visually-hidden">${t('roles.title')}</caption>
      <thead><tr><th scope="col">${t('roles.permission')}</th>${ordered.map((r) => header(r))}</tr></thead>
      <tbody>
        ${catalogue.items.map(
          (p) => html`<tr data-permission=${p.key}>
            <th scope="row"><span class="name">${p.key}</span><span class="sub">${p.description}</span></th>
            ${ordered.map((r) => cell(r, p))}
          </tr>`,
        )}
      </tbody>
    </table></div>`,
  );

  function createRole() {
    const parents = [{ value: '', label: t('roles.noParent') }, ...ordered.map((r) => ({ value: r.key, label: r.system ? systemRoleName(r.key) : r.name }))];
    formDialog(
      t('roles.new'),
      html`${field({ label: t('roles.key'), name: 'key', required: true, hint: t('roles.keyHint'), attrs: { pattern: '[a-z][a-z0-9-]{1,62}', maxlength: '63' } })}
      ${field({ label: t('roles.name'), name: 'name', required: true, attrs: { maxlength: '100' } })}
      ${field({ label: t('roles.description'), name: 'description' })}
      ${field({ label: t('roles.parent'), name: 'parent', options: parents, value: '', hint: t('roles.parentHint') })}`,
      t('roles.create'),
      async (data) => {
        await api.request('POST', `${base}/roles`, {
          body: {
            key: String(data.get('key')).trim(),
            name: String(data.get('name')).trim(),
            description: String(data.get('description')).trim() || null,
            permissions: [],
            parent: String(data.get('parent')) || null,
          },
        });
        toast(t('roles.created', { role: data.get('name') }), 'ok');
        rolesScreen(main);
      },
    );
  }
}
