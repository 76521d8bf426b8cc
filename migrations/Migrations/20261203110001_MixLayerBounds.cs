using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// The mix bounds of the domain (<c>MixLayer</c>, <c>Mix</c>) as the database's second line: a layer's delay is 0–3600 s,
/// its volume 0 or 0.0001–1 (−80 dBFS), a mix lasts at most 86 400 s (24 h).
/// <para>
/// Rows written before the bounds are clamped first (<see cref="ClampSql"/>), since the domain would refuse to load
/// them: a delay beyond an hour becomes an hour (and the mix's duration is recomputed from it, as MixDuration does), a
/// volume under the floor becomes 0 — it was inaudible, and it is what underflowed the mix's direction — one above 1
/// becomes 1, and a duration still beyond 24 h (a sound that long) is cut to 24 h, which is also where the player
/// agent stops the mix.
/// </para>
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261203110001_MixLayerBounds")]
public sealed class MixLayerBounds : Migration
{
    /// <summary>The clamp of existing rows; public so a test can run it on rows that break the bounds.</summary>
    public const string ClampSql = """
        -- The duration first, from the clamped delays (MixDuration: the longest sound + delay of the non-looping
        -- layers, or of all layers when every one loops; a removed sound lasts 0).
        UPDATE mixes m SET duration = d.duration
        FROM (SELECT l.mix_id, coalesce(max(l.span) FILTER (WHERE NOT l.loop), max(l.span)) AS duration
              FROM (SELECT m2.id AS mix_id, coalesce((e.layer ->> 'loop')::boolean, false) AS loop,
                           coalesce(s.duration, 0) + least(greatest(coalesce((e.layer ->> 'delay_seconds')::float8, 0), 0), 3600) AS span
                    FROM mixes m2
                    CROSS JOIN jsonb_array_elements(m2.layers) AS e(layer)
                    LEFT JOIN sounds s ON s.id = (e.layer ->> 'sound_id')::uuid
                    WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(m2.layers) AS b(layer)
                                  WHERE (b.layer ->> 'delay_seconds')::float8 NOT BETWEEN 0 AND 3600)) l
              GROUP BY l.mix_id) d
        WHERE m.id = d.mix_id;

        UPDATE mixes m SET layers = fixed.layers
        FROM (SELECT m2.id, jsonb_agg(e.layer || jsonb_build_object(
                         'delay_seconds', least(greatest(coalesce((e.layer ->> 'delay_seconds')::float8, 0), 0), 3600),
                         'volume', CASE WHEN (e.layer ->> 'volume')::float8 < 0.0001 THEN 0
                                        ELSE least((e.layer ->> 'volume')::float8, 1) END)
                     ORDER BY e.ord) AS layers
              FROM mixes m2 CROSS JOIN jsonb_array_elements(m2.layers) WITH ORDINALITY AS e(layer, ord)
              GROUP BY m2.id) fixed
        WHERE m.id = fixed.id AND m.layers IS DISTINCT FROM fixed.layers;

        UPDATE mixes SET duration = 86400 WHERE duration > 86400;
        """;

    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ClampSql + """

        CREATE FUNCTION mix_layers_within_bounds(layers jsonb) RETURNS boolean
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN NOT EXISTS (
                SELECT 1 FROM jsonb_array_elements(layers) AS e(layer)
                WHERE (e.layer ->> 'delay_seconds')::float8 NOT BETWEEN 0 AND 3600
                   OR NOT ((e.layer ->> 'volume')::float8 = 0 OR (e.layer ->> 'volume')::float8 BETWEEN 0.0001 AND 1));

        ALTER TABLE mixes
            ADD CONSTRAINT mixes_duration_at_most_a_day CHECK (duration <= 86400),
            ADD CONSTRAINT mixes_layers_within_bounds CHECK (mix_layers_within_bounds(layers));
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE mixes DROP CONSTRAINT IF EXISTS mixes_layers_within_bounds, DROP CONSTRAINT IF EXISTS mixes_duration_at_most_a_day;
        DROP FUNCTION IF EXISTS mix_layers_within_bounds(jsonb);
        """);
}
