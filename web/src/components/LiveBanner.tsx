import { RefreshCw, WifiOff } from "./icons";

/** Shown while the live stream is down; the stream retries by itself, "Try now" does it at once. */
export function LiveBanner({ online, onRetry }: { online: boolean; onRetry: () => void }) {
  if (online) return null;
  return (
    <div className="notice banner" role="alert" data-testid="offline-banner">
      <WifiOff size={18} aria-hidden="true" />
      <div className="row">
        <span>Can't reach Soundscape. Retrying…</span>
        <button type="button" className="btn btn-quiet" onClick={onRetry}>
          <RefreshCw size={16} aria-hidden="true" /> Try now
        </button>
      </div>
    </div>
  );
}
