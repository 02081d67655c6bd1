// What happens after a renewal payment fails: Smart-Retries-like automatic retries, then a final action.

export interface DunningSettings {
  /** Days between consecutive automatic retries after the first failure. */
  retryDelaysDays: number[];
  /** The subscription's fate when the last retry fails. */
  afterFinalFailure: 'cancel' | 'unpaid' | 'past_due';
}

export function defaultDunning(): DunningSettings {
  return { retryDelaysDays: [3, 5, 7], afterFinalFailure: 'cancel' };
}
