// Which section of the options page the URL hash selects.

export const SECTIONS = ['library', 'settings', 'sources', 'diagnostics'] as const;
export type Section = (typeof SECTIONS)[number];

/** `#sources` → 'sources'; anything unknown or empty falls back to the first section. */
export function sectionFromHash(hash: string): Section {
  const name = hash.replace(/^#/, '').trim().toLowerCase();
  return (SECTIONS as readonly string[]).includes(name) ? (name as Section) : 'settings';
}

/** The section the arrow keys move to in the navigation, wrapping around at either end. */
export function adjacentSection(current: Section, step: 1 | -1): Section {
  const index = SECTIONS.indexOf(current);
  return SECTIONS[(index + step + SECTIONS.length) % SECTIONS.length]!;
}
