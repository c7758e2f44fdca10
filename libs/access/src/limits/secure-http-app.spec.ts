import type { ServerResponse } from 'node:http';
import { bodyTooLarge } from './secure-http-app';
import { BODY_ROUTE, type LimitedRequest } from './request-marks';

function fakeResponse() {
  const headers: Record<string, string> = {};
  let body = '';
  const res = {
    statusCode: 200,
    setHeader: (name: string, value: string) => (headers[name] = value),
    end: (text: string) => (body = text),
  };
  return { res, headers, body: () => body };
}

describe(bodyTooLarge.name, () => {
  const request = {
    [BODY_ROUTE]: {
      path: '/api/v1/events',
      parse: 'json',
      limitBytes: 5_242_880,
      limitVariable: 'INGEST_HTTP_MAX_BODY_BYTES',
    },
  } as LimitedRequest;

  it('answers 413 as JSON naming the route’s limit and its variable', () => {
    const { res, headers, body } = fakeResponse();
    const next = jest.fn();
    bodyTooLarge({ type: 'entity.too.large', status: 413 }, request, res as unknown as ServerResponse, next);
    expect(next).not.toHaveBeenCalled();
    expect(res.statusCode).toBe(413);
    expect(headers['Content-Type']).toContain('application/json');
    expect(JSON.parse(body())).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: expect.stringContaining('INGEST_HTTP_MAX_BODY_BYTES (5242880 bytes)'),
    });
  });

  it('hands every other error on', () => {
    const { res } = fakeResponse();
    const next = jest.fn();
    const error = Object.assign(new SyntaxError('bad json'), { type: 'entity.parse.failed' });
    bodyTooLarge(error, request, res as unknown as ServerResponse, next);
    expect(next).toHaveBeenCalledWith(error);
    expect(res.statusCode).toBe(200);
  });
});
