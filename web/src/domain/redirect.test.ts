import { describe, expect, it } from 'vitest';
import { safeRedirect } from './redirect';

describe('safeRedirect', () => {
  it('keeps a path of this site', () => {
    expect(safeRedirect('/c/1/candidates/12?x=1', '/')).toBe('/c/1/candidates/12?x=1');
    expect(safeRedirect(['/c/1/results'], '/')).toBe('/c/1/results');
  });

  it('refuses other sites and junk', () => {
    for (const bad of ['https://evil.example/', '//evil.example', '/\\evil.example', 'c/1', '', undefined, null, 42]) {
      expect(safeRedirect(bad, '/c/1')).toBe('/c/1');
    }
  });
});
