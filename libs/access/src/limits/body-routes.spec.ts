import { bodyRouteFor, bodyTooLargeMessage, isJsonType, mediaTypeOf, type BodyRoute } from './body-routes';

describe(bodyRouteFor.name, () => {
  const fallback: BodyRoute = {
    path: '/',
    parse: 'json',
    limitBytes: 65_536,
    limitVariable: 'COC_HTTP_MAX_BODY_BYTES',
  };
  const events: BodyRoute = { path: '/api/v1/events', parse: 'json', limitBytes: 5, limitVariable: 'X' };
  const upload: BodyRoute = { path: '/api/v1/admin/reference', parse: 'stream' };
  const routes = [events, upload];

  it.each([
    ['/api/v1/events', events],
    ['/api/v1/admin/reference/units', upload],
    ['/api/v1/eventsX', fallback],
    ['/api/v1/access/token', fallback],
  ])('%s → its route', (path, expected) => {
    expect(bodyRouteFor(path, routes, fallback)).toBe(expected);
  });

  it('prefers the most specific prefix', () => {
    const inner: BodyRoute = { path: '/api/v1/events/big', parse: 'stream' };
    expect(bodyRouteFor('/api/v1/events/big', [events, inner], fallback)).toBe(inner);
  });
});

describe('media types', () => {
  it.each([
    ['application/json; charset=utf-8', true],
    ['Application/JSON', true],
    ['application/problem+json', true],
    ['application/x-ndjson', false],
    [undefined, false],
  ])('%s is JSON: %s', (header, json) => {
    expect(isJsonType(mediaTypeOf(header))).toBe(json);
  });

  it('names the limit and its variable in the 413 message', () => {
    expect(
      bodyTooLargeMessage({
        path: '/',
        parse: 'json',
        limitBytes: 5_242_880,
        limitVariable: 'INGEST_HTTP_MAX_BODY_BYTES',
      }),
    ).toBe(
      'the request body exceeds INGEST_HTTP_MAX_BODY_BYTES (5242880 bytes); split it into smaller requests',
    );
  });
});
