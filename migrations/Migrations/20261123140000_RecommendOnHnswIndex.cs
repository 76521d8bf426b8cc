using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// recommend_with_penalty (DESIGN §4.4) did not use the HNSW index: its nearest candidates were ordered out of the
/// "allowed" CTE, which PostgreSQL materializes (it is read twice), so every call scanned and sorted all sounds
/// (about 90 ms at 100,000 sounds; docs/benchmarks.md, "Engine"). For a player without a library the nearest step now
/// reads sounds directly, on the index; with a library it keeps the exact scan. Nothing else changes.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261123140000_RecommendOnHnswIndex")]
public sealed class RecommendOnHnswIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(UpSql);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DownSql);

    /// <summary>Also the Down of 20261124090000_RecommendForPlayers, which restores this body.</summary>
    internal const string UpSql = """
        CREATE OR REPLACE FUNCTION public.recommend_with_penalty(
            p_player uuid, p_taste vector, p_now timestamptz,
            p_lambda double precision, p_tau_seconds double precision, p_window_seconds double precision,
            p_candidates integer, p_limit integer, p_exclude_queued boolean DEFAULT true)
        RETURNS TABLE (sound_id uuid, mix_id uuid, similarity double precision, penalty double precision, score double precision)
        LANGUAGE plpgsql VOLATILE
        SET search_path = public, pg_temp
        AS $fn$
        DECLARE
            v_explore boolean := p_taste IS NULL OR vector_norm(p_taste) = 0;
            v_has_library boolean := EXISTS (SELECT 1 FROM player_library pl WHERE pl.player_id = p_player);
        BEGIN
            -- The index scan must yield enough rows for the re-ranking, and keep going past filtered-out ones.
            PERFORM set_config('hnsw.ef_search', greatest(40, p_candidates)::text, true);
            PERFORM set_config('hnsw.iterative_scan', 'relaxed_order', true);

            RETURN QUERY
            WITH busy AS (
                SELECT p.current_sound_id AS sound_id, p.current_mix_id AS mix_id FROM players p WHERE p.id = p_player
                UNION ALL
                SELECT q.sound_id, q.mix_id FROM player_queue q WHERE p_exclude_queued AND q.player_id = p_player
            ),
            allowed AS (
                SELECT s.id, s.embedding, s.created_at FROM sounds s
                WHERE s.embedding IS NOT NULL
                  AND (NOT v_has_library OR EXISTS (SELECT 1 FROM player_library pl WHERE pl.player_id = p_player AND pl.sound_id = s.id))
                  AND NOT EXISTS (SELECT 1 FROM busy b WHERE b.sound_id = s.id)
            ),
            -- Without a library, straight from sounds, so that the HNSW index serves ORDER BY … LIMIT ("allowed" is
            -- read twice, hence materialized, and ordering it is a full scan). With a library, the exact order over
            -- "allowed" as before: the index's iterative scan could give up (hnsw.max_scan_tuples) before finding
            -- the few sounds a library allows.
            nearest AS (
                (SELECT s.id, 1 - (s.embedding <=> p_taste) AS similarity FROM sounds s
                 WHERE NOT v_explore AND NOT v_has_library AND s.embedding IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM busy b WHERE b.sound_id = s.id)
                 ORDER BY s.embedding <=> p_taste
                 LIMIT p_candidates)
                UNION ALL
                (SELECT a.id, 1 - (a.embedding <=> p_taste) FROM allowed a
                 WHERE NOT v_explore AND v_has_library
                 ORDER BY a.embedding <=> p_taste
                 LIMIT p_candidates)
            ),
            least_recent AS (
                SELECT a.id, 0::double precision AS similarity FROM allowed a
                WHERE v_explore
                ORDER BY (SELECT max(h.started_at) FROM play_history h WHERE h.player_id = p_player AND h.sound_id = a.id) NULLS FIRST,
                         a.created_at, a.id
                LIMIT p_candidates
            ),
            mix_directions AS (
                SELECT m.id, sum(s.embedding * array_fill(l.volume::real, ARRAY[5])::vector) AS embedding
                FROM mixes m
                CROSS JOIN LATERAL jsonb_to_recordset(m.layers) AS l(sound_id uuid, volume double precision)
                JOIN sounds s ON s.id = l.sound_id
                WHERE m.is_public AND s.embedding IS NOT NULL AND l.volume > 0
                  AND NOT EXISTS (SELECT 1 FROM busy b WHERE b.mix_id = m.id)
                  AND (NOT v_has_library OR NOT EXISTS (
                        SELECT 1 FROM jsonb_to_recordset(m.layers) AS x(sound_id uuid)
                        WHERE NOT EXISTS (SELECT 1 FROM player_library pl WHERE pl.player_id = p_player AND pl.sound_id = x.sound_id)))
                GROUP BY m.id
            ),
            candidates AS (
                SELECT n.id AS sound_id, NULL::uuid AS mix_id, n.similarity FROM nearest n
                UNION ALL
                SELECT r.id, NULL::uuid, r.similarity FROM least_recent r
                UNION ALL
                SELECT NULL::uuid, md.id,
                       CASE WHEN v_explore OR vector_norm(md.embedding) = 0 THEN 0 ELSE 1 - (md.embedding <=> p_taste) END
                FROM mix_directions md
            ),
            penalties AS (
                SELECT h.sound_id, h.mix_id,
                       sum(exp(-extract(epoch FROM (p_now - h.started_at)) / p_tau_seconds)) AS penalty
                FROM play_history h
                WHERE h.player_id = p_player
                  AND h.started_at <= p_now
                  AND h.started_at > p_now - make_interval(secs => p_window_seconds)
                GROUP BY h.sound_id, h.mix_id
            )
            -- "penalty" is what the score loses (λ · Σ), as in the Domain's RecommendationScoring.
            SELECT c.sound_id, c.mix_id, c.similarity, p_lambda * coalesce(pe.penalty, 0) AS penalty,
                   c.similarity - p_lambda * coalesce(pe.penalty, 0) AS score
            FROM candidates c
            LEFT JOIN penalties pe ON (c.sound_id IS NOT NULL AND pe.sound_id = c.sound_id) OR (c.mix_id IS NOT NULL AND pe.mix_id = c.mix_id)
            -- Equal scores (always, when exploring) go to what this player played least recently, never-played first.
            ORDER BY score DESC,
                     (SELECT max(h.started_at) FROM play_history h
                      WHERE h.player_id = p_player AND (h.sound_id = c.sound_id OR h.mix_id = c.mix_id)) NULLS FIRST,
                     c.sound_id, c.mix_id
            LIMIT p_limit;
        END
        $fn$;
        """;

    /// <summary>The function as 20261123120000_CollectiveEngine created it.</summary>
    private const string DownSql = """
        CREATE OR REPLACE FUNCTION public.recommend_with_penalty(
            p_player uuid, p_taste vector, p_now timestamptz,
            p_lambda double precision, p_tau_seconds double precision, p_window_seconds double precision,
            p_candidates integer, p_limit integer, p_exclude_queued boolean DEFAULT true)
        RETURNS TABLE (sound_id uuid, mix_id uuid, similarity double precision, penalty double precision, score double precision)
        LANGUAGE plpgsql VOLATILE
        SET search_path = public, pg_temp
        AS $fn$
        DECLARE
            v_explore boolean := p_taste IS NULL OR vector_norm(p_taste) = 0;
            v_has_library boolean := EXISTS (SELECT 1 FROM player_library pl WHERE pl.player_id = p_player);
        BEGIN
            -- The index scan must yield enough rows for the re-ranking, and keep going past filtered-out ones.
            PERFORM set_config('hnsw.ef_search', greatest(40, p_candidates)::text, true);
            PERFORM set_config('hnsw.iterative_scan', 'relaxed_order', true);

            RETURN QUERY
            WITH busy AS (
                SELECT p.current_sound_id AS sound_id, p.current_mix_id AS mix_id FROM players p WHERE p.id = p_player
                UNION ALL
                SELECT q.sound_id, q.mix_id FROM player_queue q WHERE p_exclude_queued AND q.player_id = p_player
            ),
            allowed AS (
                SELECT s.id, s.embedding, s.created_at FROM sounds s
                WHERE s.embedding IS NOT NULL
                  AND (NOT v_has_library OR EXISTS (SELECT 1 FROM player_library pl WHERE pl.player_id = p_player AND pl.sound_id = s.id))
                  AND NOT EXISTS (SELECT 1 FROM busy b WHERE b.sound_id = s.id)
            ),
            nearest AS (
                SELECT a.id, 1 - (a.embedding <=> p_taste) AS similarity FROM allowed a
                WHERE NOT v_explore
                ORDER BY a.embedding <=> p_taste
                LIMIT p_candidates
            ),
            least_recent AS (
                SELECT a.id, 0::double precision AS similarity FROM allowed a
                WHERE v_explore
                ORDER BY (SELECT max(h.started_at) FROM play_history h WHERE h.player_id = p_player AND h.sound_id = a.id) NULLS FIRST,
                         a.created_at, a.id
                LIMIT p_candidates
            ),
            mix_directions AS (
                SELECT m.id, sum(s.embedding * array_fill(l.volume::real, ARRAY[5])::vector) AS embedding
                FROM mixes m
                CROSS JOIN LATERAL jsonb_to_recordset(m.layers) AS l(sound_id uuid, volume double precision)
                JOIN sounds s ON s.id = l.sound_id
                WHERE m.is_public AND s.embedding IS NOT NULL AND l.volume > 0
                  AND NOT EXISTS (SELECT 1 FROM busy b WHERE b.mix_id = m.id)
                  AND (NOT v_has_library OR NOT EXISTS (
                        SELECT 1 FROM jsonb_to_recordset(m.layers) AS x(sound_id uuid)
                        WHERE NOT EXISTS (SELECT 1 FROM player_library pl WHERE pl.player_id = p_player AND pl.sound_id = x.sound_id)))
                GROUP BY m.id
            ),
            candidates AS (
                SELECT n.id AS sound_id, NULL::uuid AS mix_id, n.similarity FROM nearest n
                UNION ALL
                SELECT r.id, NULL::uuid, r.similarity FROM least_recent r
                UNION ALL
                SELECT NULL::uuid, md.id,
                       CASE WHEN v_explore OR vector_norm(md.embedding) = 0 THEN 0 ELSE 1 - (md.embedding <=> p_taste) END
                FROM mix_directions md
            ),
            penalties AS (
                SELECT h.sound_id, h.mix_id,
                       sum(exp(-extract(epoch FROM (p_now - h.started_at)) / p_tau_seconds)) AS penalty
                FROM play_history h
                WHERE h.player_id = p_player
                  AND h.started_at <= p_now
                  AND h.started_at > p_now - make_interval(secs => p_window_seconds)
                GROUP BY h.sound_id, h.mix_id
            )
            -- "penalty" is what the score loses (λ · Σ), as in the Domain's RecommendationScoring.
            SELECT c.sound_id, c.mix_id, c.similarity, p_lambda * coalesce(pe.penalty, 0) AS penalty,
                   c.similarity - p_lambda * coalesce(pe.penalty, 0) AS score
            FROM candidates c
            LEFT JOIN penalties pe ON (c.sound_id IS NOT NULL AND pe.sound_id = c.sound_id) OR (c.mix_id IS NOT NULL AND pe.mix_id = c.mix_id)
            -- Equal scores (always, when exploring) go to what this player played least recently, never-played first.
            ORDER BY score DESC,
                     (SELECT max(h.started_at) FROM play_history h
                      WHERE h.player_id = p_player AND (h.sound_id = c.sound_id OR h.mix_id = c.mix_id)) NULLS FIRST,
                     c.sound_id, c.mix_id
            LIMIT p_limit;
        END
        $fn$;
        """;
}
