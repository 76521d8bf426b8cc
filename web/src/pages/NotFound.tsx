import { Link } from "react-router";
import { Info } from "../components/icons";

export function UnknownTag({ code }: { code: string }) {
  return (
    <section className="narrow card stack" aria-labelledby="unknown-title">
      <Info size={32} aria-hidden="true" style={{ color: "var(--color-accent)" }} />
      <h1 id="unknown-title">We don't know this tag</h1>
      <p>
        No room answers to the code <strong>{code}</strong>. The tag may have been moved to a new room, or its code
        typed with a slip.
      </p>
      <p className="muted">Ask the staff for the room's tag, or type the code from it.</p>
      <Link className="btn btn-primary" to="/">Enter a code</Link>
    </section>
  );
}

export function NotFound() {
  return (
    <section className="narrow card stack" aria-labelledby="nf-title">
      <h1 id="nf-title">Nothing here</h1>
      <p>This page doesn't exist. Tap the tag in the room to join it.</p>
      <Link className="btn btn-primary" to="/">Go to the start</Link>
    </section>
  );
}
