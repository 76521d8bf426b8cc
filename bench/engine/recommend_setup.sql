-- bench/engine/recommend.sh: 100,000 sounds, one player with :plays recent plays, :tastes random tastes.
-- Random non-zero 5-d vectors: each component in ±[0.05, 1] (the WHERE g IS NOT NULL makes the sub-select per row).
CREATE FUNCTION pg_temp.random_vector(g bigint) RETURNS vector LANGUAGE sql VOLATILE AS $$
  SELECT ('[' || array_to_string(ARRAY(
      SELECT round(((0.05 + random() * 0.95) * CASE WHEN random() < 0.5 THEN -1 ELSE 1 END)::numeric, 4)
      FROM generate_series(1, 5) WHERE g IS NOT NULL), ',') || ']')::vector(5) $$;

-- Building the HNSW index once over 100k rows is much faster than 100k inserts into it; the definition is the
-- migration's (InitialSchema: ix_sounds_embedding_hnsw ON sounds USING hnsw (embedding vector_cosine_ops)).
DROP INDEX ix_sounds_embedding_hnsw;
INSERT INTO sounds (id, title, file_path, embedding, content_hash)
SELECT gen_random_uuid(), 'Bench sound ' || g, 'bench/sound-' || g || '.wav', pg_temp.random_vector(g),
       encode(sha256(convert_to('soundscape-bench-engine-sound-' || g, 'UTF8')), 'hex')
FROM generate_series(1, :sounds) AS g;
SET maintenance_work_mem = '256MB';
\timing on
CREATE INDEX ix_sounds_embedding_hnsw ON sounds USING hnsw (embedding vector_cosine_ops);
\timing off

INSERT INTO players (id, name, checkin_code, device_key_hash, status, last_poll_at)
VALUES (:'player', 'Bench player', 'bench-recommend', repeat('0', 64), 'online', now());
-- Plays spread over the last 3 hours (the penalty's window), of random sounds.
INSERT INTO play_history (id, player_id, sound_id, started_at, ended_at)
SELECT gen_random_uuid(), :'player', s.id, t.at, t.at + interval '2 minutes'
FROM (SELECT id, row_number() OVER () AS k FROM (SELECT id FROM sounds ORDER BY random() LIMIT :plays) r) s
CROSS JOIN LATERAL (SELECT now() - random() * interval '3 hours' - interval '2 minutes' AS at WHERE s.k IS NOT NULL) t;

CREATE TABLE bench_tastes (n int PRIMARY KEY, taste vector(5) NOT NULL);
INSERT INTO bench_tastes SELECT g, pg_temp.random_vector(g) FROM generate_series(1, :tastes) AS g;
GRANT SELECT ON bench_tastes TO soundscape_service;
VACUUM ANALYZE sounds, players, play_history, bench_tastes;
