import type { RoomView } from "../api/types";
import { TasteBars } from "./TasteBars";

/** The room's collective taste, or why it is hidden (fewer than three listeners: one person's taste stays private). */
export function RoomTaste({ room }: { room: RoomView }) {
  return (
    <section className="card stack" aria-labelledby="taste-title">
      <h2 id="taste-title">The room's taste</h2>
      {room.taste ? (
        <TasteBars taste={room.taste} label="The room's taste by sound" />
      ) : (
        <p className="muted" data-testid="taste-hidden">
          The room's taste shows once three or more people are here, so nobody's own taste is on display.
        </p>
      )}
    </section>
  );
}
