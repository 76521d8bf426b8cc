-- Every planned player's room and queue version, one row per player of the batch.
-- Arguments, in order: ids (uuid[]), collective vectors (text[], null for none), fallbacks (text[]), planned at
-- (timestamptz[]), queue versions (bigint[]).
UPDATE players AS p
SET collective_vector = v.collective_vector::vector, collective_fallback = v.collective_fallback,
    planned_at = v.planned_at, queue_version = v.queue_version
FROM unnest({0}, {1}, {2}, {3}, {4})
     AS v(id, collective_vector, collective_fallback, planned_at, queue_version)
WHERE p.id = v.id
