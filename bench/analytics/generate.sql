-- A year (2026) of room analytics data for :players players (ids md5('bench-player-' || n)::uuid), as in issue 13:
-- 20 plays an hour per player (a play every 3 minutes, 170 s long), 5 votes an hour, 2 check-ins an hour, and a
-- recorded room taste every 10 minutes. 2000 listeners, 500 sounds. One INSERT … SELECT generate_series per table.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

INSERT INTO auth.users (id, email, email_key, password_hash, created_at)
SELECT md5('bench-user-' || u)::uuid, 'u' || u || '@bench.test', 'u' || u || '@bench.test', 'x', '2025-12-01'
FROM generate_series(1, 2001) u;
INSERT INTO profiles (id, display_name) SELECT md5('bench-user-' || u)::uuid, 'u' || u FROM generate_series(1, 2001) u;
-- User 2001 is the admin the queries run as.
INSERT INTO roles (id, user_id, role) VALUES (gen_random_uuid(), md5('bench-user-2001')::uuid, 'admin');

INSERT INTO sounds (id, title, file_path, content_hash, duration)
SELECT md5('bench-sound-' || s)::uuid, 'Sound ' || s, 's' || s || '.wav', encode(sha256(('s' || s)::bytea), 'hex'), 170
FROM generate_series(1, 500) s;

INSERT INTO players (id, name, checkin_code, device_key_hash, manager_id)
SELECT md5('bench-player-' || p)::uuid, 'Room ' || p, 'room-' || p, 'x', md5('bench-user-' || (p % 20 + 1))::uuid
FROM generate_series(1, :players) p;

INSERT INTO play_history (id, player_id, sound_id, started_at, ended_at, listeners, created_at)
SELECT gen_random_uuid(), md5('bench-player-' || p)::uuid, md5('bench-sound-' || (1 + (hashint4(p * 7919 + k) & 511) % 500))::uuid,
       t, t + interval '170 seconds', (hashint4(k * 31 + p) & 31), t
FROM generate_series(1, :players) p,
     LATERAL (SELECT k, timestamptz '2026-01-01 00:00:00+00' + k * interval '3 minutes' AS t FROM generate_series(0, 175199) k) g;

INSERT INTO votes (id, user_id, sound_id, player_id, kind, value, created_at)
SELECT gen_random_uuid(), md5('bench-user-' || (1 + (hashint4(k * 13 + p) & 2047) % 2000))::uuid,
       md5('bench-sound-' || (1 + (hashint4(p * 104729 + k) & 511) % 500))::uuid, md5('bench-player-' || p)::uuid,
       CASE WHEN k % 2 = 0 THEN 'rating' ELSE 'reaction' END,
       CASE WHEN k % 2 = 0 THEN 1 + (hashint4(k + p) & 3) + (k / 2) % 2 ELSE CASE WHEN hashint4(k - p) > 0 THEN 1 ELSE -1 END END,
       timestamptz '2026-01-01 00:00:00+00' + k * interval '12 minutes'
FROM generate_series(1, :players) p, generate_series(0, 43799) k;

-- The check-in trigger bumps the room's version (and notifies) once per row: off for the bulk load, which is
-- history, not live check-ins.
ALTER TABLE sessions DISABLE TRIGGER tr_sessions_room_insert;
INSERT INTO sessions (id, user_id, player_id, status, checked_in_at, last_active_at, created_at)
SELECT gen_random_uuid(), md5('bench-user-' || (1 + (hashint4(k * 17 + p) & 2047) % 2000))::uuid, md5('bench-player-' || p)::uuid,
       'ended', t, t + interval '40 minutes', t
FROM generate_series(1, :players) p,
     LATERAL (SELECT k, timestamptz '2026-01-01 00:00:00+00' + k * interval '30 minutes' AS t FROM generate_series(0, 17519) k) g;
ALTER TABLE sessions ENABLE TRIGGER tr_sessions_room_insert;

INSERT INTO room_taste_history (player_id, planned_at, taste, listeners)
SELECT md5('bench-player-' || p)::uuid, timestamptz '2026-01-01 00:00:00+00' + k * interval '10 minutes',
       CASE WHEN k % 7 = 0 THEN NULL
            ELSE ('[' || (0.2 + 0.2 * sin(k / 50.0)) || ',0.3,' || (0.4 + 0.1 * cos(k / 90.0)) || ',0.1,0.5]')::vector END,
       (hashint4(k + p * 3) & 31)
FROM generate_series(1, :players) p, generate_series(0, 52559) k;

ANALYZE play_history, votes, sessions, room_taste_history, players, sounds, profiles, roles;
