import { useEffect, useState } from "react";
import { api } from "../../api/client";
import { useSession } from "../../auth/useSession";
import { Field } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { describe, toProblem } from "../../lib/problem";
import type { RoleAssignment } from "./types";

/** /console/roles: who holds which role; grant by e-mail, revoke (an admin's own admin role is refused by the API: 409). */
export function RolesPage() {
  const session = useSession();
  const [rows, setRows] = useState<RoleAssignment[] | null>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("manager");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<{ tone: "ok" | "danger"; text: string } | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    void api.GET("/api/admin/roles").then(({ data, error, response }) => {
      if (data) setRows(data);
      else setNotice({ tone: "danger", text: describe(toProblem(error, response)) });
    });
  }, [version]);

  const grant = async () => {
    setNotice(null);
    const { data, error, response } = await api.POST("/api/admin/roles", { body: { email: email.trim(), role } });
    if (data) {
      setFieldErrors({});
      setEmail("");
      setNotice({ tone: "ok", text: `${data.email} is now ${data.role === "admin" ? "an admin" : "a manager"}.` });
      setVersion((v) => v + 1);
    } else {
      const problem = toProblem(error, response);
      setFieldErrors(problem.fieldErrors);
      if (!Object.keys(problem.fieldErrors).length) setNotice({ tone: "danger", text: describe(problem) });
    }
  };
  const revoke = async (row: RoleAssignment) => {
    setNotice(null);
    const { error, response } = await api.DELETE("/api/admin/roles/{userId}/{role}", { params: { path: { userId: row.userId!, role: row.role! } } });
    if (response.ok) {
      setNotice({ tone: "ok", text: `${row.email} is no longer ${row.role === "admin" ? "an admin" : "a manager"}.` });
      setVersion((v) => v + 1);
    } else {
      const problem = toProblem(error, response);
      setNotice({ tone: "danger", text: problem.status === 409 ? `409: ${problem.detail ?? "You cannot revoke this role."}` : describe(problem) });
    }
  };

  return (
    <section className="stack">
      <h1 className="title-xl">Roles</h1>
      <form className="card stack" aria-labelledby="grant-heading" onSubmit={(e) => { e.preventDefault(); void grant(); }} noValidate>
        <h2 id="grant-heading">Grant a role</h2>
        <Field label="E-mail" type="email" autoComplete="off" value={email} errors={fieldErrors.email} onChange={(e) => setEmail(e.target.value)} />
        <div className="field">
          <label htmlFor="grant-role">Role</label>
          <select id="grant-role" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="manager">Manager</option>
            <option value="admin">Admin</option>
          </select>
          {fieldErrors.role && <span className="field-error">{fieldErrors.role.join(" ")}</span>}
        </div>
        <div className="row"><button type="submit" className="btn btn-primary">Grant</button></div>
      </form>
      {notice && (notice.tone === "ok"
        ? <p role="status" className="upload-ok">{notice.text}</p>
        : <Notice tone="danger" role="alert"><p>{notice.text}</p></Notice>)}
      <section className="card stack" aria-labelledby="holders-heading">
        <h2 id="holders-heading">Who holds a role</h2>
        {!rows && <p className="muted" role="status">Loading…</p>}
        {rows && rows.length === 0 && <p className="muted">Nobody.</p>}
        {rows && rows.length > 0 && (
          <table className="table">
            <thead><tr><th scope="col">E-mail</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col"><span className="visually-hidden">Action</span></th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.userId}-${r.role}`} data-testid="role-row">
                  <td className="code">{r.email}</td>
                  <td>{r.displayName}</td>
                  <td>{r.role}</td>
                  <td>
                    <button type="button" className="btn" onClick={() => void revoke(r)}>
                      Revoke {r.role}<span className="visually-hidden"> from {r.email}{r.userId === session?.userId ? " (you)" : ""}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
