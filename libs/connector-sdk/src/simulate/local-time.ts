import { LOCAL_UTC_OFFSET_MS as LOCAL_OFFSET_MS } from '@libs/admin-units';
/**
 * Vietnam's civil time (Asia/Ho_Chi_Minh) is UTC+7 without daylight saving, so local days and office
 * hours are plain arithmetic on epoch milliseconds. Public holidays are not modelled.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Office hours of a working day, in ms after local midnight: 07:30–11:30 and 13:30–17:00. */
const MORNING_START = 7.5 * HOUR_MS;
const MORNING_MS = 4 * HOUR_MS;
const AFTERNOON_START = 13.5 * HOUR_MS;
const AFTERNOON_END = 17 * HOUR_MS;
/** Office milliseconds in one working day. */
export const OFFICE_DAY_MS = MORNING_MS + (AFTERNOON_END - AFTERNOON_START);

/** Local day number: days since 1970-01-01 in local time. */
export function localDayOf(ms: number): number {
  return Math.floor((ms + LOCAL_OFFSET_MS) / DAY_MS);
}

export function localMidnight(day: number): number {
  return day * DAY_MS - LOCAL_OFFSET_MS;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWorkingDay(day: number): boolean {
  const w = weekdayOf(day);
  return w >= 1 && w <= 5;
}

/** Local calendar parts of an instant. */
export function localParts(ms: number): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
} {
  const d = new Date(ms + LOCAL_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** ISO 8601 with the local offset, to the second: 2026-11-23T08:15:00+07:00. */
export function toLocalIso(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000 + LOCAL_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** Compact local stamp for ids: 20261123, or 202611230815 with minutes. */
export function localStamp(ms: number, withTime = false): string {
  const iso = new Date(ms + LOCAL_OFFSET_MS).toISOString();
  const date = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
  return withTime ? `${date}${iso.slice(11, 13)}${iso.slice(14, 16)}` : date;
}

// Office time as one line: working day number × OFFICE_DAY_MS + office ms into that day. Adding
// working time is then addition, and a due date is a working-day count away.
const EPOCH_MONDAY = 4; // 1970-01-05

/** Working days between the epoch Monday and `day`; a weekend day counts as the following Monday. */
function workingDayIndex(day: number): number {
  const k = day - EPOCH_MONDAY;
  const weeks = Math.floor(k / 7);
  return weeks * 5 + Math.min(((k % 7) + 7) % 7, 5);
}

function dayOfWorkingIndex(index: number): number {
  return EPOCH_MONDAY + Math.floor(index / 5) * 7 + (((index % 5) + 5) % 5);
}

/** The office-time position of an instant, moved forward to the next office moment if outside. */
export function officeIndexOf(ms: number): number {
  const day = localDayOf(ms);
  const w = workingDayIndex(day);
  if (!isWorkingDay(day)) return w * OFFICE_DAY_MS;
  const t = ms - localMidnight(day);
  if (t < MORNING_START) return w * OFFICE_DAY_MS;
  if (t < MORNING_START + MORNING_MS) return w * OFFICE_DAY_MS + (t - MORNING_START);
  if (t < AFTERNOON_START) return w * OFFICE_DAY_MS + MORNING_MS;
  if (t < AFTERNOON_END) return w * OFFICE_DAY_MS + MORNING_MS + (t - AFTERNOON_START);
  return (w + 1) * OFFICE_DAY_MS;
}

/** The instant at an office-time position. */
export function instantOfOfficeIndex(index: number): number {
  const w = Math.floor(index / OFFICE_DAY_MS);
  const into = index - w * OFFICE_DAY_MS;
  const midnight = localMidnight(dayOfWorkingIndex(w));
  return into < MORNING_MS
    ? midnight + MORNING_START + into
    : midnight + AFTERNOON_START + (into - MORNING_MS);
}

/** `officeMs` of working time after `ms` (which is first moved into office hours). */
export function addOfficeTime(ms: number, officeMs: number): number {
  return instantOfOfficeIndex(officeIndexOf(ms) + officeMs);
}

/** 17:00 on the working day `workingDays` after the one holding `ms` (0 = the same day). */
export function dueAfterWorkingDays(ms: number, workingDays: number): number {
  const w = Math.floor(officeIndexOf(ms) / OFFICE_DAY_MS) + workingDays;
  return localMidnight(dayOfWorkingIndex(w)) + AFTERNOON_END;
}

/** A uniformly random office moment of a working day, given a uniform draw u in [0, 1). */
export function officeMomentOf(day: number, u: number): number {
  return instantOfOfficeIndex(workingDayIndex(day) * OFFICE_DAY_MS + Math.floor(u * OFFICE_DAY_MS));
}

export function isOfficeHours(ms: number): boolean {
  const day = localDayOf(ms);
  if (!isWorkingDay(day)) return false;
  const t = ms - localMidnight(day);
  return (
    (t >= MORNING_START && t <= MORNING_START + MORNING_MS) || (t >= AFTERNOON_START && t <= AFTERNOON_END)
  );
}
