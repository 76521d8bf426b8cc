import type { RoomView } from "../api/types";

export const PLAYER = "7d0c0a52-2f3c-4f6e-9a3e-3f1f4c1b2a10";
export const FIRE = "11111111-1111-4111-8111-111111111111";
export const RAIN = "22222222-2222-4222-8222-222222222222";

export const tokens = (isAnonymous = true) => ({
  userId: "99999999-9999-4999-8999-999999999999",
  accessToken: "access-1",
  expiresIn: 3600,
  refreshToken: "refresh-1",
  isAnonymous,
});

export const roomView = (over: Partial<RoomView> = {}): RoomView => ({
  playerId: PLAYER,
  name: "Café Lumen",
  status: "playing",
  nowPlaying: { kind: "sound", id: RAIN, title: "Steady Rain", startedAt: new Date(Date.now() - 30_000).toISOString(), durationSeconds: 60 },
  next: [
    { kind: "sound", id: FIRE, title: "Crackling Fire", durationSeconds: 60,
      why: { similarity: 0.9, penalty: 0.2, score: 0.7, listeners: 4, fallback: null, lastPlayedAt: new Date(Date.now() - 40 * 60_000).toISOString() } },
  ],
  listeners: 4,
  taste: { rain: 0.6, wind: 0.1, fire: 0.7, thunder: 0.05, waves: 0.2 },
  version: 1,
  ...over,
});

export const profile = (over: Record<string, unknown> = {}) => ({
  id: tokens().userId,
  email: null,
  displayName: null,
  avatarUrl: null,
  tasteVector: { rain: 0, wind: 0, fire: 0, thunder: 0, waves: 0 },
  voteCount: 0,
  roles: [],
  isAnonymous: true,
  ...over,
});
