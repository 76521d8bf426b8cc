-- pgbench script for bench/engine/recommend.sh: one recommendation, as the planner asks for it (PlanQueue: λ 0.5,
-- τ 30 min, W 3 h, 40 candidates, the best 3, queued items not excluded), for a random one of the tastes.
\set n random(1, :tastes)
SELECT * FROM recommend_with_penalty(:player::uuid, (SELECT taste FROM bench_tastes WHERE n = :n), now(), 0.5, 1800, 10800, 40, 3, false);
