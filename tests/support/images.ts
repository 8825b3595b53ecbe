import sharp from 'sharp';

/**
 * Test pictures: a small JPEG made by sharp, and the same with an EXIF APP1 segment carrying a GPS
 * position (GPSLatitudeRef N, GPSLatitude 34° 3' 0"), spliced in after the SOI marker by hand.
 */
export async function plainJpeg(width = 40, height = 30): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .jpeg()
    .toBuffer();
}

export async function plainPng(): Promise<Buffer> {
  return sharp({ create: { width: 20, height: 20, channels: 3, background: { r: 20, g: 160, b: 40 } } })
    .png()
    .toBuffer();
}

/** A little-endian TIFF/EXIF block: IFD0 with a GPSInfo pointer, and a GPS IFD with a latitude. */
export function exifWithGps(): Buffer {
  const b = Buffer.alloc(80);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4); // IFD0 at 8
  b.writeUInt16LE(1, 8); // one entry
  b.writeUInt16LE(0x8825, 10); // GPSInfo
  b.writeUInt16LE(4, 12); // LONG
  b.writeUInt32LE(1, 14);
  b.writeUInt32LE(26, 18); // GPS IFD at 26
  b.writeUInt32LE(0, 22); // no next IFD
  b.writeUInt16LE(2, 26); // two GPS entries
  b.writeUInt16LE(0x0001, 28); // GPSLatitudeRef
  b.writeUInt16LE(2, 30); // ASCII
  b.writeUInt32LE(2, 32);
  b.write('N\0', 36, 'latin1');
  b.writeUInt16LE(0x0002, 40); // GPSLatitude
  b.writeUInt16LE(5, 42); // RATIONAL
  b.writeUInt32LE(3, 44);
  b.writeUInt32LE(56, 48); // values at 56
  b.writeUInt32LE(0, 52); // no next IFD
  [34, 1, 3, 1, 0, 1].forEach((v, i) => b.writeUInt32LE(v, 56 + i * 4));
  return b;
}

export async function jpegWithGps(): Promise<Buffer> {
  const jpeg = await plainJpeg();
  const tiff = exifWithGps();
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/** True when a JPEG has an APP1 segment (EXIF or XMP), found by walking its markers. */
export function hasApp1(jpeg: Buffer): boolean {
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1];
    if (marker === 0xda) return false; // start of scan: no more metadata segments
    if (marker === 0xe1) return true;
    i += 2 + jpeg.readUInt16BE(i + 2);
  }
  return false;
}
