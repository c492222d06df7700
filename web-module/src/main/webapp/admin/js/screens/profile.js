// The signed-in person's own account: name, language and time zone; the password; two-factor
// sign-in (enrolment with the QR code, confirmation, the recovery codes shown once, turning it off).
import { html, mount, focusHeading } from '../dom.js';
import * as api from '../api.js';
import { t } from '../i18n.js';
import { badge, dialog, failure, field, formDialog, formError, loading, submitting, toast } from '../ui.js';
import { session } from '../main.js';

const LANGUAGES = ['', 'en', 'en-GB', 'de', 'de-CH', 'de-AT'];

export async function profileScreen(main, { reload }) {
  mount(main, html`<h1>${t('profile.title')}</h1>`, loading());
  let profile;
  let etag;
  try {
    const reply = await api.request('GET', 'api/v1/me/profile');
    profile = reply.data;
    etag = reply.etag;
  } catch (error) {
    mount(main, html`<h1>${t('profile.title')}</h1>`, failure(error, () => profileScreen(main, { reload })));
    return;
  }
  const zones = typeof Intl.supportedValuesOf === 'function' ? [...Intl.supportedValuesOf('timeZone')] : [];
  // what is saved is always offered (UTC, say, is not in every browser's list)
  if (profile.timezone && !zones.includes(profile.timezone)) zones.unshift(profile.timezone);
  const languages = profile.language && !LANGUAGES.includes(profile.language) ? [...LANGUAGES, profile.language] : LANGUAGES;

  const details = html`<form class="panel form" novalidate data-test="profile-form">
    <h2>${t('profile.details')}</h2>
    ${formError()}
    ${field({ label: t('profile.displayName'), name: 'displayName', value: profile.displayName, required: true, autocomplete: 'name' })}
    ${field({ label: t('profile.phone'), name: 'phone', type: 'tel', value: profile.phone || '', autocomplete: 'tel', hint: t('profile.phoneHint') })}
    ${field({
      label: t('profile.language'),
      name: 'language',
      value: profile.language || '',
      options: languages.map((l) => ({ value: l, label: l ? `${new Intl.DisplayNames([l], { type: 'language' }).of(l)} (${l})` : t('profile.orgDefault') })),
    })}
    ${field({
      label: t('profile.timezone'),
      name: 'timezone',
      value: profile.timezone || '',
      options: [{ value: '', label: t('profile.orgDefault') }, ...zones.map((z) => ({ value: z, label: z }))],
    })}
    <div class="actions"><button type="submit" class="primary">${t('action.save')}</button></div>
  </form>`;
  details.addEventListener(
    'submit',
    submitting(details, async (data) => {
      const body = {};
      for (const name of ['displayName', 'phone', 'language', 'timezone']) {
        const value = String(data.get(name) ?? '').trim() || null;
        if (value !== (profile[name] ?? null)) body[name] = value;
      }
      if (!Object.keys(body).length) {
        toast(t('member.unchanged'));
        return;
      }
      await api.request('PATCH', 'api/v1/me/profile', { body, etag });
      toast(t('profile.saved'), 'ok');
      reload();
    }),
  );

  const password = html`<form class="panel form" novalidate data-test="password-form">
    <h2>${t('profile.password')}</h2>
    <p class="hint">${t('profile.passwordHint')}</p>
    ${formError()}
    ${field({ label: t('profile.currentPassword'), name: 'currentPassword', type: 'password', required: true, autocomplete: 'current-password' })}
    ${field({ label: t('profile.newPassword'), name: 'newPassword', type: 'password', required: true, autocomplete: 'new-password' })}
    <div class="actions"><button type="submit" class="primary">${t('profile.changePassword')}</button></div>
  </form>`;
  password.addEventListener(
    'submit',
    submitting(password, async (data) => {
      await api.request('POST', 'api/v1/me/password', {
        body: { currentPassword: String(data.get('currentPassword')), newPassword: String(data.get('newPassword')) },
      });
      toast(t('profile.passwordChanged'), 'ok');
      // every sign-in of the account ended, this one too
      api.logout().catch(() => {});
    }),
  );

  mount(main, html`<h1>${t('profile.title')}</h1>`, details, emailPanel(), password, twoFactorPanel());

  /**
   * The address: whether it is verified (a link to verify it, sent again on request), and moving the
   * account to another one (the password; nothing changes until the link sent there is used, on
   * the server's account page).
   */
  function emailPanel() {
    const verified = session.me.emailVerified;
    const send = html`<button type="button" data-test="send-verification">${t('profile.sendVerification')}</button>`;
    send.addEventListener('click', async () => {
      send.disabled = true;
      try {
        await api.request('POST', 'api/v1/me/email-verification');
        toast(t('profile.verificationSent', { email: session.me.email }), 'ok');
      } catch (error) {
        toast(error.message, 'error');
      } finally {
        send.disabled = false;
      }
    });
    const change = () =>
      formDialog(
        t('profile.changeEmail'),
        [
          html`<p>${t('profile.changeEmailText')}</p>`,
          field({ label: t('profile.newEmail'), name: 'email', type: 'email', required: true, autocomplete: 'email' }),
          field({ label: t('profile.currentPassword'), name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
        ],
        t('profile.sendLink'),
        async (data) => {
          const email = String(data.get('email')).trim();
          await api.request('POST', 'api/v1/me/email', { body: { email, password: String(data.get('password')) } });
          toast(t('profile.changeEmailSent', { email }), 'ok');
        },
      );
    return html`<section class="panel" data-test="email-panel" aria-labelledby="email-title">
      <h2 id="email-title">${t('profile.email')}</h2>
      <p><span data-test="my-email">${session.me.email}</span> ${verified
        ? badge(t('profile.verified'), 'ok')
        : badge(t('profile.unverified'), 'warn')}</p>
      ${verified ? null : html`<p class="hint">${t('profile.unverifiedHint')}</p>`}
      <div class="actions start">
        ${verified ? null : send}
        <button type="button" data-test="change-email" onclick=${change}>${t('profile.changeEmail')}</button>
      </div>
    </section>`;
  }
  focusHeading(main);

  function twoFactorPanel() {
    const panel = html`<section class="panel form" data-test="two-factor" aria-labelledby="tf-title">
      <h2 id="tf-title">${t('profile.twoFactor')}</h2>
    </section>`;
    if (session.me.twoFactor) {
      panel.append(
        html`<p><span class="badge ok">${t('settings.on')}</span> ${t('profile.twoFactorOn')}</p>`,
        html`<button type="button" data-test="disable-2fa" onclick=${disable}>${t('profile.disable2fa')}</button>`,
      );
    } else {
      panel.append(
        html`<p>${t('profile.twoFactorOff')}</p>`,
        html`<button type="button" class="primary" data-test="enrol-2fa" onclick=${() => enrol(panel)}>${t('profile.enable2fa')}</button>`,
      );
    }
    return panel;
  }

  async function enrol(panel) {
    let enrolment;
    try {
      enrolment = (await api.request('POST', 'api/v1/me/2fa/totp')).data;
    } catch (error) {
      toast(error.message, 'error');
      return;
    }
    const form = html`<form novalidate data-test="confirm-2fa">
      <ol class="steps">
        <li>${t('profile.scan')}</li>
        <li>${t('profile.enterCode')}</li>
      </ol>
      <img class="qr" src=${enrolment.qrCode} alt=${t('profile.qrAlt')} width="200" height="200" />
      <p class="hint">${t('profile.secretText')} <code data-test="totp-secret">${enrolment.secret}</code></p>
      ${formError()}
      ${field({ label: t('signin.mfa.code'), name: 'code', required: true, inputmode: 'numeric', autocomplete: 'one-time-code' })}
      <div class="actions"><button type="submit" class="primary">${t('profile.confirm2fa')}</button></div>
    </form>`;
    mount(panel, html`<h2 id="tf-title">${t('profile.twoFactor')}</h2>`, form);
    form.querySelector('input[name=code]').focus();
    form.addEventListener(
      'submit',
      submitting(form, async (data) => {
        const { data: codes } = await api.request('POST', 'api/v1/me/2fa/totp/confirm', { body: { code: String(data.get('code')).replace(/\s+/g, '') } });
        session.me.twoFactor = true;
        await dialog(
          t('profile.recoveryTitle'),
          html`<div>
            <p>${t('profile.recoveryText')}</p>
            <ul class="codes" data-test="recovery-codes">${codes.recoveryCodes.map((c) => html`<li><code>${c}</code></li>`)}</ul>
          </div>`,
          [{ label: t('profile.recoverySaved'), value: 'ok', kind: 'primary' }],
        );
        reload();
      }),
    );
  }

  async function disable() {
    formDialog(
      t('profile.disable2fa'),
      [
        html`<p>${t('profile.disableText')}</p>`,
        field({ label: t('signin.password'), name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
        field({ label: t('signin.mfa.code'), name: 'code', required: true, autocomplete: 'one-time-code', hint: t('profile.codeOrRecovery') }),
      ],
      t('profile.disable2fa'),
      async (data) => {
        await api.request('POST', 'api/v1/me/2fa/totp/disable', {
          body: { password: String(data.get('password')), code: String(data.get('code')).replace(/\s+/g, '') },
        });
        session.me.twoFactor = false;
        toast(t('profile.disabled'), 'ok');
        return reload;
      },
      'danger',
    );
  }
}

