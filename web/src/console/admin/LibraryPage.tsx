import { useCallback, useState } from "react";
import { SoundList } from "./SoundList";
import { UploadDropZone } from "./UploadDropZone";
import { UploadList } from "./UploadList";
import { useUploads } from "./useUploads";

/** /console/library: add audio files (each with its own progress and result) and browse the library. */
export function LibraryPage() {
  const [version, setVersion] = useState(0);
  const onAdded = useCallback(() => setVersion((v) => v + 1), []);
  const { items, add, clear } = useUploads(onAdded);
  const done = items.some((i) => i.state === "added" || i.state === "failed");
  return (
    <section className="stack">
      <h1 className="title-xl">Library</h1>
      <section className="card stack" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Add sounds</h2>
        <UploadDropZone onFiles={(files) => void add(files)} />
        <UploadList items={items} />
        {done && <button type="button" className="btn btn-quiet" onClick={clear}>Clear finished uploads</button>}
      </section>
      <SoundList version={version} />
    </section>
  );
}
