// Last 7 days, last 30 days, or two dates. A radio group, so arrow keys move between the choices.
import { useId, useState, type FormEvent } from "react";
import { dayOf, dayRange, lastDays, type Period, type PeriodChoice } from "./period";

export function PeriodPicker({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const [choice, setChoice] = useState<PeriodChoice>("7d");
  const [fromDay, setFromDay] = useState(dayOf(period.from));
  const [toDay, setToDay] = useState(dayOf(period.to));
  const id = useId();
  const choose = (next: PeriodChoice) => {
    setChoice(next);
    if (next === "7d") onChange(lastDays(7));
    if (next === "30d") onChange(lastDays(30));
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onChange(dayRange(fromDay, toDay));
  };
  return (
    <form className="card analytics-period" onSubmit={apply}>
      <fieldset>
        <legend>Period</legend>
        <div className="row analytics-choices">
          {(
            [
              ["7d", "Last 7 days"],
              ["30d", "Last 30 days"],
              ["custom", "Dates"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="analytics-choice">
              <input type="radio" name={`${id}-period`} value={value} checked={choice === value} onChange={() => choose(value)} /> {label}
            </label>
          ))}
        </div>
        {choice === "custom" && (
          <div className="row analytics-dates">
            <div className="field">
              <label htmlFor={`${id}-from`}>From</label>
              <input id={`${id}-from`} type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} required />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>To (included)</label>
              <input id={`${id}-to`} type="date" value={toDay} onChange={(e) => setToDay(e.target.value)} required />
            </div>
            <button type="submit" className="btn btn-primary">Show</button>
          </div>
        )}
      </fieldset>
      <p className="small muted" aria-live="polite">
        Showing {new Date(period.from).toLocaleString()} to {new Date(period.to).toLocaleString()}.
      </p>
    </form>
  );
}
