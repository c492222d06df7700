// Data jobs: upload a CSV and import it (dry run first, if wanted), export a collection, and watch
// every job's progress update while it runs; a finished import lists the rows it refused, each
// with its problems, and offers them as a file.
import { html, mount, uid } from '../dom.js';
import * as api from '../api.js';
import { t, formatNumber, formatDateTime, formatRelative } from '../i18n.js';
import { badge, dialog, empty, failure, field, formDialog, loading, saveFile, toast } from '../ui.js';
import { session, may } from '../main.js';

const COLLECTIONS = [
  { value: 'members', permission: 'members' },
  { value: 'departments', permission: 'departments' },
  { value: 'teams', permission: 'teams' },
  { value: 'contacts', permission: 'contacts' },
];
const ACTIVE = new Set(['queued', 'running', 'stopping']);
const KIND = { completed: 'ok', failed: 'warn', stopped: 'warn', abandoned: 'warn' };
const POLL_MS = 1500;

export async function dataJobsScreen(main, { signal }) {
  const base = `api/v1/orgs/${encodeURIComponent(session.org.slug)}`;
  const importable = COLLECTIONS.filter((c) => may(`${c.permission}:write`));
  const exportable = COLLECTIONS.filter((c) => may(`${c.permission}:read`));
  // redrawn while jobs run: not a live region (it would be read out again and again)
  const list = html`<div class="results">${loading()}</div>`;
  mount(
    main,
    html`<div class="screen-head">
      <h1>${t('jobs.title')}</h1>
      <div class="actions">
        ${exportable.length ? html`<button type="button" data-test="new-export" onclick=${startExport}>${t('jobs.export')}</button>` : null}
        ${importable.length ? html`<button type="button" class="primary" data-test="new-import" onclick=${startImport}>${t('jobs.import')}</button>` : null}
      </div>
    </div>`,
    list,
  );

  let timer = null;
  signal.addEventListener('abort', () => clearTimeout(timer));

  let latest = 0;
  async function load() {
    clearTimeout(timer);
    const ticket = ++latest;
    try {
      const page = await api.get(`${base}/data-jobs`, { limit: 20 });
      // one polling chain: an older answer neither draws nor schedules
      if (signal.aborted || ticket !== latest) return;
      render(page.items);
      // live progress: while a job runs, its state is read again every moment
      if (page.items.some((j) => ACTIVE.has(j.status))) {
        timer = setTimeout(load, POLL_MS);
      }
    } catch (error) {
      if (!signal.aborted) mount(list, failure(error, load));
    }
  }

  function render(jobs) {
    if (!jobs.length) {
      mount(list, empty(t('jobs.none')));
      return;
    }
    mount(
      list,
      html`<ul class="jobs" data-test="jobs">${jobs.map((job) => jobItem(job))}</ul>`,
    );
  }

  function jobItem(job) {
    const rows = job.rows || {};
    const percent = job.progress?.percent;
    const title = job.kind === 'import'
      ? t(job.dryRun ? 'jobs.importDry' : 'jobs.importOf', { collection: t(`jobs.collection.${job.collection}`) })
      : t('jobs.exportOf', { collection: t(`jobs.collection.${job.collection}`), format: (job.format || '').toUpperCase() });
    return html`<li class="job panel" data-test="job" data-status=${job.status}>
      <div class="job-head">
        <h2>${title}</h2>
        ${badge(t(`jobs.status.${job.status}`), KIND[job.status] || '')}
      </div>
      ${ACTIVE.has(job.status)
        ? html`<div class="progress-line">
            ${percent != null
              ? html`<progress max="100" value=${percent} aria-label=${t('jobs.progress')} data-test="job-progress"></progress>`
              : html`<progress aria-label=${t('jobs.progress')} data-test="job-progress"></progress>`}
            <span>${percent != null ? `${formatNumber(percent)} %` : t('jobs.waiting')}${job.progress?.secondsLeft != null ? ` · ${t('jobs.secondsLeft', { seconds: formatNumber(job.progress.secondsLeft) })}` : ''}</span>
          </div>`
        : null}
      <p class="job-rows" data-test="job-rows">${job.kind === 'import'
        ? t('jobs.importRows', {
            read: formatNumber(rows.read ?? 0),
            created: formatNumber(rows.created ?? 0),
            updated: formatNumber(rows.updated ?? 0),
            unchanged: formatNumber(rows.unchanged ?? 0),
            failed: formatNumber(rows.failed ?? 0),
          })
        : t('jobs.exportRows', { read: formatNumber(rows.read ?? 0) })}</p>
      ${job.failure ? html`<p class="field-error">${job.failure}</p>` : null}
      <p class="meta muted"><time datetime=${job.createdAt} title=${formatDateTime(job.createdAt)}>${formatRelative(job.createdAt)}</time></p>
      <div class="actions start">
        ${job.kind === 'import' && (rows.failed ?? 0) > 0
          ? html`<button type="button" data-test="show-errors" onclick=${() => showErrors(job)}>${t('jobs.showErrors')}</button>`
          : null}
        ${job.kind === 'export' && job.status === 'completed'
          ? html`<button type="button" data-test="download" onclick=${() => download(job)}>${t('jobs.download')}</button>`
          : null}
        ${ACTIVE.has(job.status)
          ? html`<button type="button" onclick=${() => act(job, 'stop')}>${t('jobs.stop')}</button>`
          : null}
      </div>
    </li>`;
  }

  async function act(job, action) {
    try {
      await api.request('POST', `${base}/data-jobs/${job.id}/${action}`);
      load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async function download(job) {
    try {
      const { data } = await api.request('GET', `${base}/data-jobs/${job.id}`);
      // the link works without the bearer token (a plain browser download cannot send one)
      if (!data.result?.link) throw new Error(t('jobs.noFile'));
      saveFile(data.result.link, data.result.name);
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async function showErrors(job) {
    const box = html`<div data-test="job-errors">${loading()}</div>`;
    dialog(t('jobs.errorsTitle'), box, [{ label: t('action.close'), value: 'ok' }]);
    try {
      const page = await api.get(`${base}/data-jobs/${job.id}/errors`, { limit: 100 });
      mount(
        box,
        html`<div class="table-wrap"><table class="list">
          <caption class="visually-hidden">${t('jobs.errorsTitle')}</caption>
          <thead><tr><th scope="col">${t('jobs.row')}</th><th scope="col">${t('jobs.problems')}</th><th scope="col">${t('jobs.original')}</th></tr></thead>
          <tbody>${page.items.map(
            (e) => html`<tr>
              <td>${formatNumber(e.row)}</td>
              <td><ul class="errors">${e.problems.map((p) => html`<li>${p.field ? html`<strong>${p.field}</strong>: ` : null}${p.message}</li>`)}</ul></td>
              <td><code>${Object.entries(e.original || {}).map(([k, v]) => `${k}=${v}`).join(', ')}</code></td>
            </tr>`,
          )}</tbody>
        </table></div>`,
        page.nextAfter ? html`<p class="hint">${t('jobs.moreErrors')}</p>` : null,
        html`<p><button type="button" class="link" onclick=${() => saveErrors(job)}>${t('jobs.errorsCsv')}</button></p>`,
      );
    } catch (error) {
      mount(box, failure(error));
    }
  }

  async function saveErrors(job) {
    try {
      const { data } = await api.request('GET', `${base}/data-jobs/${job.id}/errors.csv`, { headers: { Accept: 'text/csv' } });
      saveFile(data, `import-errors-${job.id}.csv`);
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  function startImport() {
    const fileId = uid('file');
    formDialog(
      t('jobs.import'),
      html`${field({ label: t('jobs.collection'), name: 'collection', options: importable.map((c) => ({ value: c.value, label: t(`jobs.collection.${c.value}`) })) })}
      <div class="field" data-field="file">
        <label for=${fileId}>${t('jobs.file')}</label>
        <input type="file" id=${fileId} name="file" accept=".csv,text/csv" required aria-describedby=${`${fileId}-hint`} />
        <p class="hint" id=${`${fileId}-hint`}>${t('jobs.fileHint')}</p>
        <p class="field-error" hidden></p>
      </div>
      ${field({ label: t('jobs.mode'), name: 'mode', value: 'upsert', options: ['upsert', 'create', 'update'].map((m) => ({ value: m, label: t(`jobs.mode.${m}`) })) })}
      <div class="field check"><label><input type="checkbox" name="dryRun" checked /> ${t('jobs.dryRun')}</label></div>
      <div class="field check"><label><input type="checkbox" name="allOrNothing" /> ${t('jobs.allOrNothing')}</label></div>`,
      t('jobs.start'),
      async (data) => {
        const file = data.get('file');
        if (!(file instanceof File) || !file.size) {
          throw new api.ApiError(400, { detail: t('jobs.fileMissing'), 'invalid-params': [{ name: 'file', reason: t('jobs.fileMissing') }] });
        }
        const { data: stored } = await api.request('POST', `${base}/data-jobs/files?name=${encodeURIComponent(file.name)}`, {
          body: file,
          headers: { 'Content-Type': 'text/csv' },
        });
        await api.request('POST', `${base}/data-jobs`, {
          body: {
            type: 'import',
            collection: data.get('collection'),
            fileId: stored.id,
            mode: data.get('mode'),
            dryRun: data.has('dryRun'),
            allOrNothing: data.has('allOrNothing'),
          },
        });
        toast(t('jobs.started'), 'ok');
        load();
      },
    );
  }

  function startExport() {
    formDialog(
      t('jobs.export'),
      html`${field({ label: t('jobs.collection'), name: 'collection', options: exportable.map((c) => ({ value: c.value, label: t(`jobs.collection.${c.value}`) })) })}
      ${field({ label: t('jobs.format'), name: 'format', value: 'csv', options: ['csv', 'xlsx', 'pdf'].map((f) => ({ value: f, label: f.toUpperCase() })) })}`,
      t('jobs.start'),
      async (data) => {
        await api.request('POST', `${base}/data-jobs`, {
          body: { type: 'export', collection: data.get('collection'), format: data.get('format') },
        });
        toast(t('jobs.started'), 'ok');
        load();
      },
    );
  }

  load();
}
