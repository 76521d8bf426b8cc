using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// The admin console's library (issue 13):
/// <list type="bullet">
/// <item><c>sounds.calculated_embedding</c> keeps what the analysis found, so an admin's override (which writes
/// <c>embedding</c>) can be undone. Rows stored before this get their current embedding as the calculated one: an
/// override made earlier cannot be told apart, and is taken as calculated. The table's privileges and policies are
/// table-wide (select for all, write for admins), so the column needs no grant of its own.</item>
/// <item><c>public.sound_usage</c> counts what a sound's deletion takes with it or leaves silent, for admins only. It
/// runs as the table owner because row-level security hides other people's votes and private mixes from everyone,
/// admins included, and a count that leaves them out would understate the loss.</item>
/// </list>
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261204120000_CalculatedEmbeddingAndSoundUsage")]
public sealed class CalculatedEmbeddingAndSoundUsage : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE sounds ADD COLUMN calculated_embedding vector(5)
            CONSTRAINT ck_sounds_calculated_embedding_has_direction
            CHECK (calculated_embedding IS NULL OR public.vector_has_direction(calculated_embedding));
        UPDATE sounds SET calculated_embedding = embedding;

        -- Raises insufficient_privilege (42501) for anyone but an admin: only the counts leave, never the rows.
        CREATE FUNCTION public.sound_usage(p_sound_id uuid)
            RETURNS TABLE (queue_items integer, play_history integer, votes integer, player_libraries integer, mix_layers integer, mixes integer)
            LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp
            AS $fn$
            BEGIN
                IF NOT public.has_role('admin') THEN
                    RAISE EXCEPTION 'sound_usage is for admins' USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN QUERY SELECT
                    (SELECT count(*)::integer FROM public.player_queue q WHERE q.sound_id = p_sound_id),
                    (SELECT count(*)::integer FROM public.play_history h WHERE h.sound_id = p_sound_id),
                    (SELECT count(*)::integer FROM public.votes v WHERE v.sound_id = p_sound_id),
                    (SELECT count(*)::integer FROM public.player_library l WHERE l.sound_id = p_sound_id),
                    (SELECT count(*)::integer FROM public.mixes m CROSS JOIN jsonb_array_elements(m.layers) AS e(layer)
                        WHERE e.layer ->> 'sound_id' = p_sound_id::text),
                    (SELECT count(*)::integer FROM public.mixes m
                        WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(m.layers) AS e(layer) WHERE e.layer ->> 'sound_id' = p_sound_id::text));
            END
            $fn$;
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP FUNCTION IF EXISTS public.sound_usage(uuid);
        ALTER TABLE sounds DROP COLUMN IF EXISTS calculated_embedding;
        """);
}
