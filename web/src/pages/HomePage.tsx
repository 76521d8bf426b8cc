import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Field } from "../components/Field";
import { AudioLines } from "../components/icons";

export function HomePage() {
  const navigate = useNavigate();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string[] | undefined>();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = code.trim();
    if (!trimmed) return setError(["Type the code printed on the tag."]);
    navigate(`/p/${encodeURIComponent(trimmed)}`);
  };
  return (
    <section className="narrow stack" aria-labelledby="home-title">
      <div className="card card-hero stack">
        <AudioLines size={40} aria-hidden="true" style={{ color: "var(--color-accent)" }} />
        <h1 id="home-title" className="title-xl">Ambient sound, shaped by the room</h1>
        <p className="muted">
          Rain, wind, fire, waves: what plays here follows the people in the room. Tap the tag on your table to join.
        </p>
      </div>
      <form className="card stack" onSubmit={onSubmit} noValidate>
        <Field label="Room code" hint="Printed under the tag." autoCapitalize="characters" value={code}
          onChange={(e) => { setCode(e.target.value); setError(undefined); }} errors={error} />
        <button type="submit" className="btn btn-primary">Join the room</button>
      </form>
    </section>
  );
}
