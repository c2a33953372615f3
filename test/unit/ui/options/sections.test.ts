import { describe, expect, it } from 'vitest';
import { adjacentSection, sectionFromHash } from '../../../../lib/ui/options/sections';

describe('sections', () => {
  it('reads the section from the hash, defaulting to settings', () => {
    expect(sectionFromHash('#sources')).toBe('sources');
    expect(sectionFromHash('#Diagnostics')).toBe('diagnostics');
    expect(sectionFromHash('')).toBe('settings');
    expect(sectionFromHash('#nope')).toBe('settings');
    expect(sectionFromHash('#library')).toBe('library');
  });

  it('moves along the navigation, wrapping around', () => {
    expect(adjacentSection('settings', 1)).toBe('sources');
    expect(adjacentSection('diagnostics', 1)).toBe('library');
    expect(adjacentSection('library', -1)).toBe('diagnostics');
    expect(adjacentSection('settings', -1)).toBe('library');
  });
});
