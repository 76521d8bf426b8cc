-- This instance's share of a planning round: the online players not yet planned in it. SKIP LOCKED, so two instances
-- running the same round never claim the same player.
-- Arguments, in order: round, online since.
UPDATE players SET planned_round = {0}
WHERE id IN (SELECT id FROM players
             WHERE planned_round < {0} AND status <> 'offline' AND last_poll_at > {1}
             FOR UPDATE SKIP LOCKED)
RETURNING id AS "Value"
