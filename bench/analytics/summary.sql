\set p random(1, 100)
\set d random(0, 334)
SELECT * FROM public.room_analytics_summary(md5('bench-player-' || :p)::uuid,
    timestamptz '2026-01-01 00:00:00+00' + :d * interval '1 day', timestamptz '2026-01-01 00:00:00+00' + (:d + :days) * interval '1 day');
