import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { Notice } from "../../components/Notice";
import { tagUrl } from "./format";
import { PlayerProblemText, usePlayer } from "./usePlayer";

/**
 * /console/players/:id/tag: a printable sheet for the room: its name, its check-in address as a QR code (SVG, so it
 * stays sharp at any print size) and the same address as text, for an NFC tag (docs/nfc-tags.md).
 */
export function TagSheet() {
  const { id = "" } = useParams();
  const { player, problem } = usePlayer(id);
  const url = player?.checkinCode ? tagUrl(player.checkinCode) : null;
  const [svg, setSvg] = useState<string | null>(null);

  useEffect(() => {
    if (!url) return;
    let live = true;
    import("qrcode")
      // Black on white with a quiet zone: what phone cameras read best on paper.
      .then((qr) => qr.toString(url, { type: "svg", margin: 4, errorCorrectionLevel: "M", color: { dark: "#000000", light: "#ffffff" } }))
      .then((text) => live && setSvg(text), () => {});
    return () => {
      live = false;
    };
  }, [url]);

  if (problem) return <Notice tone="danger" role="alert"><p><PlayerProblemText problem={problem} /></p></Notice>;
  if (!player || !url) return <p className="muted" role="status">Loading the tag…</p>;
  return (
    <div className="stack">
      <div className="row no-print">
        <Link to={`/console/players/${id}`}>Back to {player.name}</Link>
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>Print</button>
      </div>
      <article className="tag-sheet" aria-labelledby="tag-title">
        <h1 id="tag-title" className="tag-room">{player.name}</h1>
        <p className="tag-lead">Tap your phone here or scan the code to choose what this room sounds like.</p>
        {svg ? (
          <div className="tag-qr" role="img" aria-label={`QR code for ${url}`} data-testid="tag-qr" dangerouslySetInnerHTML={{ __html: svg }} />
        ) : (
          <div className="tag-qr" aria-hidden="true" />
        )}
        <p className="tag-url" data-testid="tag-url">{url}</p>
      </article>
      <p className="small muted no-print">
        To write this address to an NFC tag, see the NFC section of the docs (docs/nfc-tags.md): one NDEF URI record, then lock the tag.
      </p>
    </div>
  );
}
