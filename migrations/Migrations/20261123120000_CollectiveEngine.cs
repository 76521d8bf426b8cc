using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// The collective engine (DESIGN §4.3–§4.5, §5): a queue version per player for devices to poll against, the round a
/// player was last planned in (so two API instances never plan one player in the same round), the queue item a play
/// came from, device play events made idempotent by their id, and recommend_with_penalty as set-based SQL.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261123120000_CollectiveEngine")]
public sealed class CollectiveEngine : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(UpSql);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP FUNCTION IF EXISTS public.recommend_with_penalty(uuid, vector, timestamptz, double precision, double precision, double precision, integer, integer, boolean);
        DROP TABLE IF EXISTS device_events;
        DROP INDEX IF EXISTS ux_play_history_queue_item;
        ALTER TABLE play_history DROP COLUMN IF EXISTS queue_item_id;
        ALTER TABLE players DROP COLUMN IF EXISTS queue_version, DROP COLUMN IF EXISTS planned_round;
        """);

    private const string UpSql = """
        ALTER TABLE players
            ADD COLUMN queue_version bigint NOT NULL DEFAULT 0,
            ADD COLUMN planned_round bigint NOT NULL DEFAULT 0;

        ALTER TABLE play_history ADD COLUMN queue_item_id uuid;
        CREATE UNIQUE INDEX ux_play_history_queue_item ON play_history (queue_item_id) WHERE queue_item_id IS NOT NULL;

        -- Devices report plays with an id of their own; a report delivered twice is recorded once.
        CREATE TABLE device_events (
            event_id      uuid PRIMARY KEY,
            player_id     uuid NOT NULL REFERENCES players (id) ON DELETE CASCADE,
            queue_item_id uuid NOT NULL,
            kind          text NOT NULL CHECK (kind IN ('started', 'ended')),
            at            timestamptz NOT NULL,
            received_at   timestamptz NOT NULL DEFAULT now()
        );
        ALTER TABLE device_events ENABLE ROW LEVEL SECURITY;

        -- recommend_with_penalty (DESIGN §4.4): the nearest candidates to the collective taste by pgvector's <=> on the
        -- HNSW index, then re-ranked by score = cos − λ · Σ exp(−age/τ) over this player's plays younger than W.
        -- Candidates: sounds with an embedding, and public mixes with the volume-weighted sum of their layers'
        -- embeddings (the same direction as the weighted mean, and cosine only sees direction); restricted to the
        -- player's library when it has one (a mix only when every layer is in it); never what is playing, and not
        -- what is queued when p_exclude_queued (a re-plan replaces the queue, so it passes false).
        -- A zero taste means "explore": similarity 0, and the least recently played candidates are considered.
        CREATE FUNCTION public.recommend_with_penalty(
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
