import { describe, expect, it } from 'vitest';
import { reviewNote, totalReviewNote } from './underReview';

describe('under review notes', () => {
  it('says nothing when no vote waits', () => {
    expect(reviewNote(0)).toBe('');
    expect(reviewNote(undefined)).toBe('');
    expect(totalReviewNote(null)).toBe('');
  });

  it('counts the waiting votes', () => {
    expect(reviewNote(3)).toBe('另有 3 票审核中');
    expect(reviewNote(12000)).toBe('另有 12,000 票审核中');
    expect(totalReviewNote(8)).toContain('另有 8 票正在审核');
  });
});
