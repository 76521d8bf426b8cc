-- pgbench script for bench/votes/run.sh: one vote, the same statements POST /api/votes runs, as the app role
-- (soundscape_app, NOBYPASSRLS) so row-level security applies exactly as for the API.
--
--   pgbench -n -M extended -c 32 -j 2 -T 20 -f vote.sql  (as soundscape_app on soundscape_bench)
--
-- bench_users(n, id) and bench_sounds(n, id) are filled by run.sh (1..32 and 1..200); the user and the sound
-- are drawn uniformly at random per vote, the same draw as vote.lua.
--
-- What differs from the API, on purpose:
--   * The gradient step is not computed: the UPDATE writes a fixed unit vector and a zero velocity.
--   * The vote id is a time-ordered uuid built in SQL (the API uses Guid.CreateVersion7()).
--   * Each statement is its own round trip (BEGIN and COMMIT too). The API (Npgsql + EF Core) sends BEGIN with
--     the first SELECT and the UPDATE + INSERT as one batch, but adds EF Core's automatic SAVEPOINT / RELEASE
--     around SaveChanges and Npgsql's pool reset (DISCARD ALL) before set_config.
\set u random(1, 32)
\set s random(1, 200)
\set r random(1, 5)
-- RowLevelSecurityInterceptor: on connection open, outside the transaction.
SELECT set_config('request.jwt.claim.sub', (SELECT id::text FROM bench_users WHERE n = :u), false);
BEGIN;
SELECT embedding FROM sounds WHERE id = (SELECT id FROM bench_sounds WHERE n = :s) LIMIT 2;
SELECT * FROM profiles WHERE id = (SELECT id FROM bench_users WHERE n = :u) FOR UPDATE;
INSERT INTO votes (id, created_at, kind, player_id, sound_id, user_id, value)
VALUES ((lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || substr(md5(random()::text), 1, 20))::uuid,
        now(), 'rating', NULL, (SELECT id FROM bench_sounds WHERE n = :s), (SELECT id FROM bench_users WHERE n = :u), :r);
UPDATE profiles
   SET preference_vector = '[1,0,0,0,0]', preference_velocity = '[0,0,0,0,0]', vote_count = vote_count + 1, updated_at = now()
 WHERE id = (SELECT id FROM bench_users WHERE n = :u);
COMMIT;
