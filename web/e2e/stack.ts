// The real system for the browser tests: a database of their own in the project's PostgreSQL cluster, the built
// API (serving web/dist) on a free port with its engine, the demo library and demo player, and a real PlayerAgent
// writing to a WAV file. The API can be stopped and started again on the same port (the outage test).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DB_PORT = process.env.SOUNDSCAPE_DB_PORT ?? "55432";
const DB_NAME = `soundscape_web_e2e${process.env.SOUNDSCAPE_TEST_DB_SUFFIX ?? ""}`;
const WORK = join(ROOT, ".data", "web-e2e");
const SIGNING_KEY = "web-browser-tests-signing-key-0123456789abcdef";

const conn = (role: string) => `Host=127.0.0.1;Port=${DB_PORT};Database=${DB_NAME};Username=${role};Password=${role}_local`;

export function psql(sql: string, database = DB_NAME): string {
  return execFileSync("psql", ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", DB_PORT, "-U", "soundscape_owner", "-d", database, "-c", sql], {
    env: { ...process.env, PGPASSWORD: "soundscape_owner_local" },
    encoding: "utf8",
  }).trim();
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? ok(address.port) : fail(new Error("no port"))));
    });
  });
}

export class Stack {
  port = 0;
  api: ChildProcess | null = null;
  agent: ChildProcess | null = null;
  playerId = "";
  readonly demoCode = "DEMO";

  /** Where the pages are: the API itself; E2E_WEB_URL points elsewhere (e.g. `vite preview` proxying to
   *  E2E_API_PORT) while developing against an API that does not serve web/dist. */
  get url(): string {
    return process.env.E2E_WEB_URL ?? this.apiUrl;
  }
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: "Production",
      DOTNET_CLI_TELEMETRY_OPTOUT: "1",
      ConnectionStrings__Soundscape: conn("soundscape_app"),
      ConnectionStrings__SoundscapeMigrations: conn("soundscape_owner"),
      ConnectionStrings__SoundscapeService: conn("soundscape_service"),
      Auth__Jwt__SigningKey: SIGNING_KEY,
      Audio__Store__Path: join(WORK, "audio"),
      Recommendation__Engine__Enabled: "true",
      Recommendation__TickInterval: "00:00:01",
      Web__Root: join(ROOT, "web", "dist"),
      Logging__LogLevel__Default: "Warning",
    };
  }

  private hostCommand(...args: string[]): string {
    return execFileSync("dotnet", ["bin/Release/net10.0/Soundscape.Api.dll", ...args], { cwd: join(ROOT, "src/Api"), env: this.env(), encoding: "utf8" });
  }

  async start(): Promise<void> {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(join(WORK, "agent"), { recursive: true });
    psql(`DROP DATABASE IF EXISTS ${DB_NAME}`, "postgres"); // a run still connected to it (a stray API) fails here, loudly
    psql(`CREATE DATABASE ${DB_NAME} TEMPLATE template1`, "postgres");
    this.port = Number(process.env.E2E_API_PORT) || (await freePort());
    try {
      await this.startApi(); // migrates the new database
      this.hostCommand("demo-library");
      this.hostCommand("demo-player", join(WORK, "agent", "device-key"));
      const room = await fetch(`${this.apiUrl}/api/rooms/${this.demoCode}`);
      if (!room.ok) throw new Error(`GET /api/rooms/${this.demoCode} answered ${room.status}`);
      this.playerId = (await room.json()).playerId;
      this.startAgent();
    } catch (e) {
      await this.stop(); // nothing left running when start-up fails
      throw e;
    }
  }

  async startApi(): Promise<void> {
    const log = createWriteStream(join(WORK, "api.log"), { flags: "a" });
    this.api = spawn("dotnet", ["bin/Release/net10.0/Soundscape.Api.dll", "--urls", this.apiUrl], { cwd: join(ROOT, "src/Api"), env: this.env(), stdio: ["ignore", "pipe", "pipe"] });
    this.api.stdout!.pipe(log);
    this.api.stderr!.pipe(log);
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (this.api.exitCode !== null) throw new Error(`the API exited during start-up (${join(WORK, "api.log")})`);
      try {
        if ((await fetch(`${this.apiUrl}/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the API did not become healthy at ${this.url}/health`);
  }

  async stopApi(): Promise<void> {
    const api = this.api;
    if (!api || api.exitCode !== null) return;
    const exited = new Promise((r) => api.once("exit", r));
    api.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (api.exitCode === null) api.kill("SIGKILL");
    this.api = null;
  }

  startAgent(): void {
    const dll = join(ROOT, "src/PlayerAgent/bin/Release/net10.0/Soundscape.PlayerAgent.dll");
    if (!existsSync(dll)) throw new Error(`${dll} is missing: dotnet build src/PlayerAgent -c Release (scripts/test.sh builds it)`);
    const agentDir = join(WORK, "agent");
    const log = createWriteStream(join(WORK, "agent.log"), { flags: "a" });
    this.agent = spawn("dotnet", ["bin/Release/net10.0/Soundscape.PlayerAgent.dll"], {
      cwd: join(ROOT, "src/PlayerAgent"),
      env: {
        ...process.env,
        Agent__ServerUrl: this.apiUrl,
        Agent__DeviceKey: readFileSync(join(agentDir, "device-key"), "utf8").trim(),
        Agent__CacheFolder: join(agentDir, "cache"),
        Agent__JournalPath: join(agentDir, "play-journal.jsonl"),
        Agent__Output__Kind: "Wav",
        Agent__Output__FilePath: join(agentDir, "room.wav"),
        Agent__PollWaitSeconds: "5",
        Logging__LogLevel__Default: "Warning",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.agent.stdout!.pipe(log);
    this.agent.stderr!.pipe(log);
  }

  /** Sounds whose strongest axis is `axis`, by id (from the public library). */
  async soundsLeaningTo(axis: string): Promise<Map<string, string>> {
    const page = await (await fetch(`${this.url}/api/sounds?pageSize=100`)).json();
    const result = new Map<string, string>();
    for (const s of page.items as { id: string; title: string; embedding: Record<string, number> | null }[]) {
      if (!s.embedding) continue;
      const top = Object.entries(s.embedding).sort((a, b) => b[1] - a[1])[0][0];
      if (top === axis) result.set(s.id, s.title);
    }
    return result;
  }

  /** Sounds with at least `min` on `axis` (0..1), by id: e.g. "Fire in the Rain" is a fire sound too, though rain leads. */
  async soundsWith(axis: string, min: number): Promise<Map<string, string>> {
    const page = await (await fetch(`${this.url}/api/sounds?pageSize=100`)).json();
    const result = new Map<string, string>();
    for (const s of page.items as { id: string; title: string; embedding: Record<string, number> | null }[])
      if ((s.embedding?.[axis] ?? 0) >= min) result.set(s.id, s.title);
    return result;
  }

  /** The demo room's listener count as the API reports it now. */
  async listeners(): Promise<number> {
    return (await (await fetch(`${this.apiUrl}/api/players/${this.playerId}/now`)).json()).listeners;
  }

  /** What the agent has reported as started at the demo player (since `since`, when given), newest first (play_history rows). */
  playedSoundIds(since?: Date): string[] {
    const after = since ? ` AND started_at > '${since.toISOString()}'::timestamptz` : "";
    const out = psql(`SELECT sound_id FROM play_history WHERE player_id = '${this.playerId}' AND sound_id IS NOT NULL${after} ORDER BY started_at DESC`);
    return out ? out.split("\n") : [];
  }

  async stop(): Promise<void> {
    this.agent?.kill("SIGTERM");
    await this.stopApi();
    writeFileSync(join(WORK, "stopped"), new Date().toISOString());
  }
}
