/**
 * The event pattern matcher of the alert proofs (security/event-pattern.ts), each filter on the
 * smallest events, on both sides: what matches, what does not, and the patterns it refuses.
 */
import { matchesPattern } from '../../../security/event-pattern';

describe('matchesPattern', () => {
  it('matches a field equal to one of its values, strictly', () => {
    expect(matchesPattern({ source: ['aws.kms', 'aws.backup'] }, { source: 'aws.backup' })).toBe(true);
    expect(matchesPattern({ source: ['aws.kms'] }, { source: 'aws.backup' })).toBe(false);
    expect(matchesPattern({ n: [1] }, { n: '1' })).toBe(false);
    expect(matchesPattern({ n: [1] }, { n: 1 })).toBe(true);
  });

  it('matches an array field when any element matches', () => {
    expect(matchesPattern({ resources: ['b'] }, { resources: ['a', 'b'] })).toBe(true);
    expect(matchesPattern({ resources: ['c'] }, { resources: ['a', 'b'] })).toBe(false);
    expect(matchesPattern({ resources: ['a'] }, { resources: [] })).toBe(false);
  });

  it('needs every field of the pattern to match', () => {
    expect(matchesPattern({ a: ['x'], b: ['y'] }, { a: 'x', b: 'y' })).toBe(true);
    expect(matchesPattern({ a: ['x'], b: ['y'] }, { a: 'x', b: 'z' })).toBe(false);
    expect(matchesPattern({ a: ['x'], b: ['y'] }, { a: 'z', b: 'y' })).toBe(false);
    expect(matchesPattern({ a: ['x'] }, {})).toBe(false);
    expect(matchesPattern({}, { a: 'x' })).toBe(true);
  });

  it('matches nested patterns field by field, and only against an object', () => {
    const pattern = { detail: { eventName: ['DeleteBackupVault'] } };
    expect(matchesPattern(pattern, { detail: { eventName: 'DeleteBackupVault' } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { eventName: 'CreateBackupVault' } })).toBe(false);
    expect(matchesPattern(pattern, { detail: 'DeleteBackupVault' })).toBe(false);
    expect(matchesPattern(pattern, {})).toBe(false);
    // An array is no object: its index is no field.
    expect(matchesPattern({ detail: { 0: ['x'] } }, { detail: ['x'] })).toBe(false);
    expect(matchesPattern({ 0: ['x'] }, ['x'])).toBe(false);
    expect(matchesPattern({ a: ['x'] }, null)).toBe(false);
    expect(matchesPattern({ a: ['x'] }, 'x')).toBe(false);
  });

  it('matches $or when any of its patterns does', () => {
    const pattern = { $or: [{ a: ['x'] }, { b: ['y'] }] };
    expect(matchesPattern(pattern, { a: 'x' })).toBe(true);
    expect(matchesPattern(pattern, { b: 'y' })).toBe(true);
    expect(matchesPattern(pattern, { a: 'y', b: 'x' })).toBe(false);
    expect(matchesPattern({ source: ['aws.kms'], $or: [{ a: ['x'] }] }, { source: 'aws.backup', a: 'x' })).toBe(false);
  });

  it('refuses an $or that is not an array, and a field that is neither values nor a pattern', () => {
    expect(() => matchesPattern({ $or: { a: ['x'] } }, { a: 'x' })).toThrow(new Error('$or takes an array of patterns'));
    expect(() => matchesPattern({ source: 'aws.kms' }, { source: 'aws.kms' })).toThrow(new Error('pattern field source: expected an array of values or a nested pattern'));
    expect(() => matchesPattern({ source: null }, { source: null })).toThrow(new Error('pattern field source: expected an array of values or a nested pattern'));
  });
});

describe('filters', () => {
  it('exists: true for a present field only, false for an absent one only', () => {
    expect(matchesPattern({ a: [{ exists: true }] }, { a: 'x' })).toBe(true);
    expect(matchesPattern({ a: [{ exists: true }] }, { b: 'x' })).toBe(false);
    expect(matchesPattern({ a: [{ exists: false }] }, { b: 'x' })).toBe(true);
    expect(matchesPattern({ a: [{ exists: false }] }, { a: 'x' })).toBe(false);
  });

  it('prefix: a string value that starts with it', () => {
    expect(matchesPattern({ a: [{ prefix: 'Delete' }] }, { a: 'DeleteBackupVault' })).toBe(true);
    expect(matchesPattern({ a: [{ prefix: 'Delete' }] }, { a: 'UndeleteX' })).toBe(false);
    expect(matchesPattern({ a: [{ prefix: 'Delete' }] }, { a: ['Create', 'DeleteX'] })).toBe(true);
    expect(matchesPattern({ a: [{ prefix: '5' }] }, { a: 5 })).toBe(false);
    expect(matchesPattern({ a: [{ prefix: 'x' }] }, {})).toBe(false);
    // An absent field has no value, not even one every string starts with.
    expect(matchesPattern({ a: [{ prefix: '' }] }, {})).toBe(false);
    expect(matchesPattern({ a: [{ prefix: '' }] }, { a: 'x' })).toBe(true);
  });

  it('anything-but: a present field none of whose values is excluded', () => {
    expect(matchesPattern({ a: [{ 'anything-but': 'x' }] }, { a: 'y' })).toBe(true);
    expect(matchesPattern({ a: [{ 'anything-but': 'x' }] }, { a: 'x' })).toBe(false);
    expect(matchesPattern({ a: [{ 'anything-but': ['x', 'z'] }] }, { a: 'z' })).toBe(false);
    expect(matchesPattern({ a: [{ 'anything-but': ['x', 'z'] }] }, { a: 'y' })).toBe(true);
    expect(matchesPattern({ a: [{ 'anything-but': ['x'] }] }, { a: ['y', 'x'] })).toBe(false);
    expect(matchesPattern({ a: [{ 'anything-but': ['x'] }] }, { a: ['y', 'w'] })).toBe(true);
    expect(matchesPattern({ a: [{ 'anything-but': 'x' }] }, {})).toBe(false);
  });

  it('a value list mixing values and filters matches when any one does', () => {
    expect(matchesPattern({ a: ['x', { prefix: 'y' }] }, { a: 'yes' })).toBe(true);
    expect(matchesPattern({ a: [{ prefix: 'y' }, 'x'] }, { a: 'x' })).toBe(true);
    expect(matchesPattern({ a: [{ prefix: 'y' }, 'x'] }, { a: 'z' })).toBe(false);
  });

  it('refuses a filter it does not implement, and an empty one', () => {
    expect(() => matchesPattern({ a: [{ suffix: 'x' }] }, { a: 'x' })).toThrow(new Error('filter {"suffix":"x"} is not one this matcher implements'));
    expect(() => matchesPattern({ a: [{}] }, { a: 'x' })).toThrow(new Error('filter {} is not one this matcher implements'));
  });
});
