// Shared pieces of every screen: states (loading, empty, error, forbidden), form fields with
// their errors, toasts, confirmation dialogs.
import { html, uid } from './dom.js';
import { ApiError } from './api.js';
import { t } from './i18n.js';

export function loading() {
  return html`<p class="state loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('state.loading')}</p>`;
}

export function empty(message) {
  return html`<p class="state empty">${message || t('state.empty')}</p>`;
}

/** What a failed load shows: forbidden, not found, or the problem's detail and its request id. */
export function failure(error, retry) {
  if (error instanceof ApiError && error.status === 403) {
    return html`<div class="state forbidden" role="alert">
      <h2>${t('state.forbidden.title')}</h2>
      <p>${t('state.forbidden.text')}</p>
    </div>`;
  }
  if (error instanceof ApiError && error.status === 404) {
    return html`<div class="state not-found" role="alert">
      <h2>${t('state.notFound.title')}</h2>
      <p>${t('state.notFound.text')}</p>
      <p><a href="#/">${t('state.notFound.home')}</a></p>
    </div>`;
  }
  const detail = error instanceof ApiError ? error.message : t('state.offline');
  const reference = error instanceof ApiError && error.problem.correlationId;
  return html`<div class="state error" role="alert">
    <h2>${t('state.error.title')}</h2>
    <p>${detail}</p>
    ${reference ? html`<p class="muted">${t('state.error.reference', { id: reference })}</p>` : null}
    ${retry ? html`<button type="button" onclick=${retry}>${t('action.retry')}</button>` : null}
  </div>`;
}

/**
 * A labelled form field. Its error (from a problem's invalid-params) is shown beneath it and
 * announced with the field (aria-describedby, aria-invalid).
 */
export function field({ label, name, type = 'text', value = '', required = false, autocomplete, hint, options, inputmode, attrs = {} }) {
  const id = uid(name);
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const control = options
    ? html`<select id=${id} name=${name} required=${required} aria-describedby=${[hintId, errorId].filter(Boolean).join(' ')}>
        ${options.map((o) => html`<option value=${o.value} selected=${o.value === value} disabled=${!!o.disabled}>${o.label}</option>`)}
      </select>`
    : html`<input id=${id} name=${name} type=${type} value=${value ?? ''} required=${required}
        autocomplete=${autocomplete} inputmode=${inputmode}
        aria-describedby=${[hintId, errorId].filter(Boolean).join(' ')} />`;
  for (const [attr, v] of Object.entries(attrs)) {
    control.setAttribute(attr, v);
  }
  return html`<div class="field" data-field=${name}>
    <label for=${id}>${label}${required ? html`<span class="required" aria-hidden="true"> *</span>` : null}</label>
    ${control}
    ${hint ? html`<p class="hint" id=${hintId}>${hint}</p>` : null}
    <p class="field-error" id=${errorId} hidden></p>
  </div>`;
}

/** Shows an ApiError on a form: each field's reason beside it, the detail at the top. */
export function showErrors(form, error) {
  clearErrors(form);
  const summary = form.querySelector('.form-error');
  const unplaced = [];
  if (error instanceof ApiError) {
    for (const [name, reason] of error.fields) {
      const box = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
      if (box) {
        const message = box.querySelector('.field-error');
        message.textContent = reason;
        message.hidden = false;
        box.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
      } else {
        unplaced.push(`${name}: ${reason}`);
      }
    }
  }
  if (summary) {
    const detail = error instanceof ApiError ? error.message : t('state.offline');
    summary.textContent = [detail, ...unplaced].join(' ');
    summary.hidden = false;
    if (!error.fields || error.fields.size === 0) {
      summary.focus();
    } else {
      form.querySelector('[aria-invalid="true"]')?.focus();
    }
  }
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => {
    e.hidden = true;
    e.textContent = '';
  });
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  const summary = form.querySelector('.form-error');
  if (summary) {
    summary.hidden = true;
  }
}

export function formError() {
  return html`<p class="form-error" role="alert" tabindex="-1" hidden></p>`;
}

/** Runs a form's submission with its button disabled and errors shown on failure. */
export function submitting(form, action) {
  return async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    clearErrors(form);
    if (button) button.disabled = true;
    try {
      await action(new FormData(form));
    } catch (error) {
      showErrors(form, error);
    } finally {
      if (button) button.disabled = false;
    }
  };
}

/**
 * A short message in the live region (announced by screen readers), gone after a few seconds.
 * The region is part of the page, outside what screens redraw, so a message outlives a change of
 * screen.
 */
export function toast(message, kind = 'info') {
  const note = html`<div class=${`toast ${kind}`} role=${kind === 'error' ? 'alert' : null}>${message}</div>`;
  document.getElementById('toasts').appendChild(note);
  setTimeout(() => note.remove(), kind === 'error' ? 15000 : 6000);
}

/** A modal dialog (the native <dialog>: focus trapped, Escape closes). Resolves with the returned value. */
export function dialog(title, body, actions) {
  return new Promise((resolve) => {
    const titleId = uid('dialog');
    const box = html`<dialog aria-labelledby=${titleId}>
      <h2 id=${titleId}>${title}</h2>
      <div class="dialog-body">${body}</div>
      <div class="actions">
        ${actions.map(
          (a) => html`<button type="button" class=${a.kind || ''} onclick=${() => box.close(a.value)}>${a.label}</button>`,
        )}
      </div>
    </dialog>`;
    box.addEventListener('close', () => {
      resolve(box.returnValue || null);
      box.remove();
    });
    document.body.appendChild(box);
    box.showModal();
  });
}

export function confirm(title, text, label, kind = 'danger') {
  return dialog(title, html`<p>${text}</p>`, [
    { label: t('action.cancel'), value: '' },
    { label, value: 'yes', kind },
  ]).then((v) => v === 'yes');
}

/**
 * Previous/next for a cursor-paged list: cursors is the stack of cursors of the pages shown so far
 * (the first is null), load() draws the page of the last one.
 */
export function pager(cursors, nextCursor, load) {
  return html`<nav class="pager" aria-label=${t('members.pages')}>
    <button type="button" disabled=${cursors.length === 1} onclick=${() => {
      cursors.pop();
      load();
    }}>${t('action.previous')}</button>
    <button type="button" data-test="next-page" disabled=${!nextCursor} onclick=${() => {
      cursors.push(nextCursor);
      load();
    }}>${t('action.next')}</button>
  </nav>`;
}

/** A badge for a status. */
export function badge(text, kind = '') {
  return html`<span class=${`badge ${kind}`}>${text}</span>`;
}
