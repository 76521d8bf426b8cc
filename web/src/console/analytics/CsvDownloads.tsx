// CSV downloads of the period. The export needs the bearer token, so it is fetched and handed to the browser as a file.
import { useState } from "react";
import { Download } from "lucide-react";
import { api } from "../../api/client";
import type { Period } from "./period";

const KINDS = [
  ["sounds", "Sounds CSV"],
  ["summary", "Summary CSV"],
  ["taste", "Taste CSV"],
] as const;

export function CsvDownloads({ playerId, period }: { playerId: string; period: Period }) {
  const [status, setStatus] = useState<string>("");
  const download = async (kind: (typeof KINDS)[number][0]) => {
    setStatus("Preparing the file…");
    const { data, response } = await api.GET("/api/players/{id}/analytics.csv", {
      params: { path: { id: playerId }, query: { from: period.from, to: period.to, kind } },
      parseAs: "blob",
    });
    if (!data) {
      setStatus(`The export failed (${response.status}).`);
      return;
    }
    const name = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? `analytics-${kind}.csv`;
    const url = URL.createObjectURL(data as Blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setStatus(`Downloaded ${name}.`);
  };
  return (
    <section aria-labelledby="analytics-export" className="stack-sm">
      <h2 id="analytics-export">Export</h2>
      <div className="row analytics-export">
        {KINDS.map(([kind, label]) => (
          <button key={kind} type="button" className="btn" onClick={() => void download(kind)}>
            <Download size={18} aria-hidden="true" /> {label}
          </button>
        ))}
      </div>
      <p className="small muted" role="status">{status}</p>
    </section>
  );
}
