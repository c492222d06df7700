// Roles as the console offers them: the system roles and the organization's custom roles, each
// with its effective permissions and whether the caller may grant it. Nobody grants a role that
// grants more than they hold (and only owners make owners): the server refuses it with a 403, and
// the console shows it before anyone tries.
import * as api from './api.js';
import { t } from './i18n.js';
import { session } from './main.js';

let catalogue;

/** The permission catalogue and the system roles' permissions (the same for every organization). */
export async function permissionCatalogue() {
  if (!catalogue) {
    catalogue = await api.get('api/v1/permissions');
  }
  return catalogue;
}

/**
 * [{value, label, system, permissions (effective), grantable}] for the current organization.
 * Custom roles are listed when the caller may read them.
 */
export async function roleChoices() {
  const held = new Set(session.org.access.permissions);
  const owner = session.org.access.owner;
  const { roles: systemRoles } = await permissionCatalogue();
  const choices = systemRoles.map((r) => ({
    value: r.name,
    label: systemRoleName(r.name),
    system: true,
    permissions: r.permissions,
  }));
  if (session.org.access.permissions.includes('roles:read')) {
    const custom = await api.all(`api/v1/orgs/${encodeURIComponent(session.org.slug)}/roles`);
    for (const r of custom.filter((c) => !c.system)) {
      choices.push({ value: r.key, label: r.name, system: false, permissions: r.effectivePermissions, role: r });
    }
  }
  for (const choice of choices) {
    choice.grantable = choice.value === 'owner' ? owner : choice.permissions.every((p) => held.has(p));
  }
  return choices;
}

export function systemRoleName(key) {
  const name = t(`role.${key}`);
  return name === `role.${key}` ? key : name;
}

export function roleLabel(choices, key) {
  return choices.find((r) => r.value === key)?.label || key;
}

/** Options for a role picker: roles the caller cannot grant are shown, disabled, with the reason. */
export function roleOptions(choices, current = null, { apiKeys = false } = {}) {
  return choices
    .filter((r) => !(apiKeys && r.value === 'owner'))
    .map((r) => ({
      value: r.value,
      label: r.grantable || r.value === current ? r.label : t('roles.notGrantable', { role: r.label }),
      // the current role stays selectable (choosing it changes nothing); a disabled option would
      // be left out of the form and the save would send no role at all
      disabled: !r.grantable && r.value !== current,
    }));
}
