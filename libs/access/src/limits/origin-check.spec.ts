import { originAllowed } from './origin-check';

describe(originAllowed.name, () => {
  const allowList = ['https://ioc.dongnai.gov.vn'];

  it.each([
    ['no Origin (a non-browser client)', undefined, 'gw:3000', true],
    ['the page of the same host', 'http://gw:3000', 'gw:3000', true],
    ['the same host in other case', 'http://GW:3000', 'gw:3000', true],
    ['a listed origin', 'https://ioc.dongnai.gov.vn', 'gw:3000', true],
    ['another origin', 'https://evil.example', 'gw:3000', false],
    ['the same host on another port', 'http://gw:4000', 'gw:3000', false],
    ['a sandboxed page ("null")', 'null', 'gw:3000', false],
  ])('%s → %s', (_case, origin, host, allowed) => {
    expect(originAllowed(origin, host, allowList)).toBe(allowed);
  });

  it('allows only same-origin pages with an empty allow-list', () => {
    expect(originAllowed('https://ioc.dongnai.gov.vn', 'gw:3000', [])).toBe(false);
  });
});
