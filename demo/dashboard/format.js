// How the dashboard writes figures and days (English, UTC days).

const longDay = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** −100…+100 with a sign, "—" without answers. A true minus sign, read as "minus". */
export const formatNps = (nps) =>
  nps === null || nps === undefined ? '—' : nps > 0 ? `+${nps}` : nps < 0 ? `−${-nps}` : '0';

/** "Nov 22, 2026" for a UTC day "2026-11-22". */
export const formatDay = (day) => longDay.format(Date.parse(`${day}T00:00:00Z`));

/** 1,234 */
export const formatCount = (n) => n.toLocaleString('en');

/** "± 6": half the width of a 95% interval, in whole points; "" without one. */
export const formatMargin = (interval) => (interval ? `± ${Math.round((interval.high - interval.low) / 2)}` : '');

/** "−12 to +34": an interval's ends. */
export const formatInterval = (interval) =>
  interval ? `${formatNps(interval.low)} to ${formatNps(interval.high)}` : '—';

/** "Nov 16 – Nov 22, 2026", or one day when `from` is `to`. */
export const formatPeriod = (from, to) => (from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`);
