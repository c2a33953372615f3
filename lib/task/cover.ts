// A site's cover may be WebP (or AVIF, or anything else the browser can show) while EPUB 3.2
// readers, and epubcheck 4, accept only PNG, JPEG and GIF. Rather than lose the cover, the
// download redraws it as a JPEG in the browser that fetched it.

/** Redraws an image as a JPEG; throws when the bytes are no image the browser can decode. */
export type ImageConverter = (bytes: Uint8Array) => Promise<Uint8Array>;

/** Longer sides are scaled down to this: e-readers show covers at about 1,600 × 2,400. */
const MAX_SIDE = 2_400;
const QUALITY = 0.9;

/** The converter for a browser context (the service worker, a page): OffscreenCanvas. */
export const jpegFromImage: ImageConverter = async (bytes) => {
  // Stored and fetched bytes are never shared memory; the cast only satisfies BlobPart.
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('the browser gave no 2D canvas to draw it on');
    // JPEG has no transparency: transparent parts would turn black, so they go on white paper.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    bitmap.close();
  }
};
