-- The live definition of public.recommend_for_players (DESIGN §4.4 for a batch of players). Edit it here, then add a
-- migration that applies it again (RecommendationFunctions.Apply); 20261203100000_VectorsThatRank wrote this body last.
CREATE OR REPLACE FUNCTION public.recommend_for_players(
    p_players uuid[], p_tastes vector[], p_now timestamptz,
    p_lambda double precision, p_tau_seconds double precision, p_window_seconds double precision,
    p_candidates integer, p_limit integer, p_exclude_queued boolean DEFAULT true)
RETURNS TABLE (player_id uuid, rank bigint, sound_id uuid, mix_id uuid, similarity double precision, penalty double precision, score double precision)
LANGUAGE plpgsql VOLATILE
SET search_path = public, pg_temp
SET jit = off
AS $fn$
BEGIN
    PERFORM set_config('hnsw.ef_search', greatest(40, p_candidates)::text, true);
    PERFORM set_config('hnsw.iterative_scan', 'relaxed_order', true);

    RETURN QUERY
    -- The batch: each player's taste as a unit direction (null when it explores: no taste, or a zero one),
    -- whether it has a library, and what it is playing. l2_normalize divides in double, so a denormal or a
    -- float32-sized taste still has a direction <=> can use.
    WITH req AS MATERIALIZED (
        SELECT t.player_id, x.explore,
               CASE WHEN NOT x.explore THEN l2_normalize(t.taste) END AS taste,
               EXISTS (SELECT 1 FROM player_library pl WHERE pl.player_id = t.player_id) AS has_library,
               p.current_sound_id, p.current_mix_id
        FROM unnest(p_players, p_tastes) AS t(player_id, taste)
        CROSS JOIN LATERAL (SELECT t.taste IS NULL OR NOT (vector_norm(t.taste) > 0) AS explore) x
        LEFT JOIN players p ON p.id = t.player_id
    ),
    -- Public mixes, once for the batch: the unit direction of Σ wᵢ·eᵢ / Σ wᵢ with wᵢ = volumeᵢ / loudest volume,
    -- over the layers whose sound has a direction (MixEmbedding in the Domain), and every layer's sound for the
    -- library check. The ratio is taken in numeric (a volume may be any JSON number) and a weight below 1e-150
    -- counts as 0, so the cast to double cannot underflow; the sums are in double.
    layer_weights AS MATERIALIZED (
        SELECT m.id AS mix_id, s.embedding::real[] AS e,
               CASE WHEN l.volume / max(l.volume) OVER (PARTITION BY m.id) < 1e-150 THEN 0
                    ELSE (l.volume / max(l.volume) OVER (PARTITION BY m.id))::double precision END AS w
        FROM mixes m
        CROSS JOIN LATERAL jsonb_to_recordset(m.layers) AS l(sound_id uuid, volume numeric)
        JOIN sounds s ON s.id = l.sound_id
        WHERE m.is_public AND l.volume > 0 AND public.vector_has_direction(s.embedding)
    ),
    -- PostgreSQL raises an error (not 0) when a product underflows: weights below 1e-150 count as 0 above, and
    -- summed components below 1e-150 as 0 here, so that w·e (|e| ≥ 1.4e-45 as float4) and x² stay in range.
    -- Neither changes a direction the check below accepts (its mean is at least 1e-18 long).
    mix_sums AS (
        SELECT t.mix_id, t.weight,
               ARRAY(SELECT CASE WHEN abs(u.v) < 1e-150 THEN 0 ELSE u.v END FROM unnest(t.x) WITH ORDINALITY AS u(v, i) ORDER BY u.i) AS x
        FROM (
            SELECT lw.mix_id, sum(lw.w) AS weight,
                   ARRAY[sum(lw.w * lw.e[1]), sum(lw.w * lw.e[2]), sum(lw.w * lw.e[3]), sum(lw.w * lw.e[4]), sum(lw.w * lw.e[5])] AS x
            FROM layer_weights lw
            WHERE lw.w > 0
            GROUP BY lw.mix_id) t
    ),
    mix_directions AS MATERIALIZED (
        SELECT m.id, ARRAY[ms.x[1] / n.norm, ms.x[2] / n.norm, ms.x[3] / n.norm, ms.x[4] / n.norm, ms.x[5] / n.norm]::vector AS direction,
               ARRAY(SELECT x.sound_id FROM jsonb_to_recordset(m.layers) AS x(sound_id uuid)) AS layer_ids
        FROM mix_sums ms
        JOIN mixes m ON m.id = ms.mix_id
        CROSS JOIN LATERAL (SELECT sqrt(ms.x[1] * ms.x[1] + ms.x[2] * ms.x[2] + ms.x[3] * ms.x[3] + ms.x[4] * ms.x[4] + ms.x[5] * ms.x[5]) AS norm) n
        WHERE ms.weight > 0 AND n.norm / ms.weight BETWEEN 1e-18 AND 1e18
    ),
    -- The batch's plays, once: per player and item, the last play (tie-break) and Σ exp(−age/τ) inside the window.
    -- exp() raises an error rather than return 0 below about e^−745, so the exponent stops at −700.
    history AS MATERIALIZED (
        SELECT h.player_id, coalesce(h.sound_id, h.mix_id) AS item_id, h.mix_id IS NOT NULL AS is_mix, max(h.started_at) AS last_played,
               sum(exp(greatest(-700::double precision, -extract(epoch FROM (p_now - h.started_at))::double precision / p_tau_seconds)))
                   FILTER (WHERE h.started_at <= p_now AND h.started_at > p_now - make_interval(secs => p_window_seconds)) AS penalty
        FROM play_history h
        WHERE h.player_id = ANY (p_players)
        GROUP BY h.player_id, coalesce(h.sound_id, h.mix_id), h.mix_id IS NOT NULL
    ),
    -- Per player (LATERAL): the nearest sounds on the index, or over its library, or the least recently played;
    -- then every public mix. Only sounds with a direction (the check on sounds.embedding already says so; the
    -- ranking does not rely on it).
    candidates AS (
        SELECT r.player_id, n.id AS sound_id, NULL::uuid AS mix_id, n.similarity
        FROM req r
        CROSS JOIN LATERAL (
            (SELECT s.id, 1 - (s.embedding <=> r.taste) AS similarity FROM sounds s
             WHERE NOT r.explore AND NOT r.has_library AND s.embedding IS NOT NULL AND public.vector_has_direction(s.embedding)
               AND s.id IS DISTINCT FROM r.current_sound_id
               AND NOT (p_exclude_queued AND EXISTS (SELECT 1 FROM player_queue q WHERE q.player_id = r.player_id AND q.sound_id = s.id))
             ORDER BY s.embedding <=> r.taste
             LIMIT p_candidates)
            UNION ALL
            (SELECT s.id, 1 - (s.embedding <=> r.taste) FROM player_library pl JOIN sounds s ON s.id = pl.sound_id
             WHERE NOT r.explore AND r.has_library AND pl.player_id = r.player_id AND s.embedding IS NOT NULL
               AND public.vector_has_direction(s.embedding)
               AND s.id IS DISTINCT FROM r.current_sound_id
               AND NOT (p_exclude_queued AND EXISTS (SELECT 1 FROM player_queue q WHERE q.player_id = r.player_id AND q.sound_id = s.id))
             ORDER BY s.embedding <=> r.taste
             LIMIT p_candidates)
            UNION ALL
            (SELECT s.id, 0::double precision FROM sounds s
             WHERE r.explore AND s.embedding IS NOT NULL AND public.vector_has_direction(s.embedding)
               AND (NOT r.has_library OR EXISTS (SELECT 1 FROM player_library pl WHERE pl.player_id = r.player_id AND pl.sound_id = s.id))
               AND s.id IS DISTINCT FROM r.current_sound_id
               AND NOT (p_exclude_queued AND EXISTS (SELECT 1 FROM player_queue q WHERE q.player_id = r.player_id AND q.sound_id = s.id))
             ORDER BY (SELECT max(h.started_at) FROM play_history h WHERE h.player_id = r.player_id AND h.sound_id = s.id) NULLS FIRST,
                      s.created_at, s.id
             LIMIT p_candidates)
        ) n
        UNION ALL
        SELECT r.player_id, NULL::uuid, md.id,
               CASE WHEN r.explore THEN 0 ELSE 1 - (md.direction <=> r.taste) END
        FROM req r
        CROSS JOIN mix_directions md
        WHERE md.id IS DISTINCT FROM r.current_mix_id
          AND NOT (p_exclude_queued AND EXISTS (SELECT 1 FROM player_queue q WHERE q.player_id = r.player_id AND q.mix_id = md.id))
          AND (NOT r.has_library OR NOT EXISTS (
                SELECT 1 FROM unnest(md.layer_ids) AS x(sound_id)
                WHERE NOT EXISTS (SELECT 1 FROM player_library pl WHERE pl.player_id = r.player_id AND pl.sound_id = x.sound_id)))
    ),
    -- NaN is above every number to PostgreSQL (and equal to itself), so it is filtered out by name before any
    -- ordering; rounding can leave a cosine a hair outside [-1, 1], as the Domain's CosineSimilarity clamps.
    finite AS (
        SELECT c.player_id, c.sound_id, c.mix_id, greatest(-1::double precision, least(1::double precision, c.similarity)) AS similarity
        FROM candidates c
        WHERE c.similarity > '-Infinity'::double precision AND c.similarity < 'Infinity'::double precision
    ),
    -- "penalty" is what the score loses (λ · Σ), as in the Domain's RecommendationScoring.
    ranked AS (
        SELECT c.player_id, c.sound_id, c.mix_id, c.similarity,
               p_lambda * coalesce(h.penalty, 0) AS penalty,
               c.similarity - p_lambda * coalesce(h.penalty, 0) AS score,
               row_number() OVER (PARTITION BY c.player_id
                                  ORDER BY c.similarity - p_lambda * coalesce(h.penalty, 0) DESC,
                                           h.last_played NULLS FIRST, c.sound_id, c.mix_id) AS rank
        FROM finite c
        LEFT JOIN history h ON h.player_id = c.player_id AND h.item_id = coalesce(c.sound_id, c.mix_id)
                           AND h.is_mix = (c.mix_id IS NOT NULL)
    )
    SELECT k.player_id, k.rank, k.sound_id, k.mix_id, k.similarity, k.penalty, k.score
    FROM ranked k
    WHERE k.rank <= p_limit
    ORDER BY k.player_id, k.rank;
END
$fn$;
