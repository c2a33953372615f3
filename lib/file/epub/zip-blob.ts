// Turning the zip into a Blob. jszip's generateAsync({ type: 'blob' }) collects the compressed
// chunks, concatenates them into one buffer and then copies that into the Blob: three copies of
// the output alive at the peak. Streaming the chunks straight into `new Blob(chunks)` keeps two,
// and the browser may move a large Blob out of the renderer's heap (to disk) right away.
import type JSZip from 'jszip';

export interface ZipToBlobOptions {
  mimeType: string;
  /** zlib level: 6 is zlib's own default, most of the gain of 9 for much less time. */
  level: number;
}

export function zipToBlob(zip: JSZip, options: ZipToBlobOptions): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    zip
      .generateInternalStream({
        type: 'uint8array',
        compression: 'DEFLATE',
        compressionOptions: { level: options.level },
        // Keep the sizes in the local headers (no data descriptors): the simplest layout, which
        // every reader and epubcheck handle, and the one that keeps `mimetype` at a fixed offset.
        streamFiles: false,
      })
      .on('data', (chunk) => chunks.push(chunk as Uint8Array<ArrayBuffer>))
      .on('error', reject)
      .on('end', () => resolve(new Blob(chunks, { type: options.mimeType })))
      .resume();
  });
}
