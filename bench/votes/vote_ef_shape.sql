-- Experiment, not part of run.sh: vote.sql in the statement shape EF Core gives POST /api/votes, to price the
-- database-side overhead of that shape. Differences from vote.sql: the sound query wrapped in a sub-select with
-- LIMIT 2 (as EF emits it) and EF Core's automatic savepoint around SaveChanges (SAVEPOINT before the writes,
-- RELEASE SAVEPOINT after them). After a run of run.sh (the database soundscape_bench is left in place), compare:
--   PGPASSWORD=soundscape_app_local pgbench -h 127.0.0.1 -p 55432 -U soundscape_app -d soundscape_bench \
--     -n -M extended -c 32 -j 2 -T 10 -f bench/votes/vote.sql        (and then -f bench/votes/vote_ef_shape.sql)
\set u random(1, 32)
\set s random(1, 200)
\set r random(1, 5)
SELECT set_config('request.jwt.claim.sub', (SELECT id::text FROM bench_users WHERE n = :u), false);
BEGIN;
SELECT s.embedding FROM (SELECT * FROM sounds WHERE id = (SELECT id FROM bench_sounds WHERE n = :s)) AS s LIMIT 2;
SELECT * FROM profiles WHERE id = (SELECT id FROM bench_users WHERE n = :u) FOR UPDATE;
SAVEPOINT "__EFSavePoint";
INSERT INTO votes (id, created_at, kind, player_id, sound_id, user_id, value)
VALUES ((lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || substr(md5(random()::text), 1, 20))::uuid,
        now(), 'rating', NULL, (SELECT id FROM bench_sounds WHERE n = :s), (SELECT id FROM bench_users WHERE n = :u), :r);
UPDATE profiles
   SET preference_vector = '[1,0,0,0,0]', preference_velocity = '[0,0,0,0,0]', vote_count = vote_count + 1, updated_at = now()
 WHERE id = (SELECT id FROM bench_users WHERE n = :u);
RELEASE SAVEPOINT "__EFSavePoint";
COMMIT;
