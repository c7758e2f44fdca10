import type { IncomingMessage } from 'node:http';
import type { Principal } from '../principal';
import type { BodyRoute } from './body-routes';

/** Set by secureHttpApp's first middleware: the guard refuses to run on an app without it. */
export const LIMITS_APPLIED = Symbol('coc:limits-applied');
/** The body route chosen for an authenticated request; unset, no parser reads the body. */
export const BODY_ROUTE = Symbol('coc:body-route');

/** A request as the limits' middleware leaves it. */
export type LimitedRequest = IncomingMessage & {
  principal?: Principal;
  [LIMITS_APPLIED]?: true;
  [BODY_ROUTE]?: BodyRoute;
};
