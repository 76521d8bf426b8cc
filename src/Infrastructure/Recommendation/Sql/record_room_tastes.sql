-- The room's taste over time (room analytics), in the same transaction as the plan. A sample is kept only when it
-- differs from the player's last kept one: a listener count that changed, a taste that appeared or went, or one that
-- moved by more than the epsilon (<-> is pgvector's Euclidean distance). The last kept sample is one primary-key
-- probe per player.
-- Arguments, in order: player ids (uuid[]), planned at (timestamptz[]), tastes (text[], null for none),
-- listeners (smallint[]), epsilon.
INSERT INTO room_taste_history (player_id, planned_at, taste, listeners)
SELECT v.player_id, v.planned_at, v.taste::vector, v.listeners
FROM unnest({0}, {1}, {2}, {3}) AS v(player_id, planned_at, taste, listeners)
LEFT JOIN LATERAL (
    SELECT h.taste, h.listeners FROM room_taste_history h
    WHERE h.player_id = v.player_id ORDER BY h.planned_at DESC LIMIT 1) AS last ON true
WHERE last.listeners IS NULL
   OR last.listeners <> v.listeners
   OR (last.taste IS NULL) <> (v.taste IS NULL)
   OR last.taste <-> v.taste::vector > {4}
ON CONFLICT (player_id, planned_at) DO NOTHING
