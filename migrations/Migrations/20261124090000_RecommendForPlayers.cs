using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// recommend_for_players: recommend_with_penalty (DESIGN §4.4) for a batch of players in one statement, so a tick plans
/// 100 players with one query instead of 100 calls (docs/benchmarks.md, "A full tick"). Same candidates, numbers and
/// order as before; what is shared by the batch is computed once: the public mixes' directions (before: a hash join
/// over every sound on every call), and the plays of the batch's players (before: one probe per candidate for the
/// tie-break). The nearest sounds still come per player from the HNSW index (a LATERAL index scan). JIT is off for
/// it: the batch query's estimated cost passes jit_above_cost, and compiling it took about a second per call here,
/// for a query that runs in tens of milliseconds. recommend_with_penalty keeps its signature and becomes the batch
/// function with a batch of one. Down restores it as 20261123140000_RecommendOnHnswIndex left it.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261124090000_RecommendForPlayers")]
public sealed class RecommendForPlayers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(UpSql);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DownSql);

    /// <summary>Also the Down of 20261203100000_VectorsThatRank, which restores this body.</summary>
    internal const string UpSql = """
        -- recommend_with_penalty for every player of p_players (distinct ids), whose taste is at the same position of p_tastes:
        -- the best p_limit candidates of each, numbered by rank (1 = best). The rules are recommend_with_penalty's
        -- (20261123120000_CollectiveEngine): score = cos − λ · Σ exp(−age/τ) over the player's plays younger than W; the
        -- nearest p_candidates sounds from the HNSW index (exact order over the library when the player has one); public
        -- mixes by the volume-weighted sum of their layers' embeddings (with a library, only when every layer is in it);
        -- never what the player is playing, and not what it has queued when p_exclude_queued; a zero or null taste
        -- explores (similarity 0, the least recently played considered); equal scores go to what the player played least
        -- recently, never-played first.
        CREATE FUNCTION public.recommend_for_players(
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
            -- The batch: each player's taste, whether it explores or has a library, and what it is playing.
            WITH req AS MATERIALIZED (
                SELECT t.player_id, t.taste,
                       t.taste IS NULL OR vector_norm(t.taste) = 0 AS explore,
                       EXISTS (SELECT 1 FROM player_library pl WHERE pl.player_id = t.player_id) AS has_library,
                       p.current_sound_id, p.current_mix_id
                FROM unnest(p_players, p_tastes) AS t(player_id, taste)
                LEFT JOIN players p ON p.id = t.player_id
            ),
            -- Public mixes, once for the batch: direction, and every layer's sound for the library check.
            mix_directions AS MATERIALIZED (
                SELECT m.id, d.embedding,
                       ARRAY(SELECT x.sound_id FROM jsonb_to_recordset(m.layers) AS x(sound_id uuid)) AS layer_ids
                FROM mixes m
                CROSS JOIN LATERAL (
                    SELECT sum(e.embedding * array_fill(l.volume::real, ARRAY[5])::vector) AS embedding
                    FROM jsonb_to_recordset(m.layers) AS l(sound_id uuid, volume double precision)
                    CROSS JOIN LATERAL (SELECT s.embedding FROM sounds s WHERE s.id = l.sound_id) e
                    WHERE e.embedding IS NOT NULL AND l.volume > 0) d
                WHERE m.is_public AND d.embedding IS NOT NULL
            ),
            -- The batch's plays, once: per player and item, the last play (tie-break) and Σ exp(−age/τ) inside the window.
            history AS MATERIALIZED (
                SELECT h.player_id, coalesce(h.sound_id, h.mix_id) AS item_id, h.mix_id IS NOT NULL AS is_mix, max(h.started_at) AS last_played,
                       sum(exp(-extract(epoch FROM (p_now - h.started_at)) / p_tau_seconds))
                           FILTER (WHERE h.started_at <= p_now AND h.started_at > p_now - make_interval(secs => p_window_seconds)) AS penalty
                FROM play_history h
                WHERE h.player_id = ANY (p_players)
                GROUP BY h.player_id, coalesce(h.sound_id, h.mix_id), h.mix_id IS NOT NULL
            ),
            -- Per player (LATERAL): the nearest sounds on the index, or over its library, or the least recently played;
            -- then every public mix.
            candidates AS (
                SELECT r.player_id, n.id AS sound_id, NULL::uuid AS mix_id, n.similarity
                FROM req r
                CROSS JOIN LATERAL (
                    (SELECT s.id, 1 - (s.embedding <=> r.taste) AS similarity FROM sounds s
                     WHERE NOT r.explore AND NOT r.has_library AND s.embedding IS NOT NULL
                       AND s.id IS DISTINCT FROM r.current_sound_id
                       AND NOT (p_exclude_queued AND EXISTS (SELECT 1 FROM player_queue q WHERE q.player_id = r.player_id AND q.sound_id = s.id))
                     ORDER BY s.embedding <=> r.taste
                     LIMIT p_candidates)
                    UNION ALL
                    (SELECT s.id, 1 - (s.embedding <=> r.taste) FROM player_library pl JOIN sounds s ON s.id = pl.sound_id
                     WHERE NOT r.explore AND r.has_library AND pl.player_id = r.player_id AND s.embedding IS NOT NULL
                       AND s.id IS DISTINCT FROM r.current_sound_id
                       AND NOT (p_exclude_queued AND EXISTS (SELECT 1 FROM player_queue q WHERE q.player_id = r.player_id AND q.sound_id = s.id))
                     ORDER BY s.embedding <=> r.taste
                     LIMIT p_candidates)
                    UNION ALL
                    (SELECT s.id, 0::double precision FROM sounds s
                     WHERE r.explore AND s.embedding IS NOT NULL
                       AND (NOT r.has_library OR EXISTS (SELECT 1 FROM player_library pl WHERE pl.player_id = r.player_id AND pl.sound_id = s.id))
                       AND s.id IS DISTINCT FROM r.current_sound_id
                       AND NOT (p_exclude_queued AND EXISTS (SELECT 1 FROM player_queue q WHERE q.player_id = r.player_id AND q.sound_id = s.id))
                     ORDER BY (SELECT max(h.started_at) FROM play_history h WHERE h.player_id = r.player_id AND h.sound_id = s.id) NULLS FIRST,
                              s.created_at, s.id
                     LIMIT p_candidates)
                ) n
                UNION ALL
                SELECT r.player_id, NULL::uuid, md.id,
                       CASE WHEN r.explore OR vector_norm(md.embedding) = 0 THEN 0 ELSE 1 - (md.embedding <=> r.taste) END
                FROM req r
                CROSS JOIN mix_directions md
                WHERE md.id IS DISTINCT FROM r.current_mix_id
                  AND NOT (p_exclude_queued AND EXISTS (SELECT 1 FROM player_queue q WHERE q.player_id = r.player_id AND q.mix_id = md.id))
                  AND (NOT r.has_library OR NOT EXISTS (
                        SELECT 1 FROM unnest(md.layer_ids) AS x(sound_id)
                        WHERE NOT EXISTS (SELECT 1 FROM player_library pl WHERE pl.player_id = r.player_id AND pl.sound_id = x.sound_id)))
            ),
            -- "penalty" is what the score loses (λ · Σ), as in the Domain's RecommendationScoring.
            ranked AS (
                SELECT c.player_id, c.sound_id, c.mix_id, c.similarity,
                       p_lambda * coalesce(h.penalty, 0) AS penalty,
                       c.similarity - p_lambda * coalesce(h.penalty, 0) AS score,
                       row_number() OVER (PARTITION BY c.player_id
                                          ORDER BY c.similarity - p_lambda * coalesce(h.penalty, 0) DESC,
                                                   h.last_played NULLS FIRST, c.sound_id, c.mix_id) AS rank
                FROM candidates c
                LEFT JOIN history h ON h.player_id = c.player_id AND h.item_id = coalesce(c.sound_id, c.mix_id)
                                   AND h.is_mix = (c.mix_id IS NOT NULL)
            )
            SELECT k.player_id, k.rank, k.sound_id, k.mix_id, k.similarity, k.penalty, k.score
            FROM ranked k
            WHERE k.rank <= p_limit
            ORDER BY k.player_id, k.rank;
        END
        $fn$;

        -- The single-player form keeps its signature and meaning; it is now the batch function with a batch of one.
        CREATE OR REPLACE FUNCTION public.recommend_with_penalty(
            p_player uuid, p_taste vector, p_now timestamptz,
            p_lambda double precision, p_tau_seconds double precision, p_window_seconds double precision,
            p_candidates integer, p_limit integer, p_exclude_queued boolean DEFAULT true)
        RETURNS TABLE (sound_id uuid, mix_id uuid, similarity double precision, penalty double precision, score double precision)
        LANGUAGE sql VOLATILE
        SET search_path = public, pg_temp
        AS $fn$
            SELECT r.sound_id, r.mix_id, r.similarity, r.penalty, r.score
            FROM public.recommend_for_players(ARRAY[p_player], ARRAY[p_taste], p_now, p_lambda, p_tau_seconds, p_window_seconds,
                                              p_candidates, p_limit, p_exclude_queued) AS r
            ORDER BY r.rank
        $fn$;
        """;

    /// <summary>The single-player function as 20261123140000_RecommendOnHnswIndex created it, and no batch function.</summary>
    private const string DownSql = RecommendOnHnswIndex.UpSql + "\n\n" +
        "DROP FUNCTION IF EXISTS public.recommend_for_players(uuid[], vector[], timestamptz, double precision, double precision, double precision, integer, integer, boolean);";
}
