-- One queue notification per payload ("playerId:version"), delivered when the transaction commits.
-- Arguments, in order: channel, payloads (text[]).
SELECT pg_notify({0}, v.payload) FROM unnest({1}) AS v(payload)
