/** How a CSV column writes its instants. */
export const DATE_FORMATS = ['iso', 'dd/mm/yyyy hh:mm'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const VN_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export type DateParse = { ok: true; iso: string } | { ok: false; reason: string };

/**
 * Reads an instant as a source system exported it. Vietnamese exports write local wall time as
 * `dd/mm/yyyy hh:mm` (seconds and the time optional), which becomes ISO 8601 at +07:00; `iso`
 * values must already carry their zone, because guessing one would silently shift the data.
 */
export function parseDateTime(value: string, format: DateFormat): DateParse {
  const text = value.trim();
  if (format === 'iso') {
    if (!ISO_WITH_ZONE.test(text) || Number.isNaN(Date.parse(text))) {
      return { ok: false, reason: `"${text}" is not an ISO 8601 date-time with a zone (Z or ±hh:mm)` };
    }
    return { ok: true, iso: text };
  }
  const m = VN_DATE_TIME.exec(text);
  if (!m) return { ok: false, reason: `"${text}" is not a dd/mm/yyyy hh:mm date-time` };
  const [day, month, year, hour, minute, second] = [
    m[1],
    m[2],
    m[3],
    m[4] ?? '0',
    m[5] ?? '0',
    m[6] ?? '0',
  ].map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return { ok: false, reason: `"${text}" is not a real date and time` };
  }
  return {
    ok: true,
    iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}+07:00`,
  };
}
