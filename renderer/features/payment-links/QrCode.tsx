/**
 * A QR code of a payment link, drawn in the page (no network): the client scans it with
 * their phone at the desk and pays there.
 */
import { useEffect, useState } from 'react';
import { toDataURL } from 'qrcode';
import { useT } from '../../app/language.js';

export function QrCode({ text, label, size = 220 }: { text: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  const { t } = useT();
  useEffect(() => {
    let live = true;
    toDataURL(text, { margin: 1, width: size * 2 }).then((url) => { if (live) setSrc(url); }, () => { if (live) setSrc(null); });
    return () => { live = false; };
  }, [text, size]);
  return src ? <img src={src} width={size} height={size} alt={label} className="qr-code" data-testid="qr-code" /> : <p role="status">{t('linkUi.qrDrawing')}</p>;
}
