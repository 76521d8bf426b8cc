import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { api } from "../../api/client";
import { Notice } from "../../components/Notice";
import { Users } from "../../components/icons";
import { useRoomEvents } from "../../hooks/useRoomEvents";
import { ago } from "../../lib/why";
import { DefaultVectorEditor } from "./DefaultVectorEditor";
import { DeviceKeyRotation } from "./DeviceKeyRotation";
import { STATUS_LABEL, statusOf } from "./format";
import { LibraryEditor } from "./LibraryEditor";
import { PairDeviceForm } from "./PairDeviceForm";
import { PlayerSettingsForm } from "./PlayerSettingsForm";
import { PlayHistory } from "./PlayHistory";
import { QueueTable } from "./QueueTable";
import type { PlayerQueue } from "./types";
import { PlayerProblemText, usePlayer } from "./usePlayer";

/** /console/players/:id: one player, live (its room's event stream), with its queue, history and settings. */
export function PlayerPage() {
  const { id = "" } = useParams();
  const { player, setPlayer, problem } = usePlayer(id);
  const { room } = useRoomEvents(player ? id : null);
  const [queue, setQueue] = useState<PlayerQueue | null>(null);
  const version = room?.version ?? -1;

  // The room's version goes up when the engine re-plans or listeners come and go: read the explained queue again.
  useEffect(() => {
    if (!player) return;
    let live = true;
    void api.GET("/api/players/{id}/queue", { params: { path: { id } } }).then(
      ({ data }) => live && data && setQueue(data),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [id, player, version]);

  if (problem) {
    return (
      <section className="stack">
        <h1 className="title-xl">Player</h1>
        <Notice tone="danger" role="alert"><p><PlayerProblemText problem={problem} /></p></Notice>
        <p><Link to="/console/players">Back to your players</Link></p>
      </section>
    );
  }
  if (!player) return <p className="muted" role="status">Loading the player…</p>;

  const status = statusOf(room?.status ?? player.status);
  const listeners = room?.listeners ?? 0;
  return (
    <div className="stack manager-player">
      <header className="stack-sm">
        <p className="small"><Link to="/console/players">Players</Link></p>
        <h1 className="title-xl">{player.name}</h1>
        <div className="row player-facts">
          <span className={`pill status status-${status}`} data-testid="player-status">{STATUS_LABEL[status]}</span>
          <span data-testid="player-listeners" aria-live="polite">
            <Users size={16} aria-hidden="true" /> {listeners === 1 ? "1 listener" : `${listeners} listeners`}
          </span>
          <span>
            {room?.nowPlaying ? <>Now playing <strong data-testid="player-now">{room.nowPlaying.title}</strong></> : <span className="muted">Nothing playing</span>}
          </span>
          <span className="small muted">
            {player.lastPollAt ? <>Device last seen {ago(player.lastPollAt)}</> : "The device has not called in yet"}
          </span>
        </div>
        <p className="row">
          <Link className="btn" to={`/console/players/${id}/tag`}>Tag sheet</Link>
          <span className="small muted">Tag code <span className="code">{player.checkinCode}</span></span>
        </p>
      </header>
      <QueueTable queue={queue} />
      <PlayHistory playerId={id} refreshKey={room?.nowPlaying?.id ? version : undefined} />
      <div className="manager-grid">
        <PlayerSettingsForm key={`${player.name}|${player.checkinCode}`} player={player} onSaved={setPlayer} />
        <DefaultVectorEditor player={player} onSaved={setPlayer} />
      </div>
      <LibraryEditor playerId={id} />
      <PairDeviceForm playerId={id} playerName={player.name ?? "this player"} />
      <DeviceKeyRotation playerId={id} playerName={player.name ?? "The player"} />
    </div>
  );
}
