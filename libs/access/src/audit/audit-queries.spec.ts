import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_QUERIES, bindAuditQuery } from './audit-queries';

describe('AUDIT_QUERIES', () => {
  const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');

  it.each(Object.entries(AUDIT_QUERIES))(
    '%s is shown in the README exactly as the code runs it',
    (_, query) => {
      expect(readme).toContain('```sql\n' + query + '\n```');
    },
  );

  it('binds parameters as quoted literals and refuses a missing one', () => {
    expect(bindAuditQuery('WHERE u = {unit:String} AND d = {unit:String}', { unit: "2'6" })).toBe(
      "WHERE u = '2\\'6' AND d = '2\\'6'",
    );
    expect(() => bindAuditQuery('{day:String}', {})).toThrow('no value for the parameter day');
  });
});
