/**
 * Every limit of the validator on both sides: the value at the limit is accepted, the value one
 * past it is refused at the path of the value. A limit moved by one (cold storage + 89 days, a
 * 51-character plan name, a copy retention of the lock minimum minus one, rate(59 minutes)) fails here.
 */
import { problemsOf } from './support/config-draft';

type Draft = any;

const rule = (c: Draft, p: number, r: number) => c.policies[p].rules[r];
/** Every copy kept `days`, so that a change of the lock bounds leaves them inside. */
const copiesKept = (c: Draft, days: number) => c.policies.forEach((p: Draft) => p.rules.forEach((r: Draft) => (r.copyToBackupAccount.deleteAfterDays = days)));
const chars = (n: number, c = 'a') => c.repeat(n);
const extraPolicies = (c: Draft, n: number) => {
  for (let i = 0; i < n; i++) c.policies.push({ ...structuredClone(c.policies[0]), name: `extra${i}` });
};

/** [limit, change at the limit, change one past it, path of the refused value] */
const LIMITS: [string, (c: Draft) => void, (c: Draft) => void, string][] = [
  ['lifecycle: deleteAfterDays >= cold + 90', (c) => (rule(c, 1, 1).lifecycle.deleteAfterDays = 120), (c) => (rule(c, 1, 1).lifecycle.deleteAfterDays = 119), 'policies[1].rules[1].lifecycle.deleteAfterDays'],
  [
    'copy lifecycle: deleteAfterDays >= cold + 90',
    (c) => (rule(c, 0, 0).copyToBackupAccount = { moveToColdStorageAfterDays: 10, deleteAfterDays: 100 }),
    (c) => (rule(c, 0, 0).copyToBackupAccount = { moveToColdStorageAfterDays: 10, deleteAfterDays: 99 }),
    'policies[0].rules[0].copyToBackupAccount.deleteAfterDays',
  ],
  ['lifecycle: deleteAfterDays >= 1', (c) => (rule(c, 0, 0).lifecycle.deleteAfterDays = 1), (c) => (rule(c, 0, 0).lifecycle.deleteAfterDays = 0), 'policies[0].rules[0].lifecycle.deleteAfterDays'],
  ['lifecycle: deleteAfterDays <= 36500', (c) => (rule(c, 0, 0).lifecycle.deleteAfterDays = 36_500), (c) => (rule(c, 0, 0).lifecycle.deleteAfterDays = 36_501), 'policies[0].rules[0].lifecycle.deleteAfterDays'],
  [
    'lifecycle: moveToColdStorageAfterDays >= 1',
    (c) => (rule(c, 1, 1).lifecycle.moveToColdStorageAfterDays = 1),
    (c) => (rule(c, 1, 1).lifecycle.moveToColdStorageAfterDays = 0),
    'policies[1].rules[1].lifecycle.moveToColdStorageAfterDays',
  ],
  [
    'lifecycle: moveToColdStorageAfterDays <= 36500',
    (c) => Object.assign(rule(c, 1, 1).lifecycle, { moveToColdStorageAfterDays: 36_500 - 90, deleteAfterDays: 36_500 }),
    (c) => Object.assign(rule(c, 1, 1).lifecycle, { moveToColdStorageAfterDays: 36_501, deleteAfterDays: 36_500 }),
    'policies[1].rules[1].lifecycle.moveToColdStorageAfterDays',
  ],
  ['copy retention >= lock minimum', (c) => (rule(c, 0, 0).copyToBackupAccount.deleteAfterDays = 7), (c) => (rule(c, 0, 0).copyToBackupAccount.deleteAfterDays = 6), 'policies[0].rules[0].copyToBackupAccount.deleteAfterDays'],
  ['copy retention <= lock maximum', (c) => (rule(c, 0, 0).copyToBackupAccount.deleteAfterDays = 3650), (c) => (rule(c, 0, 0).copyToBackupAccount.deleteAfterDays = 3651), 'policies[0].rules[0].copyToBackupAccount.deleteAfterDays'],
  [
    'vault lock: maximum > minimum',
    (c) => (copiesKept(c, 101), Object.assign(c.backupAccount.vaultLock, { minRetentionDays: 100, maxRetentionDays: 101 })),
    (c) => (copiesKept(c, 100), Object.assign(c.backupAccount.vaultLock, { minRetentionDays: 100, maxRetentionDays: 100 })),
    'backupAccount.vaultLock.maxRetentionDays',
  ],
  ['vault lock: minimum >= 1', (c) => (c.backupAccount.vaultLock.minRetentionDays = 1), (c) => (c.backupAccount.vaultLock.minRetentionDays = 0), 'backupAccount.vaultLock.minRetentionDays'],
  ['vault lock: maximum <= 36500', (c) => (c.backupAccount.vaultLock.maxRetentionDays = 36_500), (c) => (c.backupAccount.vaultLock.maxRetentionDays = 36_501), 'backupAccount.vaultLock.maxRetentionDays'],
  [
    'vault lock: changeableForDays >= 3',
    (c) => Object.assign(c.backupAccount.vaultLock, { mode: 'compliance', changeableForDays: 3 }),
    (c) => Object.assign(c.backupAccount.vaultLock, { mode: 'compliance', changeableForDays: 2 }),
    'backupAccount.vaultLock.changeableForDays',
  ],
  ['rate: at most once an hour', (c) => (rule(c, 0, 0).schedule = 'rate(60 minutes)'), (c) => (rule(c, 0, 0).schedule = 'rate(59 minutes)'), 'policies[0].rules[0].schedule'],
  ['rate: value >= 1', (c) => (rule(c, 0, 0).schedule = 'rate(1 day)'), (c) => (rule(c, 0, 0).schedule = 'rate(0 days)'), 'policies[0].rules[0].schedule'],
  ['cron: one minute value an hour', (c) => (rule(c, 0, 0).schedule = 'cron(59 17 ? * * *)'), (c) => (rule(c, 0, 0).schedule = 'cron(0,59 17 ? * * *)'), 'policies[0].rules[0].schedule'],
  ['cron: minutes 0-59', (c) => (rule(c, 0, 0).schedule = 'cron(59 23 ? * * *)'), (c) => (rule(c, 0, 0).schedule = 'cron(60 23 ? * * *)'), 'policies[0].rules[0].schedule'],
  ['cron: hours 0-23', (c) => (rule(c, 0, 0).schedule = 'cron(0 23 ? * * *)'), (c) => (rule(c, 0, 0).schedule = 'cron(0 24 ? * * *)'), 'policies[0].rules[0].schedule'],
  ['cron: day-of-month 1-31', (c) => (rule(c, 0, 0).schedule = 'cron(0 1 31 * ? *)'), (c) => (rule(c, 0, 0).schedule = 'cron(0 1 32 * ? *)'), 'policies[0].rules[0].schedule'],
  ['cron: day-of-month from 1', (c) => (rule(c, 0, 0).schedule = 'cron(0 1 1 * ? *)'), (c) => (rule(c, 0, 0).schedule = 'cron(0 1 0 * ? *)'), 'policies[0].rules[0].schedule'],
  ['cron: month 1-12', (c) => (rule(c, 0, 0).schedule = 'cron(0 1 1 12 ? *)'), (c) => (rule(c, 0, 0).schedule = 'cron(0 1 1 13 ? *)'), 'policies[0].rules[0].schedule'],
  ['cron: day-of-week 1-7', (c) => (rule(c, 0, 0).schedule = 'cron(0 1 ? * 7 *)'), (c) => (rule(c, 0, 0).schedule = 'cron(0 1 ? * 8 *)'), 'policies[0].rules[0].schedule'],
  ['cron: year 1970-2199', (c) => (rule(c, 0, 0).schedule = 'cron(0 1 ? * * 2199)'), (c) => (rule(c, 0, 0).schedule = 'cron(0 1 ? * * 2200)'), 'policies[0].rules[0].schedule'],
  ['cron: year from 1970', (c) => (rule(c, 0, 0).schedule = 'cron(0 1 ? * * 1970)'), (c) => (rule(c, 0, 0).schedule = 'cron(0 1 ? * * 1969)'), 'policies[0].rules[0].schedule'],
  ['cron: #1-5', (c) => (rule(c, 0, 0).schedule = 'cron(0 1 ? * 2#5 *)'), (c) => (rule(c, 0, 0).schedule = 'cron(0 1 ? * 2#6 *)'), 'policies[0].rules[0].schedule'],
  ['start window >= 60', (c) => (rule(c, 0, 0).startWindowMinutes = 60), (c) => (rule(c, 0, 0).startWindowMinutes = 59), 'policies[0].rules[0].startWindowMinutes'],
  ['completion window > start window', (c) => (rule(c, 0, 0).completionWindowMinutes = 61), (c) => (rule(c, 0, 0).completionWindowMinutes = 60), 'policies[0].rules[0].completionWindowMinutes'],
  [
    'completion window <= 52560000',
    (c) => (rule(c, 0, 0).completionWindowMinutes = 52_560_000),
    (c) => (rule(c, 0, 0).completionWindowMinutes = 52_560_001),
    'policies[0].rules[0].completionWindowMinutes',
  ],
  [
    'start window <= 52560000',
    (c) => Object.assign(rule(c, 0, 0), { startWindowMinutes: 52_559_999, completionWindowMinutes: 52_560_000 }),
    (c) => Object.assign(rule(c, 0, 0), { startWindowMinutes: 52_560_001, completionWindowMinutes: 52_560_000 }),
    'policies[0].rules[0].startWindowMinutes',
  ],
  ['plan name <policy>-<region> <= 50 characters', (c) => (c.policies[0].name = chars(35)), (c) => (c.policies[0].name = chars(36)), 'policies[0].name'],
  ['policies per target <= 10', (c) => extraPolicies(c, 9), (c) => extraPolicies(c, 10), 'policies[11].targets[0]'],
  ['tags <= 50', (c) => (c.tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']))), (c) => (c.tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']))), 'tags'],
  ['tag key <= 128 characters', (c) => (c.tags = { [chars(128, 'k')]: 'v' }), (c) => (c.tags = { [chars(129, 'k')]: 'v' }), `tags.${chars(129, 'k')}`],
  ['tag value <= 256 characters', (c) => (c.tags = { k: chars(256, 'v') }), (c) => (c.tags = { k: chars(257, 'v') }), 'tags.k'],
  ['vault name >= 2 characters', (c) => (c.backupAccount.vaultName = 'ab'), (c) => (c.backupAccount.vaultName = 'a'), 'backupAccount.vaultName'],
  ['vault name <= 50 characters', (c) => (c.sourceVaultName = chars(50)), (c) => (c.sourceVaultName = chars(51)), 'sourceVaultName'],
  ['rule name <= 50 characters', (c) => (rule(c, 0, 0).name = chars(50)), (c) => (rule(c, 0, 0).name = chars(51)), 'policies[0].rules[0].name'],
  ['IAM role name <= 64 characters', (c) => (c.backupRoleName = chars(64)), (c) => (c.backupRoleName = chars(65)), 'backupRoleName'],
  ['stack name <= 49 characters', (c) => (c.sourceAccounts[0].name = chars(49)), (c) => (c.sourceAccounts[0].name = chars(50)), 'sourceAccounts[0].name'],
  ['organization id >= 10 characters after o-', (c) => (c.organization.id = `o-${chars(10)}`), (c) => (c.organization.id = `o-${chars(9)}`), 'organization.id'],
  ['organization id <= 32 characters after o-', (c) => (c.organization.id = `o-${chars(32)}`), (c) => (c.organization.id = `o-${chars(33)}`), 'organization.id'],
  ['state bucket >= 3 characters', (c) => (c.state.bucket = 'abc'), (c) => (c.state.bucket = 'ab'), 'state.bucket'],
  ['state bucket <= 63 characters', (c) => (c.state.bucket = chars(63)), (c) => (c.state.bucket = chars(64)), 'state.bucket'],
];

describe('validator limits, on both sides', () => {
  it.each(LIMITS.map(([limit, at, , where]) => [limit, at, where] as const))('%s: the value at the limit is accepted', (_limit, at, where) => {
    expect(problemsOf(at).filter((p) => p.startsWith(where))).toEqual([]);
    expect(problemsOf(at)).toEqual([]);
  });

  it.each(LIMITS.map(([limit, , past, where]) => [limit, past, where] as const))('%s: one past the limit is refused there', (_limit, past, where) => {
    const problems = problemsOf(past);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${where.replace(/[.[\]]/g, '\\$&')}[ :]`))]);
  });
});
