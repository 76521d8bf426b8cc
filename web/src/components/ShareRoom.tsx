import { useEffect, useState } from "react";

/** The room's tag address as a QR code, for a friend at the table; the encoder loads only when this shows. */
export function ShareRoom({ code }: { code: string }) {
  const url = `${window.location.origin}/p/${encodeURIComponent(code)}`;
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    import("qrcode")
      .then((qr) => qr.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#2a211b", light: "#fffaf3" } }))
      .then((text) => !cancelled && setSvg(text), () => {});
    return () => {
      cancelled = true;
    };
  }, [url]);
  return (
    <section className="card stack share" aria-labelledby="share-title">
      <h2 id="share-title">Bring someone in</h2>
      <div className="share-body">
        {svg && <div className="qr" role="img" aria-label={`QR code for ${url}`} dangerouslySetInnerHTML={{ __html: svg }} />}
        <p className="small muted">
          Scan to join this room, or open <span className="code">{url}</span>
        </p>
      </div>
    </section>
  );
}
