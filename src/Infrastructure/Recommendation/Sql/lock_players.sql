-- The players of a batch that exist, their rows locked for the transaction in id order (so two batches that share
-- players wait for each other instead of deadlocking).
-- Arguments, in order: player ids (uuid[]).
SELECT * FROM players WHERE id = ANY({0}) ORDER BY id FOR UPDATE
