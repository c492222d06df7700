// Signing in: email and password, then the authenticator code when the account has two-factor
// sign-in (or a recovery code), and asking for a password reset link.
import { html, mount, focusHeading } from '../dom.js';
import * as api from '../api.js';
import { t } from '../i18n.js';
import { field, formError, showErrors, submitting } from '../ui.js';

export function signInScreen({ onSignedIn }) {
  const root = html`<main class="auth" id="main"></main>`;

  const passwordStep = () => {
    const form = html`<form class="card" novalidate>
      <h1>${t('signin.title')}</h1>
      ${formError()}
      ${field({ label: t('signin.email'), name: 'email', type: 'email', required: true, autocomplete: 'username' })}
      ${field({ label: t('signin.password'), name: 'password', type: 'password', required: true, autocomplete: 'current-password' })}
      <button type="submit" class="primary">${t('signin.submit')}</button>
      <p><button type="button" class="link" data-test="forgot" onclick=${() => show(resetStep())}>${t('signin.forgot')}</button></p>
    </form>`;
    form.addEventListener(
      'submit',
      submitting(form, async (data) => {
        const outcome = await api.login(String(data.get('email')), String(data.get('password')));
        if (outcome.mfaToken) {
          show(codeStep(outcome.mfaToken));
        } else {
          onSignedIn();
        }
      }),
    );
    return form;
  };

  const codeStep = (mfaToken) => {
    let recovery = false;
    const form = html`<form class="card" novalidate>
      <h1>${t('signin.mfa.title')}</h1>
      <p>${t('signin.mfa.text')}</p>
      ${formError()}
      ${field({
        label: t('signin.mfa.code'),
        name: 'code',
        required: true,
        autocomplete: 'one-time-code',
        inputmode: 'numeric',
        hint: t('signin.mfa.hint'),
      })}
      <button type="submit" class="primary">${t('signin.mfa.submit')}</button>
      <p><button type="button" class="link" onclick=${() => {
        recovery = !recovery;
        const input = form.querySelector('input[name=code]');
        input.inputMode = recovery ? 'text' : 'numeric';
        form.querySelector('label').textContent = recovery ? t('signin.mfa.recovery') : t('signin.mfa.code');
        input.focus();
      }}>${t('signin.mfa.useRecovery')}</button></p>
    </form>`;
    form.addEventListener(
      'submit',
      submitting(form, async (data) => {
        try {
          await api.completeLogin(mfaToken, String(data.get('code')).replace(/\s+/g, ''));
        } catch (error) {
          // the mfa token is spent after five wrong codes: start again
          if (error instanceof api.ApiError && error.status === 401 && /start again/i.test(error.message)) {
            const restart = passwordStep();
            show(restart);
            showErrors(restart, error);
            return;
          }
          throw error;
        }
        onSignedIn();
      }),
    );
    return form;
  };

  const resetStep = () => {
    const form = html`<form class="card" novalidate>
      <h1>${t('reset.title')}</h1>
      <p>${t('reset.text')}</p>
      ${formError()}
      ${field({ label: t('signin.email'), name: 'email', type: 'email', required: true, autocomplete: 'username' })}
      <button type="submit" class="primary">${t('reset.submit')}</button>
      <p><button type="button" class="link" onclick=${() => show(passwordStep())}>${t('reset.back')}</button></p>
    </form>`;
    form.addEventListener(
      'submit',
      submitting(form, async (data) => {
        await api.request('POST', 'api/v1/auth/password-reset', { body: { email: String(data.get('email')) } });
        show(html`<div class="card" role="status">
          <h1>${t('reset.sent.title')}</h1>
          <p>${t('reset.sent.text')}</p>
          <p><button type="button" class="link" onclick=${() => show(passwordStep())}>${t('reset.back')}</button></p>
        </div>`);
      }),
    );
    return form;
  };

  function show(step) {
    mount(root, html`<p class="brand-large">Orgbase</p>`, step);
    focusHeading(root);
    step.querySelector('input')?.focus();
  }

  show(passwordStep());
  return root;
}
