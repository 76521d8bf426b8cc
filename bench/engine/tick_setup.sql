-- bench/engine/tick.sh: :players online players, :per_player listeners checked in at each (active sessions), random
-- unit tastes, a library of :sounds sounds, :mixes public mixes of 3 layers, :plays recent plays per player.
CREATE FUNCTION pg_temp.random_vector(g bigint) RETURNS vector LANGUAGE sql VOLATILE AS $$
  SELECT ('[' || array_to_string(ARRAY(
      SELECT round(((0.05 + random() * 0.95) * CASE WHEN random() < 0.5 THEN -1 ELSE 1 END)::numeric, 4)
      FROM generate_series(1, 5) WHERE g IS NOT NULL), ',') || ']')::vector(5) $$;

INSERT INTO sounds (id, title, file_path, embedding, content_hash)
SELECT gen_random_uuid(), 'Bench sound ' || g, 'bench/sound-' || g || '.wav', pg_temp.random_vector(g),
       encode(sha256(convert_to('soundscape-bench-tick-sound-' || g, 'UTF8')), 'hex')
FROM generate_series(1, :sounds) AS g;
CREATE TABLE bench_sounds AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM sounds;

INSERT INTO auth.users (id, email, password_hash)
SELECT md5('bench-listener-' || g)::uuid, 'listener' || g || '@bench.soundscape.test', 'not-a-password-hash'
FROM generate_series(1, :players * :per_player) AS g;
-- Unit tastes, as learning keeps them (every listener has a signal: the room fallback).
INSERT INTO profiles (id, display_name, preference_vector, vote_count)
SELECT md5('bench-listener-' || g)::uuid, 'Listener ' || g, l2_normalize(pg_temp.random_vector(g)), 10
FROM generate_series(1, :players * :per_player) AS g;

INSERT INTO mixes (id, name, creator_id, layers, is_public)
SELECT gen_random_uuid(), 'Bench mix ' || g, md5('bench-listener-1')::uuid,
       jsonb_build_array(
         jsonb_build_object('sound_id', (SELECT id FROM bench_sounds WHERE n = 1 + (g * 7) % :sounds), 'volume', 0.8, 'loop', true, 'delay_seconds', 0),
         jsonb_build_object('sound_id', (SELECT id FROM bench_sounds WHERE n = 1 + (g * 13) % :sounds), 'volume', 0.5, 'loop', true, 'delay_seconds', 0),
         jsonb_build_object('sound_id', (SELECT id FROM bench_sounds WHERE n = 1 + (g * 29) % :sounds), 'volume', 0.3, 'loop', true, 'delay_seconds', 0)),
       true
FROM generate_series(1, :mixes) AS g;

INSERT INTO players (id, name, checkin_code, device_key_hash, status, last_poll_at)
SELECT md5('bench-player-' || g)::uuid, 'Bench player ' || g, 'bench-' || g,
       encode(sha256(convert_to('bench-device-key-' || g, 'UTF8')), 'hex'), 'online', now()
FROM generate_series(1, :players) AS g;

-- Listener g is checked in at player 1 + (g - 1) % players: :per_player each.
INSERT INTO sessions (id, user_id, player_id, status, checked_in_at, last_active_at)
SELECT gen_random_uuid(), md5('bench-listener-' || g)::uuid, md5('bench-player-' || (1 + (g - 1) % :players))::uuid,
       'active', now(), now()
FROM generate_series(1, :players * :per_player) AS g;

INSERT INTO play_history (id, player_id, sound_id, started_at, ended_at, listeners)
SELECT gen_random_uuid(), md5('bench-player-' || p)::uuid, (SELECT id FROM bench_sounds WHERE n = 1 + (p * 31 + k * 17) % :sounds),
       now() - make_interval(mins => 10 * k + 5), now() - make_interval(mins => 10 * k), :per_player
FROM generate_series(1, :players) AS p, generate_series(1, :plays) AS k;

VACUUM ANALYZE sounds, auth.users, profiles, mixes, players, sessions, play_history;
