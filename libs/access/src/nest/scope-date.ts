import { localDateOf } from '@libs/admin-units';

/** The local date whose map of units a scope check uses, from a request's query (or socket message). */
export type ScopeDateOf = (query: Record<string, unknown>) => string;

export const SCOPE_DATE = Symbol('SCOPE_DATE');

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The date asked about: `date`, else the end of a custom span (`to`), else today. */
export const defaultScopeDate: ScopeDateOf = (query) => {
  const asked = [query.date, query.to].find((v): v is string => typeof v === 'string' && LOCAL_DATE.test(v));
  return asked ?? localDateOf(new Date());
};
