// Messages and formats in the user's language and time zone: the profile's, else the
// organization's, else the browser's. English and German; a message missing in German falls back
// to English.
import en from './i18n/en.js';
import de from './i18n/de.js';

const CATALOGUES = { en, de };

let language = 'en';
let locale = 'en';
let timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function supported(tag) {
  if (!tag) {
    return null;
  }
  const base = tag.toLowerCase().split('-')[0];
  return CATALOGUES[base] ? base : null;
}

/** Chooses language and time zone from the first of the candidates that is set and known. */
export function configure({ languages = [], timeZones = [] } = {}) {
  const tags = [...languages, ...navigator.languages, 'en'];
  const chosen = tags.find((tag) => supported(tag));
  language = supported(chosen);
  locale = chosen || 'en';
  // the first known zone, else the browser's: never the zone of whoever was signed in before
  timeZone = timeZones.find((zone) => zone && validZone(zone)) || Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.documentElement.lang = language;
}

function validZone(zone) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function currentLanguage() {
  return language;
}

export function currentTimeZone() {
  return timeZone;
}

/** The message for a key, with {placeholders} filled from params. */
export function t(key, params = {}) {
  const text = CATALOGUES[language][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** The message for key when a catalogue has it, else the fallback (for open vocabularies such as audit actions). */
export function termOr(key, fallback) {
  return CATALOGUES[language][key] ?? en[key] ?? fallback;
}

/** An audit entry's action in the reader's language (an action added later shows as recorded). */
export function auditAction(action) {
  return termOr(`audit.actions.${action}`, action);
}

/** A count with its noun: plural(3, 'members.count') uses 'members.count.one' / '.other'. */
export function plural(count, key) {
  const rule = new Intl.PluralRules(locale).select(count);
  const chosen = CATALOGUES[language][`${key}.${rule}`] ?? en[`${key}.${rule}`] ?? en[`${key}.other`];
  return chosen.replace('{count}', formatNumber(count));
}

export function formatNumber(value) {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatDateTime(value) {
  if (!value) {
    return '';
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value));
}

export function formatDate(value) {
  if (!value) {
    return '';
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(value));
}

/** "3 hours ago" in the user's language. */
export function formatRelative(value) {
  if (!value) {
    return '';
  }
  const seconds = (new Date(value).getTime() - Date.now()) / 1000;
  const units = [
    ['year', 31536000],
    ['month', 2592000],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(Math.round(seconds), 'second');
}

/** A year-month ("2026-11") as the month's name in the user's language. */
export function formatMonth(yearMonth) {
  const [year, month] = yearMonth.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}
