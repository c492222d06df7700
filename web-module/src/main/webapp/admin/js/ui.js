// Shared pieces of every screen: states (loading, empty, error, forbidden), form fields with
// their errors, toasts, confirmation dialogs.
import { html, mount, uid } from './dom.js';
import { ApiError, get } from './api.js';
import { t, plural } from './i18n.js';

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

/**
 * A form in a dialog: its fields, Cancel, and a submit button. onSubmit(data) runs with the button
 * disabled and the problem's errors shown beside their fields; when it succeeds the dialog closes,
 * and a function it returned runs after that (to open the next dialog, say).
 */
export function formDialog(title, fields, submitLabel, onSubmit, kind = 'primary') {
  const form = html`<form novalidate>
    ${formError()}
    ${fields}
    <div class="actions">
      <button type="button" onclick=${() => form.closest('dialog').close()}>${t('action.cancel')}</button>
      <button type="submit" class=${kind}>${submitLabel}</button>
    </div>
  </form>`;
  form.addEventListener(
    'submit',
    submitting(form, async (data) => {
      const then = await onSubmit(data, form);
      // closed already when Escape was pressed while saving: what follows (a key's secret) still runs
      form.closest('dialog')?.close();
      if (typeof then === 'function') then();
    }),
  );
  return dialog(title, form, []);
}

/**
 * Calls action(value) when typing in a box pauses (or a picker changes), never after the screen's
 * signal aborted.
 */
export function whenSettled(control, signal, action, wait = 250) {
  let timer;
  signal.addEventListener('abort', () => clearTimeout(timer));
  const textual = control.tagName === 'INPUT' && ['text', 'search'].includes(control.type);
  control.addEventListener(textual ? 'input' : 'change', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!signal.aborted) action(control.value.trim());
    }, wait);
  });
}

export function confirm(title, text, label, kind = 'danger') {
  return dialog(title, html`<p>${text}</p>`, [
    { label: t('action.cancel'), value: '' },
    { label, value: 'yes', kind },
  ]).then((v) => v === 'yes');
}

/** Which pager button was pressed last: the next page's pager gets the focus back on it. */
let pagerFocus = null;

/**
 * Previous/next for a cursor-paged list: cursors is the stack of cursors of the pages shown so far
 * (the first is null), load() draws the page of the last one. The page is redrawn, pager included:
 * the keyboard's focus moves to the same button of the new pager (or the other one when that is
 * now disabled) instead of falling back to the start of the page.
 */
export function pager(cursors, nextCursor, load) {
  const turn = (which, change) => () => {
    change();
    pagerFocus = which;
    load();
  };
  const nav = html`<nav class="pager" aria-label=${t('members.pages')}>
    <button type="button" data-page="previous" disabled=${cursors.length === 1} onclick=${turn('previous', () => cursors.pop())}>${t('action.previous')}</button>
    <button type="button" data-page="next" data-test="next-page" disabled=${!nextCursor} onclick=${turn('next', () => cursors.push(nextCursor))}>${t('action.next')}</button>
  </nav>`;
  if (pagerFocus) {
    const which = pagerFocus;
    pagerFocus = null;
    requestAnimationFrame(() => {
      if (!nav.isConnected) return;
      const button = nav.querySelector(`[data-page="${which}"]`);
      (button.disabled ? nav.querySelector('button:not([disabled])') : button)?.focus();
    });
  }
  return nav;
}

/** Hands a file to the browser's downloads: a link (a URL, or a Blob made into one) clicked once. */
export function saveFile(source, name) {
  const href = source instanceof Blob ? URL.createObjectURL(source) : source;
  const link = html`<a href=${href} download=${name} hidden></a>`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  if (source instanceof Blob) setTimeout(() => URL.revokeObjectURL(href), 10000);
}

/** A badge for a status. */
export function badge(text, kind = '') {
  return html`<span class=${`badge ${kind}`}>${text}</span>`;
}

/** A searchable, paged list: fetch(q, cursor) gives a page, row(item) draws one. */
export function pagedList(main, { title, searchLabel, fetchPage, head, row, signal, tools, onSubmit = false, filters = null }) {
  const state = { q: '', cursors: [null] };
  const results = html`<div class="results"></div>`;
  const searchId = uid('search');
  const search = html`<input type="search" id=${searchId} autocomplete="off" data-test="platform-search" />`;
  // searches that are audited and read every row run when asked for, not at every pause in typing
  if (!onSubmit) {
    whenSettled(search, signal, (value) => {
      state.q = value;
      state.cursors = [null];
      load();
    });
  }
  mount(
    main,
    html`<div class="screen-head"><h1>${title}</h1>${tools || null}</div>`,
    searchLabel
      ? html`<form class="toolbar" role="search" onsubmit=${(e) => {
          e.preventDefault();
          state.q = search.value.trim();
          state.cursors = [null];
          load();
        }}>
          <div class="filter grow"><label for=${searchId}>${searchLabel}</label>${search}</div>
          ${filters}
          ${onSubmit ? html`<button type="submit" data-test="platform-search-submit">${t('platform.find')}</button>` : null}
        </form>`
      : null,
    results,
  );
  let latest = 0;
  async function load() {
    const ticket = ++latest;
    mount(results, loading());
    try {
      const page = await fetchPage(state.q, state.cursors[state.cursors.length - 1]);
      if (signal.aborted || ticket !== latest) return;
      if (page === null) {
        mount(results, empty(t('platform.searchFirst')));
        return;
      }
      if (!page.items.length) {
        mount(results, empty());
        return;
      }
      mount(
        results,
        html`<div class="table-wrap"><table class="list" data-test="platform-list">
          <caption class="visually-hidden">${title}</caption>
          <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
          <tbody>${page.items.map((item) => row(item, load))}</tbody>
        </table></div>`,
        pager(state.cursors, page.nextCursor, load),
      );
    } catch (error) {
      if (ticket === latest) mount(results, failure(error, load));
    }
  }
  load();
  return load;
}

/**
 * A field choosing a member of the organization: a search box (a page of 20 by name or email at
 * each pause, or at once on Enter) above a picker. What is chosen — current {value, label} at
 * first, then whatever the person picks, "nobody" included — stays chosen and offered whatever a
 * later search finds, so a save of other fields never changes it. none (a label) offers "nobody" as
 * the empty value. Only a required pick (nothing to keep yet) takes a search's only match; how many
 * matched is announced.
 */
export function memberPicker(membersPath, { name, label, signal, current = null, none = null, required = false }) {
  const searchId = uid('find');
  const box = html`<input type="search" id=${searchId} autocomplete="off" data-test=${`${name}-search`} />`;
  const chosenField = field({ label, name, required, options: [] });
  const picker = chosenField.querySelector('select');
  picker.setAttribute('data-test', `${name}-pick`);
  const count = html`<p class="hint" role="status"></p>`;
  let chosen = current;
  picker.addEventListener('change', () => {
    const option = picker.selectedOptions[0];
    chosen = option && option.value ? { value: option.value, label: option.textContent } : null;
  });
  let asked = 0;
  const find = async (text) => {
    const ticket = ++asked;
    try {
      const page = await get(membersPath, { q: text, sort: 'displayName', limit: 20 });
      if (ticket !== asked || signal.aborted) return;
      const found = page.items.map((m) => ({ value: m.userId, label: `${m.displayName} <${m.email}>` }));
      if (required && !chosen && text && found.length === 1) chosen = found[0];
      const options = [
        // nobody is chosen for a required pick until someone is: never whoever happens to be first
        { value: '', label: none ?? t('picker.choose') },
        ...(chosen && !found.some((m) => m.value === chosen.value) ? [chosen] : []),
        ...found,
      ];
      mount(picker, options.map((o) => html`<option value=${o.value} selected=${o.value === (chosen?.value ?? '')}>${o.label}</option>`));
      count.textContent = text ? plural(found.length, 'picker.matches') : '';
      picker.dataset.query = text;
    } catch (error) {
      if (ticket === asked) toast(error.message, 'error');
    }
  };
  whenSettled(box, signal, find);
  // Enter searches; it never submits the form around the box with a pick not yet made
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      find(box.value.trim());
    }
  });
  find('');
  return html`<div class="member-picker">
    <div class="field"><label for=${searchId}>${t('picker.find')}</label>${box}${count}</div>
    ${chosenField}
  </div>`;
}
