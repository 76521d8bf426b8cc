using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// Room analytics (issue 13): the room's taste each time it is planned (room_taste_history, written by the engine as
/// soundscape_service, read by the player's manager and admins under row-level security), the indexes the period
/// queries need, and three SECURITY DEFINER functions that aggregate votes and sessions (private to each listener)
/// into numbers for the player's manager or an admin only. See docs/decisions.md, "Room analytics".
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261204130000_RoomAnalytics")]
public sealed class RoomAnalytics : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(UpSql);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP FUNCTION IF EXISTS public.room_analytics_sounds(uuid, timestamptz, timestamptz);
        DROP FUNCTION IF EXISTS public.room_analytics_summary(uuid, timestamptz, timestamptz);
        DROP FUNCTION IF EXISTS public.can_read_player_analytics(uuid);
        DROP INDEX IF EXISTS ix_sessions_player_checked_in;
        DROP INDEX IF EXISTS ix_votes_player_created;
        DROP TABLE IF EXISTS room_taste_history;
        """);

    private const string UpSql = """
        -- One row per plan that moved the room's taste (or its listener count): about 40 bytes a row. taste is what the
        -- public room view may show (players.collective_vector): null when fewer than 3 listeners' tastes made it or when
        -- exploring, so the history never holds one person's taste.
        CREATE TABLE room_taste_history (
            player_id  uuid NOT NULL REFERENCES players (id) ON DELETE CASCADE,
            planned_at timestamptz NOT NULL,
            taste      vector(5),
            listeners  smallint NOT NULL CHECK (listeners >= 0),
            CONSTRAINT pk_room_taste_history PRIMARY KEY (player_id, planned_at)
        );

        ALTER TABLE room_taste_history ENABLE ROW LEVEL SECURITY;
        CREATE POLICY room_taste_history_select_manager ON room_taste_history FOR SELECT
            USING (EXISTS (SELECT 1 FROM players p WHERE p.id = player_id
                           AND (p.manager_id = (SELECT auth.uid()) OR (SELECT public.has_role('admin')))));

        -- The analytics' period queries: a room's votes and check-ins by time (play_history has its own index).
        CREATE INDEX ix_votes_player_created ON votes (player_id, created_at) WHERE player_id IS NOT NULL;
        CREATE INDEX ix_sessions_player_checked_in ON sessions (player_id, checked_in_at) INCLUDE (user_id, last_active_at)
            WHERE player_id IS NOT NULL;

        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_app')
               OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_service') THEN
                RAISE NOTICE 'soundscape_app or soundscape_service is missing: privileges left as they are';
                RETURN;
            END IF;
            -- Read-only for the API's role; the engine (planning) and the retention sweep write as the service role.
            REVOKE ALL ON room_taste_history FROM soundscape_app;
            GRANT SELECT ON room_taste_history TO soundscape_app;
            GRANT SELECT, INSERT, DELETE ON room_taste_history TO soundscape_service;
        END
        $$;

        -- The same rule as the player-owned tables' policies: the player's manager, or an admin.
        CREATE FUNCTION public.can_read_player_analytics(p_player_id uuid) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp
            AS $fn$
                SELECT EXISTS (SELECT 1 FROM public.players p WHERE p.id = p_player_id
                               AND (p.manager_id = auth.uid() OR public.has_role('admin')))
            $fn$;

        -- A room's figures for [p_from, p_to). Votes and sessions are private to each listener (row-level security),
        -- so this runs as the owner and returns only aggregates, and nothing at all (no row) to anyone but the
        -- player's manager or an admin. A play counts in the period it started in; its length is clipped at p_to and
        -- is 0 while it has not ended. Listener seconds weigh each play by the listeners counted when it started; the
        -- peak is the largest of those counts. Unique listeners are those with a session at the player overlapping the
        -- period or a vote there in it (a session that moved on to another room counts for the room it is in now).
        CREATE FUNCTION public.room_analytics_summary(p_player_id uuid, p_from timestamptz, p_to timestamptz)
            RETURNS TABLE (plays bigint, played_seconds double precision, listener_seconds double precision,
                           peak_listeners integer, unique_listeners bigint, votes bigint, ratings bigint,
                           average_rating double precision, likes bigint, dislikes bigint)
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp
            AS $fn$
                WITH plays AS (
                    SELECT count(*) AS plays,
                           coalesce(sum(extract(epoch FROM least(h.ended_at, p_to) - h.started_at)), 0)::double precision AS played_seconds,
                           coalesce(sum(extract(epoch FROM least(h.ended_at, p_to) - h.started_at) * h.listeners), 0)::double precision AS listener_seconds,
                           coalesce(max(h.listeners), 0) AS peak_listeners
                    FROM public.play_history h
                    WHERE h.player_id = p_player_id AND h.started_at >= p_from AND h.started_at < p_to
                ),
                room_votes AS (
                    SELECT v.user_id, v.kind, v.value FROM public.votes v
                    WHERE v.player_id = p_player_id AND v.created_at >= p_from AND v.created_at < p_to
                ),
                vote_figures AS (
                    SELECT count(*) AS votes,
                           count(*) FILTER (WHERE kind = 'rating') AS ratings,
                           avg(value) FILTER (WHERE kind = 'rating')::double precision AS average_rating,
                           count(*) FILTER (WHERE kind = 'reaction' AND value > 0) AS likes,
                           count(*) FILTER (WHERE kind = 'reaction' AND value < 0) AS dislikes
                    FROM room_votes
                ),
                listeners AS (
                    SELECT count(*) AS unique_listeners FROM (
                        SELECT s.user_id FROM public.sessions s
                        WHERE s.player_id = p_player_id AND s.checked_in_at < p_to AND s.last_active_at >= p_from
                        UNION
                        SELECT user_id FROM room_votes) u
                )
                SELECT p.plays, p.played_seconds, p.listener_seconds, p.peak_listeners, l.unique_listeners,
                       f.votes, f.ratings, f.average_rating, f.likes, f.dislikes
                FROM plays p, vote_figures f, listeners l
                WHERE public.can_read_player_analytics(p_player_id)
            $fn$;

        -- Per sound or mix played or voted on at the player in [p_from, p_to): plays, listener seconds and the votes cast
        -- in the room (votes are on sounds only). approval is the mean vote on a −1..1 scale (a rating r as (r − 3)/2, a
        -- reaction as ±1), null without votes. A private mix's name is shown only to its creator, as elsewhere.
        CREATE FUNCTION public.room_analytics_sounds(p_player_id uuid, p_from timestamptz, p_to timestamptz)
            RETURNS TABLE (sound_id uuid, mix_id uuid, title text, plays bigint, listener_seconds double precision,
                           votes bigint, ratings bigint, average_rating double precision, likes bigint, dislikes bigint,
                           approval double precision)
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp
            AS $fn$
                WITH played AS (
                    SELECT h.sound_id, h.mix_id, count(*) AS plays,
                           coalesce(sum(extract(epoch FROM least(h.ended_at, p_to) - h.started_at) * h.listeners), 0)::double precision AS listener_seconds
                    FROM public.play_history h
                    WHERE h.player_id = p_player_id AND h.started_at >= p_from AND h.started_at < p_to
                    GROUP BY h.sound_id, h.mix_id
                ),
                voted AS (
                    SELECT v.sound_id, count(*) AS votes,
                           count(*) FILTER (WHERE v.kind = 'rating') AS ratings,
                           avg(v.value) FILTER (WHERE v.kind = 'rating')::double precision AS average_rating,
                           count(*) FILTER (WHERE v.kind = 'reaction' AND v.value > 0) AS likes,
                           count(*) FILTER (WHERE v.kind = 'reaction' AND v.value < 0) AS dislikes,
                           avg(CASE WHEN v.kind = 'rating' THEN (v.value - 3) / 2.0 ELSE v.value END)::double precision AS approval
                    FROM public.votes v
                    WHERE v.player_id = p_player_id AND v.created_at >= p_from AND v.created_at < p_to
                    GROUP BY v.sound_id
                ),
                items AS (
                    SELECT coalesce(p.sound_id, v.sound_id) AS sound_id, p.mix_id,
                           coalesce(p.plays, 0) AS plays, coalesce(p.listener_seconds, 0) AS listener_seconds,
                           coalesce(v.votes, 0) AS votes, coalesce(v.ratings, 0) AS ratings, v.average_rating,
                           coalesce(v.likes, 0) AS likes, coalesce(v.dislikes, 0) AS dislikes, v.approval
                    FROM played p FULL JOIN voted v ON v.sound_id = p.sound_id
                )
                SELECT i.sound_id, i.mix_id,
                       CASE WHEN i.sound_id IS NOT NULL THEN s.title
                            WHEN m.is_public OR m.creator_id = auth.uid() THEN m.name END,
                       i.plays, i.listener_seconds, i.votes, i.ratings, i.average_rating, i.likes, i.dislikes, i.approval
                FROM items i
                LEFT JOIN public.sounds s ON s.id = i.sound_id
                LEFT JOIN public.mixes m ON m.id = i.mix_id
                WHERE public.can_read_player_analytics(p_player_id)
            $fn$;

        -- Only callers with a signed-in identity run them; the functions check the player themselves.
        REVOKE ALL ON FUNCTION public.room_analytics_summary(uuid, timestamptz, timestamptz) FROM PUBLIC;
        REVOKE ALL ON FUNCTION public.room_analytics_sounds(uuid, timestamptz, timestamptz) FROM PUBLIC;
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_app') THEN
                GRANT EXECUTE ON FUNCTION public.room_analytics_summary(uuid, timestamptz, timestamptz) TO soundscape_app;
                GRANT EXECUTE ON FUNCTION public.room_analytics_sounds(uuid, timestamptz, timestamptz) TO soundscape_app;
            END IF;
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_service') THEN
                GRANT EXECUTE ON FUNCTION public.room_analytics_summary(uuid, timestamptz, timestamptz) TO soundscape_service;
                GRANT EXECUTE ON FUNCTION public.room_analytics_sounds(uuid, timestamptz, timestamptz) TO soundscape_service;
            END IF;
        END
        $$;
        """;
}
