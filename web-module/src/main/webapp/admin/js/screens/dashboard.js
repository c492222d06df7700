// The organization's dashboard: members at a glance, headcount over time, members by role,
// department and team, gaps (departments without a head, teams without a lead), recent activity.
import { html, mount, loadScript } from '../dom.js';
import * as api from '../api.js';
import { UPLOT_SCRIPT, UPLOT_STYLE } from '../vendor.js';
import { t, formatNumber, formatMonth, formatRelative, formatDateTime, auditAction } from '../i18n.js';
import { failure, loading, empty } from '../ui.js';
import { session, may, orgLink } from '../main.js';

export async function dashboardScreen(main) {
  const slug = encodeURIComponent(session.org.slug);
  mount(main, html`<h1>${session.org.name}</h1>`, loading());
  let analytics;
  try {
    analytics = may('members:read') ? await api.get(`api/v1/orgs/${slug}/analytics`, { months: 12 }) : null;
  } catch (error) {
    mount(main, html`<h1>${session.org.name}</h1>`, failure(error, () => dashboardScreen(main)));
    return;
  }
  const activity = html`<section class="panel" aria-labelledby="activity-title">
    <h2 id="activity-title">${t('dashboard.activity')}</h2>
    <div class="activity">${loading()}</div>
  </section>`;
  const status = session.org.access.status;
  mount(
    main,
    html`<h1>${session.org.name}</h1>`,
    status !== 'active' ? html`<p class="notice" role="status">${t(`org.status.${status}`)}</p>` : null,
    analytics ? figures(analytics) : null,
    analytics
      ? html`<div class="grid">
          ${headcountPanel(analytics.headcount)}
          ${barsPanel('by-role', t('dashboard.byRole'), analytics.byRole.map((r) => ({ label: roleName(r.key), value: r.members })))}
          ${barsPanel(
            'by-department',
            t('dashboard.byDepartment'),
            [
              ...analytics.byDepartment.map((d) => ({ label: d.name, value: d.members })),
              ...(analytics.withoutDepartment ? [{ label: t('dashboard.noDepartment'), value: analytics.withoutDepartment }] : []),
            ],
          )}
          ${barsPanel('by-team', t('dashboard.byTeam'), analytics.byTeam.map((r) => ({ label: r.name, value: r.members })))}
          ${gapsPanel(analytics)}
        </div>`
      : null,
    may('audit:read') ? activity : null,
  );
  if (may('audit:read')) {
    recentActivity(activity.querySelector('.activity'), slug);
  }
}

function figures(analytics) {
  const m = analytics.members;
  const tile = (key, value, test) => html`<div class="figure" data-test=${test}>
    <span class="value">${formatNumber(value)}</span>
    <span class="label">${t(key)}</span>
  </div>`;
  return html`<section class="figures" aria-label=${t('dashboard.figures')}>
    ${tile('dashboard.members', m.total, 'members-total')}
    ${tile('dashboard.active', m.active, 'members-active')}
    ${tile('dashboard.suspended', m.suspended, 'members-suspended')}
    ${tile('dashboard.active30', m.activeLast30Days, 'members-active-30')}
  </section>`;
}

function headcountPanel(headcount) {
  const chart = html`<div class="chart" role="img"
    aria-label=${t('dashboard.headcountSummary', {
      from: formatMonth(headcount[0]?.month || '2000-01'),
      first: formatNumber(headcount[0]?.headcount || 0),
      to: formatMonth(headcount[headcount.length - 1]?.month || '2000-01'),
      last: formatNumber(headcount[headcount.length - 1]?.headcount || 0),
    })}></div>`;
  const panel = html`<section class="panel wide" aria-labelledby="headcount-title">
    <h2 id="headcount-title">${t('dashboard.headcount')}</h2>
    ${chart}
  </section>`;
  drawHeadcount(chart, headcount);
  return panel;
}

async function drawHeadcount(container, headcount) {
  try {
    await loadScript(UPLOT_SCRIPT, UPLOT_STYLE);
  } catch {
    mount(container, empty(t('dashboard.chartUnavailable')));
    return;
  }
  const xs = headcount.map((_, i) => i);
  const ys = headcount.map((h) => h.headcount);
  const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || '#2457c5';
  const draw = () => {
    container.replaceChildren();
    const width = Math.max(260, container.clientWidth || 600);
    // eslint-disable-next-line no-undef
    new uPlot(
      {
        width,
        height: 220,
        legend: { show: false },
        padding: [12, 28, 0, 0],
        cursor: { show: true, drag: { x: false, y: false } },
        scales: { x: { time: false }, y: { range: (u, min, max) => [0, Math.max(1, Math.ceil(max * 1.15))] } },
        axes: [
          { values: (u, splits) => splits.map((i) => (headcount[i] ? formatMonth(headcount[i].month) : '')) },
          { values: (u, splits) => splits.map((v) => formatNumber(v)) },
        ],
        series: [{}, { label: t('dashboard.headcount'), stroke: accent, width: 2, fill: `${accent}22`, points: { show: true } }],
      },
      [xs, ys],
      container,
    );
  };
  draw();
  new ResizeObserver(() => {
    if (Math.abs(container.clientWidth - (container.firstChild?.clientWidth || 0)) > 20) {
      draw();
    }
  }).observe(container);
}

/** Horizontal bars: a label, a bar sized by a CSS custom property (CSSOM, allowed by the CSP), the number. */
function barsPanel(test, title, rows) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const id = `${test}-title`;
  return html`<section class="panel" aria-labelledby=${id} data-test=${test}>
    <h2 id=${id}>${title}</h2>
    ${rows.length
      ? html`<ul class="bars">
          ${rows.map((r) => {
            const bar = html`<span class="bar" aria-hidden="true"></span>`;
            bar.style.setProperty('--share', `${(100 * r.value) / max}%`);
            return html`<li><span class="bar-label">${r.label}</span>${bar}<span class="bar-value">${formatNumber(r.value)}</span></li>`;
          })}
        </ul>`
      : empty()}
  </section>`;
}

function gapsPanel(analytics) {
  const gap = (title, gapInfo, screen) => html`<div class="gap">
    <h3>${title} <span class="badge ${gapInfo.count ? 'warn' : 'ok'}">${formatNumber(gapInfo.count)}</span></h3>
    ${gapInfo.first.length
      ? html`<ul>${gapInfo.first.slice(0, 5).map((g) => html`<li>${screen ? html`<a href=${orgLink(screen)}>${g.name}</a>` : g.name}</li>`)}</ul>`
      : html`<p class="muted">${t('dashboard.noGaps')}</p>`}
  </div>`;
  return html`<section class="panel" aria-labelledby="gaps-title" data-test="gaps">
    <h2 id="gaps-title">${t('dashboard.gaps')}</h2>
    ${gap(t('dashboard.departmentsWithoutHead'), analytics.departmentsWithoutHead, 'departments')}
    ${gap(t('dashboard.teamsWithoutLead'), analytics.teamsWithoutLead, null)}
  </section>`;
}

async function recentActivity(container, slug) {
  try {
    const page = await api.get(`api/v1/orgs/${slug}/audit-events`, { limit: 8 });
    mount(
      container,
      page.items.length
        ? html`<ol class="timeline">
            ${page.items.map(
              (e) => html`<li>
                <span class="who">${e.actor.label}</span>
                <span class="what">${auditAction(e.action)} · ${e.entityType}</span>
                <time datetime=${e.occurredAt} title=${formatDateTime(e.occurredAt)}>${formatRelative(e.occurredAt)}</time>
              </li>`,
            )}
          </ol>`
        : empty(t('dashboard.noActivity')),
    );
  } catch (error) {
    mount(container, failure(error));
  }
}

/** A system role's name in the user's language; a custom role's key as it is. */
function roleName(key) {
  const name = t(`role.${key}`);
  return name === `role.${key}` ? key : name;
}
