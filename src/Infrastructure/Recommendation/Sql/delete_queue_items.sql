-- Arguments, in order: queue item ids (uuid[]).
DELETE FROM player_queue WHERE id = ANY({0})
