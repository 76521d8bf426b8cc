import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { App } from "../App";
import { saveTokens } from "../auth/session";
import { tokens } from "./fixtures";

export function renderApp(path: string, { signedIn = false, guest = true } = {}) {
  if (signedIn) saveTokens(tokens(guest));
  const user = userEvent.setup();
  const utils = render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
  return { user, ...utils };
}
