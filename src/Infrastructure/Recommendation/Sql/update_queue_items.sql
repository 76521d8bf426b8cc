-- Kept queue items whose explanation or place moved.
-- Arguments, in order: ids, positions, similarity, penalty, score, listeners, fallback (each an array).
UPDATE player_queue AS q
SET position = v.position,
    explanation = CASE WHEN v.fallback IS NOT NULL THEN jsonb_build_object(
        'similarity', v.similarity, 'penalty', v.penalty, 'score', v.score, 'listeners', v.listeners, 'fallback', v.fallback) END
FROM unnest({0}, {1}, {2}, {3}, {4}, {5}, {6})
     AS v(id, position, similarity, penalty, score, listeners, fallback)
WHERE q.id = v.id
