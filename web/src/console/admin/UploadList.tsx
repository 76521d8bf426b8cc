import { Link } from "react-router";
import { Check, TriangleAlert } from "../../components/icons";
import type { UploadItem } from "./useUploads";
import { uploadMessage } from "./uploadSound";

/** One row per file: its progress bar while it is sent, then its own result. */
export function UploadList({ items }: { items: UploadItem[] }) {
  if (!items.length) return null;
  return (
    <ul className="list upload-list" aria-label="Uploads">
      {items.map((item) => (
        <li key={item.key} className="list-item upload-item" data-testid="upload-item" data-state={item.state}>
          <div className="sound-row">
            <span className="upload-name">{item.name}</span>
            <span className="small muted">{formatBytes(item.size)}</span>
          </div>
          {(item.state === "waiting" || item.state === "sending") && (
            <div
              className="progress"
              role="progressbar"
              aria-label={`Uploading ${item.name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(item.progress * 100)}
            >
              <span style={{ width: `${Math.round(item.progress * 100)}%` }} />
            </div>
          )}
          {item.state === "added" && item.sound && (
            <p className="upload-result upload-ok" role="status">
              <Check size={16} aria-hidden="true" /> Added as <Link to={`/console/library/${item.sound.id}`}>{item.sound.title}</Link>
            </p>
          )}
          {item.state === "failed" && item.problem && (
            <p className="upload-result upload-failed" role="alert">
              <TriangleAlert size={16} aria-hidden="true" />
              <span>
                <span className="pill">{item.problem.status || "offline"}</span> {uploadMessage(item.problem)}
                {item.existingSoundId && (
                  <> <Link to={`/console/library/${item.existingSoundId}`}>Open the existing sound</Link></>
                )}
              </span>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
