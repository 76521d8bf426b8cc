import type { Taste } from "../api/types";
import { AXES, AXIS_LABEL, normalise, percent } from "../lib/taste";
import { AXIS_ICON } from "./icons";

interface Props {
  taste: Taste | null | undefined;
  /** When given, a thin mark shows where each axis was before (the vote feedback). */
  before?: Taste | null;
  label: string;
}

/** Five labelled bars, one per axis (0..1 shown as a percentage), as a list a screen reader reads in order. */
export function TasteBars({ taste, before, label }: Props) {
  const t = normalise(taste);
  const b = before ? normalise(before) : null;
  return (
    <ul className="bars" aria-label={label} style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {AXES.map((axis) => {
        const Icon = AXIS_ICON[axis];
        const value = percent(t[axis]);
        const was = b ? percent(b[axis]) : null;
        return (
          <li key={axis} className="bar">
            <span className="axis-label">
              <Icon size={16} aria-hidden="true" />
              {AXIS_LABEL[axis]}
            </span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: value, background: `var(--axis-${axis})` }} />
              {b && <span className="bar-before" style={{ left: `calc(${percent(b[axis])} - 1px)` }} />}
            </span>
            <span className="bar-value">
              {value}
              <span className="visually-hidden">{was !== null && was !== value ? ` (was ${was})` : ""}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
