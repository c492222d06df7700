// Organization settings, group by group: general, branding (with a live preview), domains,
// notifications, security policy, billing (plan and seats used), and the feature flags
// (read-only). Each group saves only its own keys, with the version read (If-Match).
import { html, mount, uid } from '../dom.js';
import * as api from '../api.js';
import { t, formatNumber, formatDate } from '../i18n.js';
import { badge, failure, field, formError, loading, saveFile, submitting, toast } from '../ui.js';
import { session, may, applyBranding } from '../main.js';

const GROUPS = ['general', 'branding', 'domains', 'notifications', 'security', 'billing', 'features', 'backup'];

export async function settingsScreen(main, { params }) {
  const base = `api/v1/orgs/${encodeURIComponent(session.org.slug)}`;
  const group = GROUPS.includes(params.get('group')) ? params.get('group') : 'general';
  const writable = may('organization:write');
  mount(main, html`<h1>${t('settings.title')}</h1>`, loading());
  let settings;
  let etag;
  let extra = {};
  try {
    const reply = await api.request('GET', `${base}/settings`);
    settings = reply.data;
    etag = reply.etag;
    if (group === 'features') extra.features = await api.all(`${base}/features`);
    if (group === 'billing' && may('members:read')) extra.analytics = await api.get(`${base}/analytics`, { months: 1 });
  } catch (error) {
    mount(main, html`<h1>${t('settings.title')}</h1>`, failure(error, () => settingsScreen(main, { params })));
    return;
  }

  const tabs = html`<nav class="tabs" aria-label=${t('settings.groups')}>
    <ul>${GROUPS.map(
      (g) => html`<li><a href=${`#/o/${encodeURIComponent(session.org.slug)}/settings?group=${g}`} aria-current=${g === group ? 'page' : null}>${t(`settings.${g}`)}</a></li>`,
    )}</ul>
  </nav>`;

  /** A form for one group: its fields, and a submit that PATCHes {group: values}. */
  function groupForm(name, fields, collect, after) {
    // the security policy is the owners' (the API refuses it to others)
    const editable = name === 'security' ? session.org.access.owner : writable;
    const form = html`<form class="panel form" novalidate data-test=${`settings-${name}`}>
      ${formError()}
      ${fields}
      ${editable ? html`<div class="actions"><button type="submit" class="primary">${t('action.save')}</button></div>` : null}
    </form>`;
    if (!editable) {
      form.querySelectorAll('input, select, textarea').forEach((c) => (c.disabled = true));
    }
    form.addEventListener(
      'submit',
      submitting(form, async (data) => {
        const reply = await api.request('PATCH', `${base}/settings`, { body: { [name]: collect(data, form) }, etag });
        settings = reply.data;
        etag = reply.etag;
        toast(t('settings.saved'), 'ok');
        if (after) after(settings);
      }),
    );
    return form;
  }

  const nullable = (v) => (String(v ?? '').trim() === '' ? null : String(v).trim());
  let body;
  switch (group) {
    case 'general':
      body = groupForm(
        'general',
        [
          field({ label: t('settings.description'), name: 'general.description', value: settings.general.description || '' }),
          field({ label: t('settings.website'), name: 'general.website', type: 'url', value: settings.general.website || '' }),
          field({
            label: t('settings.weekStart'),
            name: 'general.weekStart',
            value: settings.general.weekStart,
            options: ['monday', 'sunday', 'saturday'].map((d) => ({ value: d, label: t(`settings.day.${d}`) })),
          }),
          field({ label: t('settings.dateFormat'), name: 'general.dateFormat', value: settings.general.dateFormat }),
        ],
        (d) => ({
          description: nullable(d.get('general.description')),
          website: nullable(d.get('general.website')),
          weekStart: d.get('general.weekStart'),
          dateFormat: nullable(d.get('general.dateFormat')),
        }),
      );
      break;
    case 'branding':
      body = brandingForm();
      break;
    case 'domains': {
      const names = settings.domains.names || [];
      body = groupForm(
        'domains',
        [
          html`<div class="field" data-field="domains.names">
            <label for="domain-names">${t('settings.domainNames')}</label>
            <textarea id="domain-names" name="domains.names" rows="4" aria-describedby="domain-hint">${names.join('\n')}</textarea>
            <p class="hint" id="domain-hint">${t('settings.domainHint')}</p>
            <p class="field-error" hidden></p>
          </div>`,
        ],
        (d) => ({ names: String(d.get('domains.names')).split(/[\s,]+/).map((n) => n.trim()).filter(Boolean) }),
      );
      break;
    }
    case 'notifications':
      body = groupForm(
        'notifications',
        [
          checkbox('notifications.email', t('settings.emailNotifications'), settings.notifications.email),
          field({
            label: t('settings.digest'),
            name: 'notifications.digest',
            value: settings.notifications.digest,
            options: ['off', 'daily', 'weekly'].map((d) => ({ value: d, label: t(`settings.digest.${d}`) })),
          }),
        ],
        (d) => ({ email: d.has('notifications.email'), digest: d.get('notifications.digest') }),
      );
      break;
    case 'security':
      body = groupForm(
        'security',
        [
          checkbox('security.requireTwoFactor', t('settings.requireTwoFactor'), settings.security.requireTwoFactor, t('settings.requireTwoFactorHint')),
          field({
            label: t('settings.maxSessionHours'),
            name: 'security.maxSessionHours',
            type: 'number',
            value: settings.security.maxSessionHours ?? '',
            hint: t('settings.maxSessionHoursHint'),
            attrs: { min: '1', max: '8760' },
          }),
        ],
        (d, form) => {
          if (form.querySelector('input[name="security.maxSessionHours"]').validity.badInput) {
            throw new api.ApiError(400, { detail: t('settings.notANumber'), 'invalid-params': [{ name: 'security.maxSessionHours', reason: t('settings.notANumber') }] });
          }
          return {
          requireTwoFactor: d.has('security.requireTwoFactor'),
          maxSessionHours: nullable(d.get('security.maxSessionHours')) === null ? null : Number(d.get('security.maxSessionHours')),
          };
        },
      );
      break;
    case 'billing':
      body = billing();
      break;
    case 'backup':
      body = backup();
      break;
    default:
      body = features();
  }
  mount(main, html`<h1>${t('settings.title')}</h1>`, tabs, html`<h2>${t(`settings.${group}`)}</h2>`, body);

  function checkbox(name, label, checked, hint) {
    const id = uid('check');
    const box = html`<input type="checkbox" id=${id} name=${name} aria-describedby=${hint ? `${id}-hint` : null} />`;
    box.checked = !!checked;
    return html`<div class="field check" data-field=${name}>
      <label for=${id}>${box} ${label}</label>
      ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : null}
      <p class="field-error" hidden></p>
    </div>`;
  }

  function brandingForm() {
    const preview = html`<div class="brand-preview" data-test="branding-preview" aria-label=${t('settings.preview')} role="img">
      <div class="preview-bar"><span class="preview-logo"></span><span class="preview-name">${session.org.name}</span></div>
      <div class="preview-body"><span class="preview-button">${t('settings.previewButton')}</span><span class="preview-link">${t('settings.previewLink')}</span></div>
    </div>`;
    const colour = (name, label, value) => {
      const id = uid('colour');
      const picker = html`<input type="color" id=${id} value=${value || '#2457c5'} aria-describedby=${`${id}-text`} />`;
      const text = html`<input type="text" id=${`${id}-text`} name=${name} value=${value || ''} placeholder="#1a2b3c" pattern="#[0-9a-fA-F]{6}" aria-label=${`${label} (hex)`} />`;
      picker.addEventListener('input', () => {
        text.value = picker.value;
        update();
      });
      text.addEventListener('input', () => {
        if (/^#[0-9a-fA-F]{6}$/.test(text.value)) picker.value = text.value;
        update();
      });
      return html`<div class="field" data-field=${name}>
        <label for=${id}>${label}</label>
        <div class="colour">${picker}${text}</div>
        <p class="field-error" hidden></p>
      </div>`;
    };
    const form = groupForm(
      'branding',
      [
        field({ label: t('settings.logoUrl'), name: 'branding.logoUrl', type: 'url', value: settings.branding.logoUrl || '', hint: t('settings.logoHint') }),
        colour('branding.primaryColour', t('settings.primaryColour'), settings.branding.primaryColour),
        colour('branding.secondaryColour', t('settings.secondaryColour'), settings.branding.secondaryColour),
        preview,
      ],
      (d) => ({
        logoUrl: nullable(d.get('branding.logoUrl')),
        primaryColour: nullable(d.get('branding.primaryColour'))?.toLowerCase() ?? null,
        secondaryColour: nullable(d.get('branding.secondaryColour'))?.toLowerCase() ?? null,
      }),
      (saved) => {
        session.org.branding = saved.branding;
        applyBranding(saved.branding);
      },
    );
    function update() {
      const data = new FormData(form);
      const primary = String(data.get('branding.primaryColour') || '');
      const secondary = String(data.get('branding.secondaryColour') || '');
      preview.style.setProperty('--preview-primary', /^#[0-9a-fA-F]{6}$/.test(primary) ? primary : '#2457c5');
      preview.style.setProperty('--preview-secondary', /^#[0-9a-fA-F]{6}$/.test(secondary) ? secondary : '#1c2330');
      const logo = String(data.get('branding.logoUrl') || '').trim();
      const slot = preview.querySelector('.preview-logo');
      slot.replaceChildren();
      if (/^https:\/\/[^\s]+$/i.test(logo)) {
        slot.appendChild(html`<img src=${logo} alt="" data-test="preview-logo" />`);
      }
    }
    form.addEventListener('input', update);
    update();
    return form;
  }

  function billing() {
    const s = settings.subscription;
    const used = extra.analytics ? extra.analytics.members.active : null;
    const meter = s.seats && used !== null
      ? html`<meter min="0" max=${s.seats} value=${used} high=${Math.floor(s.seats * 0.9)} optimum="0" aria-label=${t('settings.seatsUsed')}></meter>`
      : null;
    const view = html`<div class="panel">
      <dl class="facts" data-test="billing">
        <dt>${t('settings.plan')}</dt><dd>${s.plan}</dd>
        <dt>${t('members.status')}</dt><dd>${badge(s.status, s.status === 'active' ? 'ok' : 'warn')}</dd>
        <dt>${t('settings.seatsUsed')}</dt>
        <dd>${used === null ? '—' : s.seats ? t('settings.seatsOf', { used: formatNumber(used), seats: formatNumber(s.seats) }) : t('settings.seatsUnlimited', { used: formatNumber(used) })} ${meter}</dd>
        <dt>${t('settings.renewsOn')}</dt><dd>${s.renewsOn ? formatDate(s.renewsOn) : '—'}</dd>
      </dl>
      <p class="hint">${t('settings.billingHint')}</p>
    </div>`;
    return view;
  }

  /**
   * The organization as one archive (every table, its members' accounts without secrets, its audit
   * trail), for its owners; the server records each download in the audit trail.
   */
  function backup() {
    const owner = session.org.access.owner;
    const button = html`<button type="button" class="primary" data-test="download-backup" disabled=${!owner}>${t('settings.backupDownload')}</button>`;
    const status = html`<p class="hint" role="status"></p>`;
    button.addEventListener('click', async () => {
      button.disabled = true;
      status.textContent = t('settings.backupPreparing');
      try {
        const reply = await api.request('GET', `${base}/bundle`, { headers: { Accept: 'application/zip' } });
        const named = /filename="([^"]+)"/.exec(reply.headers.get('Content-Disposition') || '');
        saveFile(reply.data, named ? named[1] : `${session.org.slug}.orgbundle.zip`);
        status.textContent = t('settings.backupDone');
      } catch (error) {
        status.textContent = '';
        toast(error.message, 'error');
      } finally {
        button.disabled = false;
      }
    });
    return html`<div class="panel" data-test="backup">
      <p>${t('settings.backupText')}</p>
      ${owner ? null : html`<p class="notice" data-test="backup-owners">${t('settings.backupOwners')}</p>`}
      <div class="actions start">${button}</div>
      ${status}
    </div>`;
  }

  function features() {
    return html`<div class="table-wrap"><table class="list" data-test="features">
      <caption class="visually-hidden">${t('settings.features')}</caption>
      <thead><tr><th scope="col">${t('settings.feature')}</th><th scope="col">${t('members.status')}</th><th scope="col" class="hide-narrow">${t('settings.featureSource')}</th></tr></thead>
      <tbody>${extra.features.map(
        (f) => html`<tr>
          <td><span class="name">${f.name}</span><span class="sub">${f.description}</span></td>
          <td>${f.enabled ? badge(t('settings.on'), 'ok') : badge(t('settings.off'), 'warn')}</td>
          <td class="hide-narrow">${f.overridden ? t('settings.overridden') : t('settings.byDefault')}</td>
        </tr>`,
      )}</tbody>
    </table></div>
    <p class="hint">${t('settings.featuresHint')}</p>`;
  }
}
