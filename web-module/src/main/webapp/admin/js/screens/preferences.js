// The signed-in person's notification preferences in this organization: per kind of notification
// (and one row for every kind at once), in the console or not, and by email at once, in a daily or
// weekly digest, or not. "Default" follows the row for every kind, then the organization's
// notification settings; what applies now, and where it comes from, is shown beside each choice.
import { html, mount, focusHeading, uid } from '../dom.js';
import * as api from '../api.js';
import { t } from '../i18n.js';
import { failure, formError, loading, submitting, toast } from '../ui.js';
import { session } from '../main.js';

const EMAIL_MODES = ['off', 'immediate', 'daily', 'weekly'];

export async function preferencesScreen(main, { signal }) {
  const path = `api/v1/orgs/${encodeURIComponent(session.org.slug)}/notification-preferences`;
  const heading = html`<h1>${t('preferences.title')}</h1>`;
  mount(main, heading, loading());
  let current;
  try {
    current = await api.get(path);
  } catch (error) {
    if (!signal.aborted) mount(main, heading, failure(error, () => preferencesScreen(main, { signal })));
    return;
  }
  if (signal.aborted) return;
  draw(current);

  function typeName(type) {
    const key = type === '*' ? 'preferences.every' : `preferences.type.${type}`;
    const text = t(key);
    return text === key ? type : text;
  }

  function draw(prefs) {
    const types = Object.keys(prefs.types).sort((a, b) => (a === '*' ? -1 : b === '*' ? 1 : 0));
    const rows = types.map((type) => {
      const channel = prefs.types[type];
      const inAppNow = uid('in-app-now');
      const emailNow = uid('email-now');
      const inApp = html`<select name=${`${type}.inApp`} aria-label=${t('preferences.inAppOf', { type: typeName(type) })} aria-describedby=${inAppNow}>
        <option value="" selected=${channel.inAppFrom !== 'own'}>${t('preferences.default')}</option>
        <option value="true" selected=${channel.inAppFrom === 'own' && channel.inApp}>${t('preferences.on')}</option>
        <option value="false" selected=${channel.inAppFrom === 'own' && !channel.inApp}>${t('preferences.off')}</option>
      </select>`;
      const email = html`<select name=${`${type}.email`} aria-label=${t('preferences.emailOf', { type: typeName(type) })} aria-describedby=${emailNow} disabled=${!prefs.emailAllowed}>
        <option value="" selected=${channel.emailFrom !== 'own'}>${t('preferences.default')}</option>
        ${EMAIL_MODES.map((m) => html`<option value=${m} selected=${channel.emailFrom === 'own' && channel.email === m}>${t(`preferences.email.${m}`)}</option>`)}
      </select>`;
      return html`<tr data-type=${type} data-field=${type}>
        <th scope="row">${typeName(type)}<p class="field-error" hidden></p></th>
        <td>${inApp}<span class="sub" id=${inAppNow} data-test="in-app-now">${t('preferences.now', {
          value: channel.inApp ? t('preferences.on') : t('preferences.off'),
          source: t(`preferences.from.${channel.inAppFrom}`),
        })}</span></td>
        <td>${email}<span class="sub" id=${emailNow} data-test="email-now">${t('preferences.now', {
          value: t(`preferences.email.${channel.email}`),
          source: t(`preferences.from.${channel.emailFrom}`),
        })}</span></td>
      </tr>`;
    });
    const form = html`<form novalidate data-test="preferences">
      ${formError()}
      ${prefs.emailAllowed ? null : html`<p class="notice" data-test="email-off">${t('preferences.emailOff')}</p>`}
      <div class="table-wrap"><table class="list">
        <caption class="visually-hidden">${t('preferences.title')}</caption>
        <thead><tr>
          <th scope="col">${t('preferences.kind')}</th>
          <th scope="col">${t('preferences.inApp')}</th>
          <th scope="col">${t('preferences.email')}</th>
        </tr></thead>
        <tbody>${rows}</tbody>
      </table></div>
      <div class="actions start"><button type="submit" class="primary" data-test="save-preferences">${t('action.save')}</button></div>
    </form>`;
    form.addEventListener(
      'submit',
      submitting(form, async (data) => {
        // only what differs from what was read is sent; "Default" is null (back to the default)
        const change = {};
        for (const type of types) {
          const channel = prefs.types[type];
          const ownInApp = channel.inAppFrom === 'own' ? String(channel.inApp) : '';
          const ownEmail = channel.emailFrom === 'own' ? channel.email : '';
          const inApp = String(data.get(`${type}.inApp`) ?? ownInApp);
          const email = prefs.emailAllowed ? String(data.get(`${type}.email`) ?? ownEmail) : ownEmail;
          const entry = {};
          if (inApp !== ownInApp) entry.inApp = inApp === '' ? null : inApp === 'true';
          if (email !== ownEmail) entry.email = email === '' ? null : email;
          if (Object.keys(entry).length) change[type] = entry;
        }
        if (!Object.keys(change).length) {
          toast(t('preferences.unchanged'));
          return;
        }
        const next = (await api.request('PATCH', path, { body: change })).data;
        toast(t('preferences.saved'), 'ok');
        draw(next);
        focusHeading(main);
      }),
    );
    mount(main, heading, html`<p class="hint">${t('preferences.hint', { org: session.org.name })}</p>`, form);
  }
}
