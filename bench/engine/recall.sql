-- bench/engine/recall.sh helper: for every taste, the raw nearest 40 (the function's nearest-candidates step, nothing
-- being busy at the player) and the function's final top 3, into tables named after :variant (index | exact).
-- Run once with the index and once with enable_indexscan = off; the comparison is in recommend.sh.
SET hnsw.ef_search = 40;
SET hnsw.iterative_scan = relaxed_order;
CREATE TABLE bench_top40_:variant AS
SELECT t.n, x.id FROM bench_tastes t
CROSS JOIN LATERAL (SELECT s.id FROM sounds s WHERE s.embedding IS NOT NULL ORDER BY s.embedding <=> t.taste LIMIT 40) x;
CREATE TABLE bench_top3_:variant AS
SELECT t.n, f.sound_id AS id FROM bench_tastes t
CROSS JOIN LATERAL recommend_with_penalty(:'player'::uuid, t.taste, now(), 0.5, 1800, 10800, 40, 3, false) f;
