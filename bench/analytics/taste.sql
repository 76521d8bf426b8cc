-- The API's taste query (SoundscapeDbContext.Analytics.cs) with its bucket for the period (:bucket seconds).
\set p random(1, 100)
\set d random(0, 334)
WITH buckets AS (
    SELECT date_bin(make_interval(secs => :bucket), h.planned_at, timestamptz '2026-01-01 00:00:00+00' + :d * interval '1 day') AS at,
           avg(h.taste)::real[] AS t, max(h.listeners)::integer AS listeners, count(*)::integer AS samples
    FROM room_taste_history h
    WHERE h.player_id = md5('bench-player-' || :p)::uuid
      AND h.planned_at >= timestamptz '2026-01-01 00:00:00+00' + :d * interval '1 day'
      AND h.planned_at < timestamptz '2026-01-01 00:00:00+00' + (:d + :days) * interval '1 day'
    GROUP BY 1
),
before AS (
    SELECT h.planned_at AS at, h.taste::real[] AS t, h.listeners::integer AS listeners, 1 AS samples
    FROM room_taste_history h
    WHERE h.player_id = md5('bench-player-' || :p)::uuid AND h.planned_at < timestamptz '2026-01-01 00:00:00+00' + :d * interval '1 day'
    ORDER BY h.planned_at DESC LIMIT 1
),
rows AS (SELECT * FROM before UNION ALL SELECT * FROM buckets)
SELECT at, t[1], t[2], t[3], t[4], t[5], listeners, samples FROM rows ORDER BY at;
