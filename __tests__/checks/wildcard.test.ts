/** IAM wildcard patterns, compiled once and reused: the cache must keep flags and patterns apart. */
import { coversAction, wildcardMatches, wildcardRegex } from '../../checks/policy';

describe('wildcardRegex', () => {
  it('matches the whole string, * as any run and ? as one character', () => {
    expect(wildcardRegex('arn:aws:iam::*:role/backup-?').test('arn:aws:iam::123456789012:role/backup-1')).toBe(true);
    expect(wildcardRegex('arn:aws:iam::*:role/backup-?').test('arn:aws:iam::123456789012:role/backup-12')).toBe(false);
    expect(wildcardRegex('kms:Decrypt').test('xkms:Decrypt')).toBe(false);
  });

  it('takes regular-expression characters literally', () => {
    expect(wildcardRegex('a.b(c)+').test('a.b(c)+')).toBe(true);
    expect(wildcardRegex('a.b(c)+').test('aXb(c)')).toBe(false);
  });

  it('keeps a case-insensitive and a case-sensitive compilation of the same pattern apart', () => {
    expect(wildcardRegex('kms:*', 'i').test('KMS:Decrypt')).toBe(true);
    expect(wildcardRegex('kms:*').test('KMS:Decrypt')).toBe(false);
    expect(wildcardRegex('kms:*', 'i').test('KMS:Decrypt')).toBe(true);
    expect(coversAction('KMS:decrypt', 'kms:Decrypt')).toBe(true);
  });

  it('returns the same compiled expression for the same pattern, stateless between tests', () => {
    const regex = wildcardRegex('backup:*');
    expect(wildcardRegex('backup:*')).toBe(regex);
    expect(regex.flags).not.toContain('g');
    expect([regex.test('backup:StartBackupJob'), regex.test('backup:StartBackupJob')]).toEqual([true, true]);
  });
});

describe('wildcardMatches', () => {
  const patterns = ['', '*', 'a', 'a*', '*a', 'a*b', 'a?', 'a?*', 'a.b*', 'arn:aws:iam::111111111111:role/x*', 'arn:aws:iam::111111111111:role/x', '(a)+*'];
  const values = ['', 'a', 'ab', 'a.b', 'aXb', 'a\nb', 'ab\r', 'a\u2028', 'b', 'A', 'arn:aws:iam::111111111111:role/x', 'arn:aws:iam::111111111111:role/xy', 'arn:aws:iam::111111111111:role/x\n', '(a)+', '(a)+z'];

  it.each(patterns)('answers as wildcardRegex for %j', (pattern) => {
    for (const value of values) expect([value, wildcardMatches(pattern, value)]).toEqual([value, wildcardRegex(pattern).test(value)]);
  });

  it('matches whole strings, a trailing * as any run on one line', () => {
    expect(wildcardMatches('arn:aws:iam::1:role/x*', 'arn:aws:iam::1:role/xy')).toBe(true);
    expect(wildcardMatches('arn:aws:iam::1:role/x*', 'arn:aws:iam::1:role/x\ny')).toBe(false);
    expect(wildcardMatches('kms:Decrypt', 'xkms:Decrypt')).toBe(false);
  });
});
