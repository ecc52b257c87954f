import { alertPatterns, anyOf } from '../../modules/shared/alert-patterns';

describe('alertPatterns', () => {
  it('matches key tampering as the CloudTrail management event EventBridge receives', () => {
    expect(alertPatterns()['tamper-key']).toEqual({
      source: ['aws.kms'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['kms.amazonaws.com'], eventName: ['ScheduleKeyDeletion', 'DisableKey', 'PutKeyPolicy'] },
    });
  });
});

describe('anyOf', () => {
  const [key, vault] = [alertPatterns()['tamper-key'], alertPatterns()['tamper-vault']];

  it('is the pattern itself for one alert, with no $or around it', () => {
    expect(anyOf([key])).toEqual(key);
  });

  it('is an $or of the patterns for several', () => {
    expect(anyOf([key, vault])).toEqual({ $or: [key, vault] });
  });
});
