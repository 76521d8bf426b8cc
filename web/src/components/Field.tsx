import { useId, type InputHTMLAttributes } from "react";

interface Props extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  errors?: string[];
  hint?: string;
}

/** A labelled input with the API's field errors right under it, tied to it for screen readers. */
export function Field({ label, errors, hint, ...input }: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = (errors?.length ?? 0) > 0;
  const describedBy = [hint ? hintId : "", invalid ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <span id={hintId} className="small muted">{hint}</span>}
      <input id={id} aria-invalid={invalid || undefined} aria-describedby={describedBy} {...input} />
      {invalid && (
        <span id={errorId} className="field-error">
          {errors!.join(" ")}
        </span>
      )}
    </div>
  );
}
