// /console/players/:id/analytics: a room's figures for a period, its sounds' votes, its best and worst sounds and its
// taste over time, with CSV downloads. Managers see their own players, admins all (the API decides: 404 / 403).
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { ArrowLeft } from "lucide-react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { Notice } from "../../components/Notice";
import { CsvDownloads } from "./CsvDownloads";
import { PeriodPicker } from "./PeriodPicker";
import { lastDays, type Period } from "./period";
import { RankedSounds } from "./RankedSounds";
import { SoundVotesTable } from "./SoundVotesTable";
import { SummaryFigures } from "./SummaryFigures";
import { TasteOverTime } from "./TasteOverTime";

export type RoomAnalytics = components["schemas"]["RoomAnalyticsDto"];

type Load = { state: "loading" } | { state: "ready"; data: RoomAnalytics } | { state: "failed"; status: number; message?: string };

export default function AnalyticsPage() {
  const { id = "" } = useParams();
  const [period, setPeriod] = useState<Period>(() => lastDays(7));
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [name, setName] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.GET("/api/players/{id}", { params: { path: { id } } }).then(({ data }) => live && setName(data?.name ?? null), () => {});
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    let live = true;
    setLoad({ state: "loading" });
    void api.GET("/api/players/{id}/analytics", { params: { path: { id }, query: { from: period.from, to: period.to } } }).then(
      ({ data, error, response }) => {
        if (!live) return;
        if (data) setLoad({ state: "ready", data });
        else {
          const errors = (error as { errors?: Record<string, string[]> } | undefined)?.errors;
          setLoad({ state: "failed", status: response.status, message: errors ? Object.values(errors).flat().join(" ") : undefined });
        }
      },
      () => live && setLoad({ state: "failed", status: 0 }),
    );
    return () => {
      live = false;
    };
  }, [id, period]);

  return (
    <section className="stack analytics" aria-labelledby="analytics-title">
      <Link to="/console/analytics" className="btn btn-quiet analytics-back">
        <ArrowLeft size={18} aria-hidden="true" /> All players
      </Link>
      <h1 id="analytics-title" className="title-xl">
        Analytics{name ? `: ${name}` : ""}
      </h1>
      <PeriodPicker period={period} onChange={setPeriod} />
      {load.state === "loading" && <p className="muted" role="status">Loading the figures…</p>}
      {load.state === "failed" && <Failure status={load.status} message={load.message} />}
      {load.state === "ready" && (
        <>
          <SummaryFigures summary={load.data.summary ?? {}} />
          <TasteOverTime taste={load.data.taste ?? {}} />
          <RankedSounds top={load.data.top ?? []} bottom={load.data.bottom ?? []} />
          <SoundVotesTable sounds={load.data.sounds ?? []} total={load.data.soundCount ?? 0} />
          <CsvDownloads playerId={id} period={period} />
        </>
      )}
    </section>
  );
}

function Failure({ status, message }: { status: number; message?: string }) {
  const text =
    status === 404 ? "This player does not exist, or it is not one of yours."
    : status === 403 ? "Analytics are for managers and admins."
    : status === 400 ? `The period was refused: ${message ?? "check the dates."}`
    : "The figures could not be loaded. Try again in a moment.";
  return (
    <Notice tone="danger" role="alert">
      <p>{text}</p>
    </Notice>
  );
}
