-- One player's new queue version ("playerId:version"), delivered when the transaction commits.
-- Arguments, in order: channel, payload.
SELECT pg_notify({0}, {1})
