// One member: role, suspension, employment (job title, employee number, department, manager),
// and removal. Changes carry the version read (If-Match): a concurrent change is shown, never
// overwritten.
import { html, mount } from '../dom.js';
import * as api from '../api.js';
import { t, formatDateTime, formatRelative } from '../i18n.js';
import { badge, confirm, failure, field, formError, loading, memberPicker, submitting, toast } from '../ui.js';
import { session, may, orgLink, navigate } from '../main.js';
import { roleChoices, roleOptions, roleLabel } from '../roles.js';

export async function memberScreen(main, userId, signal) {
  const base = `api/v1/orgs/${encodeURIComponent(session.org.slug)}`;
  const back = html`<p><a href=${orgLink('members')}>${t('member.back')}</a></p>`;
  mount(main, back, loading());
  let member;
  let etag;
  let roles;
  let departments;
  let managerChoice;
  try {
    const reply = await api.request('GET', `${base}/members/${encodeURIComponent(userId)}`);
    member = reply.data;
    etag = reply.etag;
    let manager;
    [roles, departments, manager] = await Promise.all([
      roleChoices(),
      may('departments:read') ? api.all(`${base}/departments`, { sort: 'name' }) : [],
      // the current manager's name, for the picker (gone from the organization: shown as the current one)
      member.managerId
        ? api.get(`${base}/members/${encodeURIComponent(member.managerId)}`).catch(() => null)
        : null,
    ]);
    managerChoice = member.managerId
      ? { value: member.managerId, label: manager ? `${manager.displayName} <${manager.email}>` : t('departments.current') }
      : null;
  } catch (error) {
    mount(main, back, failure(error, () => memberScreen(main, userId, signal)));
    return;
  }
  const writable = may('members:write');
  const self = member.userId === session.me.id;

  const header = html`<div class="screen-head">
    <div>
      <h1>${member.displayName}</h1>
      <p class="muted">${member.email} · ${member.active ? badge(t('members.status.active'), 'ok') : badge(t('members.status.suspended'), 'warn')}</p>
    </div>
  </div>`;

  const facts = html`<dl class="facts">
    <dt>${t('members.role')}</dt><dd data-test="member-role">${roleLabel(roles, member.role)}</dd>
    <dt>${t('members.joined')}</dt><dd>${formatDateTime(member.joinedAt)}</dd>
    <dt>${t('members.lastActive')}</dt><dd>${member.lastActiveAt ? formatRelative(member.lastActiveAt) : t('members.never')}</dd>
  </dl>`;

  if (!writable) {
    mount(main, back, header, facts);
    return;
  }

  const departmentOptions = [{ value: '', label: t('member.noDepartment') }, ...departments.map((d) => ({ value: d.id, label: d.name }))];
  const form = html`<form class="panel form" novalidate data-test="member-form">
    <h2>${t('member.edit')}</h2>
    ${formError()}
    ${field({ label: t('members.role'), name: 'role', options: roleOptions(roles, member.role), value: member.role, hint: t('member.roleHint') })}
    ${field({ label: t('members.jobTitle'), name: 'jobTitle', value: member.jobTitle || '', attrs: { maxlength: '200' } })}
    ${field({ label: t('member.employeeNumber'), name: 'employeeNumber', value: member.employeeNumber || '', attrs: { maxlength: '64' } })}
    ${departments.length ? field({ label: t('members.department'), name: 'departmentId', options: departmentOptions, value: member.departmentId || '' }) : null}
    ${memberPicker(`${base}/members`, { name: 'managerId', label: t('member.manager'), signal, current: managerChoice, none: t('member.noManager') })}
    <div class="actions">
      <button type="submit" class="primary" data-test="save-member">${t('action.save')}</button>
    </div>
  </form>`;
  form.addEventListener(
    'submit',
    submitting(form, async (data) => {
      const body = {};
      const role = data.get('role');
      if (role && role !== member.role) body.role = String(role);
      for (const name of ['jobTitle', 'employeeNumber', 'departmentId', 'managerId']) {
        if (!data.has(name)) continue;
        const value = String(data.get(name)).trim() || null;
        if (value !== (member[name] ?? null)) body[name] = value;
      }
      if (!Object.keys(body).length) {
        toast(t('member.unchanged'));
        return;
      }
      await save(body);
    }),
  );

  async function save(body) {
    try {
      const reply = await api.request('PATCH', `${base}/members/${encodeURIComponent(userId)}`, { body, etag });
      toast(t('member.saved'), 'ok');
      member = reply.data;
      etag = reply.etag;
      await memberScreen(main, userId, signal);
    } catch (error) {
      if (error instanceof api.ApiError && error.status === 412) {
        throw new api.ApiError(412, { ...error.problem, detail: t('member.stale') });
      }
      throw error;
    }
  }

  const danger = html`<section class="panel danger-zone">
    <h2>${t('member.access')}</h2>
    ${member.active
      ? html`<button type="button" data-test="suspend-member" disabled=${self} onclick=${async () => {
          if (await confirm(t('members.bulk.suspend'), t('member.confirmSuspend', { name: member.displayName }), t('members.bulk.suspend'))) {
            await save({ active: false }).catch((e) => toast(e.message, 'error'));
          }
        }}>${t('members.bulk.suspend')}</button>`
      : html`<button type="button" data-test="reactivate-member" onclick=${() => save({ active: true }).catch((e) => toast(e.message, 'error'))}>${t('members.bulk.reactivate')}</button>`}
    <button type="button" class="danger" data-test="remove-member" onclick=${async () => {
      const text = self ? t('member.confirmLeave') : t('member.confirmRemove', { name: member.displayName });
      if (!(await confirm(self ? t('member.leave') : t('member.remove'), text, self ? t('member.leave') : t('member.remove')))) return;
      try {
        await api.request('DELETE', `${base}/members/${encodeURIComponent(userId)}`, { etag });
        toast(t('member.removed', { name: member.displayName }), 'ok');
        navigate(`o/${encodeURIComponent(session.org.slug)}/members`);
      } catch (e) {
        toast(e.message, 'error');
      }
    }}>${self ? t('member.leave') : t('member.remove')}</button>
  </section>`;

  mount(main, back, header, facts, form, danger);
}
