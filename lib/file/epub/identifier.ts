// dc:identifier must stay the same when the same book is downloaded again, so readers and
// libraries (Calibre, Apple Books) treat the new file as an update of the old one, not a twin.
// A name-based UUID (RFC 4122 version 5, SHA-1 in the URL namespace) of the book's URL gives
// exactly that without storing anything.

// RFC 4122 appendix C: the namespace for names that are URLs.
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** `urn:uuid:…` derived from the URL alone; crypto.subtle exists in browsers and in Node ≥ 19. */
export async function bookIdentifier(url: string): Promise<string> {
  const name = new TextEncoder().encode(url.trim());
  const input = new Uint8Array(16 + name.length);
  input.set(hexToBytes(URL_NAMESPACE.replace(/-/g, '')), 0);
  input.set(name, 16);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', input)).slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
