import { formatSummary } from './summary';

describe(formatSummary.name, () => {
  it('states what was sent, how fast, and each refusal with its place and reason', () => {
    const text = formatSummary(
      {
        total: 3,
        sent: 1,
        durationMs: 500,
        rejected: [
          { index: 1, eventId: 'onestop-26734-HS2-received', reason: 'invalid_payload: payload.channel …' },
          { index: 2, reason: 'invalid_json: line 3 is not JSON' },
        ],
      },
      'kafka 127.0.0.1:9092',
      (i) => `line ${i + 1}`,
    );
    expect(text).toBe(
      [
        'sent 1 of 3 events to kafka 127.0.0.1:9092 in 0.5 s (2 events/s)',
        'rejected 2:',
        '  line 2 onestop-26734-HS2-received: invalid_payload: payload.channel …',
        '  line 3: invalid_json: line 3 is not JSON',
        '',
      ].join('\n'),
    );
  });

  it('lists at most 50 refusals', () => {
    const rejected = Array.from({ length: 60 }, (_, index) => ({ index, reason: 'r' }));
    const text = formatSummary({ total: 60, sent: 0, durationMs: 0, rejected }, 'x', String);
    expect(
      text
        .split('\n')
        .filter((l) => l.startsWith('  '))
        .at(-1),
    ).toBe('  … and 10 more');
  });
});
