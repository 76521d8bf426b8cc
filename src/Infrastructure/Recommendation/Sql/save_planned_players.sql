-- Every planned player's room and queue version, one row per player of the batch.
-- Arguments, in order: ids (uuid[]), collective vectors (text[], null for none), fallbacks (text[]), planned at
-- (timestamptz[]), queue versions (bigint[]), whether the room version moves (boolean[]).
-- The room view shows each queued item's reasons (listeners, fallback, similarity, penalty), so a plan that only
-- refreshed them in place still moves the room's version: the players_room_version trigger then NOTIFYs, and the
-- room's streams and the console's queue table read them again. The queue version (the devices' ETag) stays, as the
-- items did. An explicit move is not moved again by the trigger.
UPDATE players AS p
SET collective_vector = v.collective_vector::vector, collective_fallback = v.collective_fallback,
    planned_at = v.planned_at, queue_version = v.queue_version,
    room_version = p.room_version + CASE WHEN v.move_room THEN 1 ELSE 0 END
FROM unnest({0}, {1}, {2}, {3}, {4}, {5})
     AS v(id, collective_vector, collective_fallback, planned_at, queue_version, move_room)
WHERE p.id = v.id
