import { describe, expect, it } from 'vitest';
import { photoSizes, SHOWCASE_GRID } from './photos';

describe('the photo grid', () => {
  it('tells the browser how wide a cell is', () => {
    expect(photoSizes(SHOWCASE_GRID)).toBe('(min-width: 640px) 287px, calc((100vw - 66px) / 2)');
    expect(photoSizes({ columns: 1, pageMax: 640, inset: 32 })).toBe('(min-width: 640px) 608px, calc(100vw - 32px)');
  });
});
