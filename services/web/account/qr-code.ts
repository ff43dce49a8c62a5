import QRCode from 'qrcode';

/**
 * A QR code as inline SVG, drawn on the server: the secret it carries never leaves for a QR
 * service or a script, and the page needs no request of its own for it.
 */
export function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
