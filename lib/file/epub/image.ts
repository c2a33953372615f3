// The cover's URL says nothing reliable about its format (sites serve PNG as `.jpg`, or images
// from scripts with no extension), and a wrong media-type fails epubcheck and some readers.
// So the bytes decide; anything not recognised is left out rather than shipped mislabelled.

export interface ImageType {
  mediaType: string;
  extension: string;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0));

/** The image type from its magic number, or undefined when it is not PNG, JPEG, GIF or WebP. */
export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mediaType: 'image/png', extension: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', extension: 'jpg' };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')))
    return { mediaType: 'image/gif', extension: 'gif' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
    return { mediaType: 'image/webp', extension: 'webp' };
  return undefined;
}

/**
 * The image's type when it is one every EPUB 3.2 reader must show (PNG, JPEG, GIF). WebP only
 * became a core type in EPUB 3.3; epubcheck 4 and older readers reject it without a fallback
 * image, so the download redraws such a cover as a JPEG (lib/task/cover.ts).
 */
export function epubCoreImage(bytes: Uint8Array): ImageType | undefined {
  const type = sniffImage(bytes);
  return type?.mediaType === 'image/webp' ? undefined : type;
}
