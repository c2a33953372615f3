import type { SourceRule } from '../contract';

// Built-in sources are the JSON files in sources/, bundled at build time.
const files = import.meta.glob<SourceRule>('../../sources/*.json', { eager: true, import: 'default' });

export const BUILTIN_SOURCES: SourceRule[] = Object.values(files);
