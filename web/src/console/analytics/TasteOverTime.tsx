// The room's taste over time: a uPlot line chart of the five axes, and the same numbers as a table for anyone who
// cannot see the chart (the chart itself is hidden from screen readers and described by the table).
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { components } from "../../api/schema";

type TasteHistory = components["schemas"]["RoomTasteHistoryDto"];
type Point = components["schemas"]["RoomTastePointDto"];

const AXES = ["rain", "wind", "fire", "thunder", "waves"] as const;

function bucketName(seconds: number): string {
  if (seconds % 86400 === 0) return seconds === 86400 ? "day" : `${seconds / 86400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? "hour" : `${seconds / 3600} hours`;
  return `${Math.round(seconds / 60)} minutes`;
}

function TasteChart({ points }: { points: Point[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const css = getComputedStyle(document.documentElement);
    const data: uPlot.AlignedData = [
      points.map((p) => new Date(p.at ?? 0).getTime() / 1000),
      ...AXES.map((axis) => points.map((p) => (p.taste ? (p.taste[axis] ?? null) : null))),
    ];
    const chart = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 240,
        scales: { y: { range: [0, 1] } },
        series: [
          {},
          ...AXES.map((axis) => ({
            label: axis,
            stroke: css.getPropertyValue(`--axis-${axis}`).trim() || "#555",
            width: 2,
            spanGaps: false,
          })),
        ],
        axes: [{ stroke: css.getPropertyValue("--color-muted").trim() }, { stroke: css.getPropertyValue("--color-muted").trim() }],
      },
      data,
      el,
    );
    const resize = () => chart.setSize({ width: Math.max(280, el.clientWidth), height: 240 });
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.destroy();
    };
  }, [points]);
  return <div ref={box} className="analytics-chart" aria-hidden="true" data-testid="taste-chart" />;
}

export function TasteOverTime({ taste }: { taste: TasteHistory }) {
  const points = taste.points ?? [];
  const shown = points.filter((p) => p.taste);
  return (
    <section aria-labelledby="analytics-taste" className="stack-sm">
      <h2 id="analytics-taste">The room's taste over time</h2>
      {shown.length === 0 ? (
        <p className="muted">No taste to show in this period: a room's taste is shown only when at least three listeners' tastes make it.</p>
      ) : (
        <>
          <p className="small muted">
            Each point is the mean taste over one {bucketName(taste.bucketSeconds ?? 3600)}; gaps are times with no taste to show.
          </p>
          <div className="card">
            <TasteChart points={points} />
          </div>
        </>
      )}
      {points.length > 0 && (
        <details className="analytics-taste-table">
          <summary>The taste as a table ({points.length} rows)</summary>
          <div className="analytics-table-wrap" tabIndex={0} role="region" aria-label="The room's taste over time, as a table">
            <table className="analytics-table">
              <thead>
                <tr>
                  <th scope="col">From</th>
                  {AXES.map((a) => (
                    <th key={a} scope="col">{a[0].toUpperCase() + a.slice(1)}</th>
                  ))}
                  <th scope="col">Listeners</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.at}>
                    <th scope="row">{new Date(p.at ?? 0).toLocaleString()}</th>
                    {AXES.map((a) => (
                      <td key={a}>{p.taste ? (p.taste[a] ?? 0).toFixed(2) : "–"}</td>
                    ))}
                    <td>{p.listeners}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
