using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// The listener web app (issue 12): guest accounts (Supabase-shaped anonymous users: no e-mail, no password,
/// is_anonymous), rotating refresh tokens kept only as SHA-256 hashes and reachable only by the service role, a vote's
/// client id (double-tap idempotency) with the outcome it answered, and a room version on players that moves, and is
/// announced with NOTIFY, whenever what a room shows changes (queue, now playing, listeners arriving or leaving).
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261203160001_GuestsRefreshTokensRoomEvents")]
public sealed class GuestsRefreshTokensRoomEvents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(UpSql);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP FUNCTION IF EXISTS public.room_last_plays(uuid, uuid[], uuid[]);
        DROP TRIGGER IF EXISTS tr_sessions_room_insert ON sessions;
        DROP TRIGGER IF EXISTS tr_sessions_room_update ON sessions;
        DROP TRIGGER IF EXISTS tr_sessions_room_delete ON sessions;
        DROP FUNCTION IF EXISTS public.sessions_room_changed();
        DROP TRIGGER IF EXISTS tr_players_room_version ON players;
        DROP FUNCTION IF EXISTS public.players_room_version();
        ALTER TABLE players DROP COLUMN IF EXISTS room_version;
        DROP INDEX IF EXISTS ux_votes_user_client_vote;
        ALTER TABLE votes DROP COLUMN IF EXISTS client_vote_id, DROP COLUMN IF EXISTS learned,
            DROP COLUMN IF EXISTS similarity_before, DROP COLUMN IF EXISTS similarity_after, DROP COLUMN IF EXISTS taste_after;
        DROP TABLE IF EXISTS auth.refresh_tokens;
        DROP INDEX IF EXISTS auth.ix_users_guest_activity;
        DELETE FROM auth.users WHERE is_anonymous;
        ALTER TABLE auth.users DROP CONSTRAINT IF EXISTS ck_users_credentials;
        ALTER TABLE auth.users DROP COLUMN IF EXISTS is_anonymous;
        ALTER TABLE auth.users ALTER COLUMN email SET NOT NULL, ALTER COLUMN password_hash SET NOT NULL;
        """);

    private const string UpSql = """
        -- A guest has neither e-mail nor password until "keep my taste" attaches both (and clears is_anonymous).
        ALTER TABLE auth.users
            ADD COLUMN is_anonymous boolean NOT NULL DEFAULT false,
            ALTER COLUMN email DROP NOT NULL,
            ALTER COLUMN password_hash DROP NOT NULL,
            ADD CONSTRAINT ck_users_credentials CHECK (
                (is_anonymous AND email IS NULL AND password_hash IS NULL)
                OR (NOT is_anonymous AND email IS NOT NULL AND password_hash IS NOT NULL));
        -- The idle-guest sweep reads guests by their last sign-in (or creation).
        CREATE INDEX ix_users_guest_activity ON auth.users ((coalesce(last_sign_in_at, created_at))) WHERE is_anonymous;

        -- Only hashes are kept. A rotation marks the old token rotated_at; presenting a rotated token again is reuse,
        -- which revokes its family (every token descended from one sign-in).
        CREATE TABLE auth.refresh_tokens (
            id         uuid PRIMARY KEY,
            user_id    uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
            family_id  uuid NOT NULL,
            token_hash bytea NOT NULL CHECK (octet_length(token_hash) = 32),
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            rotated_at timestamptz,
            revoked_at timestamptz,
            CONSTRAINT ux_refresh_tokens_hash UNIQUE (token_hash),
            CONSTRAINT ck_refresh_tokens_expiry CHECK (expires_at > created_at)
        );
        CREATE INDEX ix_refresh_tokens_family ON auth.refresh_tokens (family_id);
        CREATE INDEX ix_refresh_tokens_user ON auth.refresh_tokens (user_id);
        -- Row-level security with no policy: a role that does not bypass it sees and writes nothing. The default
        -- privileges granted the runtime roles access; every grantee that does not bypass row-level security loses it
        -- again, so only the table's owner and the service role can touch refresh tokens.
        ALTER TABLE auth.refresh_tokens ENABLE ROW LEVEL SECURITY;
        REVOKE ALL ON auth.refresh_tokens FROM PUBLIC;
        DO $$
        DECLARE grantee_name text;
        BEGIN
            FOR grantee_name IN
                SELECT DISTINCT r.rolname
                FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee
                WHERE c.oid = 'auth.refresh_tokens'::regclass AND a.grantee <> c.relowner AND NOT r.rolbypassrls
            LOOP
                EXECUTE format('REVOKE ALL ON auth.refresh_tokens FROM %I', grantee_name);
            END LOOP;
        END
        $$;

        -- A repeat of one intended vote (a double tap, a retried request) carries the same client id and gets the
        -- first answer again, rebuilt from what the vote did.
        ALTER TABLE votes
            ADD COLUMN client_vote_id uuid,
            ADD COLUMN learned boolean,
            ADD COLUMN similarity_before double precision,
            ADD COLUMN similarity_after double precision,
            ADD COLUMN taste_after vector(5);
        CREATE UNIQUE INDEX ux_votes_user_client_vote ON votes (user_id, client_vote_id) WHERE client_vote_id IS NOT NULL;

        -- What a room shows has a version of its own: it moves with the queue, what plays, the room's taste, its name
        -- and status, and with listeners arriving and leaving. Every change is announced on soundscape_room as
        -- "playerId:roomVersion" (delivered on commit), which the API's event streams follow on every instance.
        ALTER TABLE players ADD COLUMN room_version bigint NOT NULL DEFAULT 0;

        CREATE FUNCTION public.players_room_version() RETURNS trigger
            LANGUAGE plpgsql
            SET search_path = public, pg_temp
            AS $fn$
            BEGIN
                IF NEW.room_version = OLD.room_version
                   AND (NEW.queue_version, NEW.current_sound_id, NEW.current_mix_id, NEW.status, NEW.name,
                        NEW.collective_vector, NEW.collective_fallback)
                       IS DISTINCT FROM
                       (OLD.queue_version, OLD.current_sound_id, OLD.current_mix_id, OLD.status, OLD.name,
                        OLD.collective_vector, OLD.collective_fallback) THEN
                    NEW.room_version := OLD.room_version + 1;
                END IF;
                IF NEW.room_version <> OLD.room_version THEN
                    PERFORM pg_notify('soundscape_room', NEW.id::text || ':' || NEW.room_version::text);
                END IF;
                RETURN NEW;
            END
            $fn$;
        CREATE TRIGGER tr_players_room_version BEFORE UPDATE ON players
            FOR EACH ROW EXECUTE FUNCTION public.players_room_version();

        -- A listener's session belongs to them (row-level security), but the room's version is the room's: the
        -- function runs as its owner so a check-in by any listener can move it.
        CREATE FUNCTION public.sessions_room_changed() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = public, pg_temp
            AS $fn$
            BEGIN
                IF TG_OP <> 'INSERT' AND OLD.player_id IS NOT NULL THEN
                    UPDATE public.players SET room_version = room_version + 1 WHERE id = OLD.player_id;
                END IF;
                IF TG_OP <> 'DELETE' AND NEW.player_id IS NOT NULL
                   AND (TG_OP = 'INSERT' OR NEW.player_id IS DISTINCT FROM OLD.player_id) THEN
                    UPDATE public.players SET room_version = room_version + 1 WHERE id = NEW.player_id;
                END IF;
                RETURN NULL;
            END
            $fn$;
        CREATE TRIGGER tr_sessions_room_insert AFTER INSERT ON sessions
            FOR EACH ROW EXECUTE FUNCTION public.sessions_room_changed();
        -- Heartbeats of a live session change nothing a room shows; a status change, a move, or the revival of an
        -- expired session does.
        CREATE TRIGGER tr_sessions_room_update AFTER UPDATE ON sessions
            FOR EACH ROW
            WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.player_id IS DISTINCT FROM NEW.player_id
                  OR (OLD.expires_at <= now() AND NEW.expires_at > now()))
            EXECUTE FUNCTION public.sessions_room_changed();
        CREATE TRIGGER tr_sessions_room_delete AFTER DELETE ON sessions
            FOR EACH ROW EXECUTE FUNCTION public.sessions_room_changed();

        -- Play history is the managers'; the public room view needs only when each shown item last started there.
        CREATE FUNCTION public.room_last_plays(p_player_id uuid, p_sound_ids uuid[], p_mix_ids uuid[])
            RETURNS TABLE (sound_id uuid, mix_id uuid, started_at timestamptz)
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp
            AS $fn$
                SELECT h.sound_id, NULL::uuid, max(h.started_at) FROM public.play_history h
                WHERE h.player_id = p_player_id AND h.sound_id = ANY (p_sound_ids) GROUP BY h.sound_id
                UNION ALL
                SELECT NULL::uuid, h.mix_id, max(h.started_at) FROM public.play_history h
                WHERE h.player_id = p_player_id AND h.mix_id = ANY (p_mix_ids) GROUP BY h.mix_id
            $fn$;
        """;
}
