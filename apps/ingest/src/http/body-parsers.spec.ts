import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyTooLargeHandler } from './body-parsers';

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

describe(bodyTooLargeHandler.name, () => {
  const sut = bodyTooLargeHandler(5_242_880);
  const req = {} as IncomingMessage;

  it('answers 413 as JSON naming the limit and its variable', () => {
    const { res, headers, body } = fakeResponse();
    const next = jest.fn();
    sut({ type: 'entity.too.large', status: 413 }, req, res as unknown as ServerResponse, next);
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
    sut(error, req, res as unknown as ServerResponse, next);
    expect(next).toHaveBeenCalledWith(error);
    expect(res.statusCode).toBe(200);
  });
});
