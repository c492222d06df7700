// The platform's vocabularies, for platform administrators: currencies (ISO 4217, seeded: renamed,
// given a symbol, switched on or off), organization types and statuses (added, changed, removed;
// removal is refused while anything uses one). Every change carries the version shown (If-Match).
import { html } from '../dom.js';
import * as api from '../api.js';
import { t } from '../i18n.js';
import { badge, confirm, field, formDialog, pagedList, toast } from '../ui.js';

const yesNo = () => [
  { value: 'true', label: t('platform.yes') },
  { value: 'false', label: t('platform.no') },
];

/** A status's colour: a swatch painted through the CSSOM (the page's policy refuses style attributes). */
function swatch(colour) {
  const box = html`<span class="swatch" aria-hidden="true"></span>`;
  if (/^#[0-9a-fA-F]{6}$/.test(colour)) box.style.setProperty('background', colour);
  return html`<span class="swatch-row">${box}<code>${colour}</code></span>`;
}

/**
 * One vocabulary's screen. spec: path (API), key (the identifying field), columns [{label, cell}],
 * fields(item) for the form (item null when adding), body(data, item) the request, creatable and
 * removable.
 */
function vocabulary(main, signal, spec) {
  const edit = (item, reload) =>
    formDialog(
      item ? t('vocab.editTitle', { name: item.name }) : t('vocab.add'),
      spec.fields(item),
      t('action.save'),
      async (data) => {
        const body = spec.body(data, item);
        if (item) {
          await api.request('PATCH', `${spec.path}/${encodeURIComponent(item[spec.key])}`, { body, etag: `"${item.version}"` });
        } else {
          await api.request('POST', spec.path, { body });
        }
        toast(t('vocab.saved', { name: body.name || item?.name }), 'ok');
        return reload;
      },
    );
  const remove = async (item, reload) => {
    if (!(await confirm(t('roles.delete'), t('vocab.confirmDelete', { name: item.name }), t('roles.delete')))) return;
    try {
      await api.request('DELETE', `${spec.path}/${encodeURIComponent(item[spec.key])}`, { etag: `"${item.version}"` });
      toast(t('vocab.deleted', { name: item.name }), 'ok');
      reload();
    } catch (error) {
      toast(error.message, 'error');
    }
  };
  let reloadList;
  reloadList = pagedList(main, {
    title: spec.title,
    searchLabel: t('members.search'),
    signal,
    tools: spec.creatable
      ? html`<button type="button" class="primary" data-test="vocab-add" onclick=${() => edit(null, () => reloadList())}>${t('vocab.add')}</button>`
      : null,
    fetchPage: (q, cursor) => api.get(spec.path, { q, cursor, limit: 50 }),
    head: [...spec.columns.map((c) => c.label), html`<span class="visually-hidden">${t('invitations.actions')}</span>`],
    row: (item, reload) => html`<tr data-vocab=${item[spec.key]}>
      ${spec.columns.map((c) => html`<td>${c.cell(item)}</td>`)}
      <td class="row-actions">
        <button type="button" class="small" data-test="vocab-edit" aria-label=${t('vocab.editTitle', { name: item.name })}
          onclick=${() => edit(item, reload)}>${t('departments.edit')}</button>
        ${spec.removable
          ? html`<button type="button" class="small link" aria-label=${t('vocab.deleteNamed', { name: item.name })}
              onclick=${() => remove(item, reload)}>${t('roles.delete')}</button>`
          : null}
      </td>
    </tr>`,
  });
}

const text = (data, name) => String(data.get(name) ?? '').trim() || null;
const active = (item) => (item.active ? badge(t('vocab.active'), 'ok') : badge(t('vocab.inactive'), 'warn'));

export function currencies(main, { signal }) {
  vocabulary(main, signal, {
    title: t('vocab.currencies'),
    path: 'api/v1/currencies',
    key: 'code',
    columns: [
      { label: t('vocab.code'), cell: (c) => html`<code>${c.code}</code>` },
      { label: t('roles.name'), cell: (c) => c.name },
      { label: t('vocab.symbol'), cell: (c) => c.symbol || '' },
      { label: t('vocab.minorUnits'), cell: (c) => String(c.minorUnits) },
      { label: t('vocab.state'), cell: active },
    ],
    fields: (c) => [
      field({ label: t('roles.name'), name: 'name', required: true, value: c.name }),
      field({ label: t('vocab.symbol'), name: 'symbol', value: c.symbol || '' }),
      field({ label: t('vocab.active'), name: 'active', options: yesNo(), value: String(c.active) }),
    ],
    body: (data) => ({ name: text(data, 'name'), symbol: text(data, 'symbol'), active: data.get('active') === 'true' }),
  });
}

export function organizationTypes(main, { signal }) {
  vocabulary(main, signal, {
    title: t('vocab.types'),
    path: 'api/v1/organization-types',
    key: 'key',
    creatable: true,
    removable: true,
    columns: [
      { label: t('roles.key'), cell: (o) => html`<code>${o.key}</code>` },
      { label: t('roles.name'), cell: (o) => o.name },
      { label: t('roles.description'), cell: (o) => o.description || '' },
      { label: t('vocab.state'), cell: active },
    ],
    fields: (o) => [
      o ? null : field({ label: t('roles.key'), name: 'key', required: true, hint: t('vocab.keyHint') }),
      field({ label: t('roles.name'), name: 'name', required: true, value: o?.name || '' }),
      field({ label: t('roles.description'), name: 'description', value: o?.description || '' }),
      field({ label: t('vocab.active'), name: 'active', options: yesNo(), value: String(o ? o.active : true) }),
    ],
    body: (data, o) => ({
      ...(o ? {} : { key: text(data, 'key') }),
      name: text(data, 'name'),
      description: text(data, 'description'),
      active: data.get('active') === 'true',
    }),
  });
}

export function statuses(main, { signal }) {
  vocabulary(main, signal, {
    title: t('vocab.statuses'),
    path: 'api/v1/statuses',
    key: 'slug',
    creatable: true,
    removable: true,
    columns: [
      { label: t('vocab.slug'), cell: (s) => html`<code>${s.slug}</code>` },
      { label: t('roles.name'), cell: (s) => s.name },
      { label: t('vocab.category'), cell: (s) => s.category },
      {
        label: t('vocab.colour'),
        cell: (s) => (s.colour ? swatch(s.colour) : ''),
      },
    ],
    fields: (s) => [
      s ? null : field({ label: t('vocab.slug'), name: 'slug', required: true, hint: t('vocab.keyHint') }),
      field({ label: t('roles.name'), name: 'name', required: true, value: s?.name || '' }),
      field({ label: t('vocab.category'), name: 'category', value: s?.category || 'general' }),
      field({ label: t('vocab.colour'), name: 'colour', value: s?.colour || '', hint: t('vocab.colourHint') }),
      field({ label: t('roles.description'), name: 'description', value: s?.description || '' }),
    ],
    body: (data, s) => ({
      ...(s ? {} : { slug: text(data, 'slug') }),
      name: text(data, 'name'),
      category: text(data, 'category') || 'general',
      colour: text(data, 'colour'),
      description: text(data, 'description'),
    }),
  });
}
