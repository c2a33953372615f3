// A short, stable tag of a text (FNV-1a, 32 bits): legado ids and subscription fingerprints use it
// to tell texts apart, never to keep a secret.

export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0').slice(0, 7);
}
