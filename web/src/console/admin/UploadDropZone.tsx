import { useId, useState, type DragEvent } from "react";
import { Upload } from "lucide-react";

/** Drop audio files here, or choose them with the (keyboard-reachable) file input. */
export function UploadDropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const [over, setOver] = useState(false);
  const inputId = useId();
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length) onFiles(files);
  };
  return (
    <div
      className={`dropzone${over ? " dropzone-over" : ""}`}
      data-testid="dropzone"
      onDragOver={(e) => { e.preventDefault(); setOver(true); }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <Upload size={28} aria-hidden="true" />
      <p>Drop audio files here, several at once.</p>
      <label htmlFor={inputId} className="btn">Choose files…</label>
      <input
        id={inputId}
        className="visually-hidden-input"
        type="file"
        multiple
        accept="audio/*,.wav,.mp3,.ogg,.flac,.m4a,.aac,.opus,.aif,.aiff,.webm"
        aria-label="Audio files to upload"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = "";
          if (files.length) onFiles(files);
        }}
      />
    </div>
  );
}
