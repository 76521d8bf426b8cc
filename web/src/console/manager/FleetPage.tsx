import { Link } from "react-router";
import { Notice } from "../../components/Notice";
import { Users } from "../../components/icons";
import { describe } from "../../lib/problem";
import { ago } from "../../lib/why";
import { STATUS_LABEL, statusOf } from "./format";
import { NewPlayerForm } from "./NewPlayerForm";
import type { FleetPlayer } from "./types";
import { useFleet } from "./useFleet";

/** /console/players: every player the caller manages, live, and the form for a new one. */
export function FleetPage() {
  const { players, total, problem, reload } = useFleet();
  return (
    <section className="stack" aria-labelledby="fleet-title">
      <h1 id="fleet-title" className="title-xl">Players</h1>
      {problem && (
        <Notice tone="danger" role="alert">
          <p>{problem.status === 403 ? "Players are for managers. Ask an admin for the manager role." : describe(problem)}</p>
        </Notice>
      )}
      {!players && !problem && <p className="muted" role="status">Loading your players…</p>}
      {players && players.length === 0 && <p className="muted">You have no players yet. Create one below.</p>}
      {players && players.length > 0 && (
        <>
          <p className="small muted">{total === 1 ? "1 player" : `${total} players`}, updating live.</p>
          <ul className="fleet" aria-label="Your players">
            {players.map((p) => <FleetRow key={p.id} player={p} />)}
          </ul>
        </>
      )}
      {problem?.status !== 403 && <NewPlayerForm onCreated={reload} />}
    </section>
  );
}

function FleetRow({ player }: { player: FleetPlayer }) {
  const status = statusOf(player.status);
  const listeners = player.listeners ?? 0;
  return (
    <li className="card fleet-row" data-testid="fleet-row">
      <div className="stack-sm">
        <h2 className="fleet-name">
          <Link to={`/console/players/${player.id}`}>{player.name}</Link>
        </h2>
        <p className="small muted">
          Tag code <span className="code">{player.checkinCode}</span> ·{" "}
          {player.lastSeenAt ? <>last seen <time dateTime={player.lastSeenAt}>{ago(player.lastSeenAt)}</time></> : "never seen"}
        </p>
      </div>
      <p className={`pill status status-${status}`} data-testid="fleet-status">{STATUS_LABEL[status]}</p>
      <p className="fleet-now">
        <span className="visually-hidden">Now playing: </span>
        {player.nowPlaying ? player.nowPlaying.title : <span className="muted">Nothing playing</span>}
      </p>
      <p className="fleet-listeners" data-testid="fleet-listeners">
        <Users size={16} aria-hidden="true" /> {listeners === 1 ? "1 listener" : `${listeners} listeners`}
      </p>
    </li>
  );
}
