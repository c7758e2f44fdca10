import { readFileSync } from 'node:fs';
import type { RegisteredRoute } from './route-table';
import { bearer, type TestKey } from './test-keys';

const MAPPED = /Mapped \{([^,}]+), (GET|POST|PUT|PATCH|DELETE)\} route/g;

/** Every route Nest mapped in a built app, read from its start-up log (the router's own lines). */
export function mappedRoutes(logFile: string): RegisteredRoute[] {
  return [...readFileSync(logFile, 'utf8').matchAll(MAPPED)].map(([, path, method]) => ({ method, path }));
}

export interface RouteWalk {
  url: string;
  /** The path with its parameters filled in, inside the insiders' scope. */
  concrete(path: string): string;
  /** A credential the route must refuse: outside its scope, or of a role it does not admit. */
  outsider(route: RegisteredRoute): TestKey;
  /** Credentials of which at least one must pass the route's guard (a route without a policy passes none). */
  insiders: readonly TestKey[];
}

/**
 * Calls every route without a credential, with an outsider's and with the insiders'. Each route
 * that is not open must answer 401 anonymously and 403 to the outsider, and let an insider past the
 * guard. Returns the routes open to anonymous callers, for the caller to compare with its public list.
 */
export async function walkRoutes(routes: readonly RegisteredRoute[], walk: RouteWalk): Promise<string[]> {
  const call = async (method: string, path: string, key?: TestKey) => {
    const res = await fetch(`${walk.url}${walk.concrete(path)}`, {
      method,
      headers: key ? bearer(key.secret) : {},
    });
    return { status: res.status, text: await res.text() };
  };
  const open: string[] = [];
  for (const route of routes) {
    const name = `${route.method} ${route.path}`;
    if ((await call(route.method, route.path)).status !== 401) {
      open.push(name);
      continue;
    }
    const refused = await call(route.method, route.path, walk.outsider(route));
    expect({ route: name, status: refused.status }).toEqual({ route: name, status: 403 });
    const passed: string[] = [];
    for (const insider of walk.insiders) {
      const answer = await call(route.method, route.path, insider);
      if (![401, 403].includes(answer.status)) passed.push(insider.id);
      expect(answer.text).not.toContain('declares no access policy');
    }
    expect({ route: name, passedBy: passed.length > 0 }).toEqual({ route: name, passedBy: true });
  }
  return open;
}
