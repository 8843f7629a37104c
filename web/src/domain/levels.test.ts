import { describe, expect, it } from 'vitest';
import { groupShortName, levelName } from './levels';

describe('levels', () => {
  it('names levels in Chinese', () => {
    expect(levelName('community')).toBe('社区');
    expect(levelName('street')).toBe('街道');
    expect(levelName('unknown')).toBe('unknown');
  });

  it('shortens group names from their levels', () => {
    expect(groupShortName({ name: '镇(街道)党(工)委书记组', levels: ['town', 'street'] })).toBe('镇(街道)组');
    expect(groupShortName({ name: '村(社区)党组织书记组', levels: ['village', 'community'] })).toBe('村(社区)组');
    expect(groupShortName({ name: '村党组织书记组', levels: ['village'] })).toBe('村组');
    expect(groupShortName({ name: '其他组', levels: [] })).toBe('其他组');
  });
});
