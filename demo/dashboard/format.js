// How the dashboard writes figures and days (English, UTC days).

const longDay = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** −100…+100 with a sign, "—" without answers. A true minus sign, read as "minus". */
export const formatNps = (nps) =>
  nps === null || nps === undefined ? '—' : nps > 0 ? `+${nps}` : nps < 0 ? `−${-nps}` : '0';

/** "Nov 22, 2026" for a UTC day "2026-11-22". */
export const formatDay = (day) => longDay.format(Date.parse(`${day}T00:00:00Z`));

/** 1,234 */
export const formatCount = (n) => n.toLocaleString('en');
