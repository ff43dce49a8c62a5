import QRCode from 'qrcode';

/**
 * A QR code as inline SVG, drawn on the server: the secret it carries never leaves for a QR
 * service or a script, and the page needs no request of its own for it.
 */
export async function qrCodeSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  // A fixed size (a phone's camera needs no more), and a name for screen readers (the key is written out under it).
  return svg.replace('<svg ', '<svg role="img" aria-label="Kod QR logowania dwuetapowego" width="220" height="220" ');
}
