-- New queue items; the explanation's fields travel as columns and become the object EF Core's ToJson mapping reads.
-- Arguments, in order: ids, player ids, sound ids, mix ids, positions, added at, created at, similarity, penalty,
-- score, listeners, fallback (each an array, one element per item).
INSERT INTO player_queue (id, player_id, sound_id, mix_id, position, added_at, created_at, explanation)
SELECT v.id, v.player_id, v.sound_id, v.mix_id, v.position, v.added_at, v.created_at,
       CASE WHEN v.fallback IS NOT NULL THEN jsonb_build_object(
           'similarity', v.similarity, 'penalty', v.penalty, 'score', v.score, 'listeners', v.listeners, 'fallback', v.fallback) END
FROM unnest({0}, {1}, {2}, {3}, {4}, {5}, {6},
            {7}, {8}, {9}, {10}, {11})
     AS v(id, player_id, sound_id, mix_id, position, added_at, created_at, similarity, penalty, score, listeners, fallback)
