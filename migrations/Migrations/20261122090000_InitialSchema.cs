using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// The whole schema of DESIGN.md §3, written as SQL so it is exactly what runs on PostgreSQL
/// (and on Supabase): check constraints, the generated expiry, partial indexes and the HNSW
/// index are stated directly. See docs/decisions.md for why migrations are hand-written.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261122090000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(UpSql);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE IF EXISTS play_history, player_queue, player_library, sessions, votes, roles, mixes, players, sounds, profiles CASCADE;
            DROP TABLE IF EXISTS auth.users CASCADE;
            DROP FUNCTION IF EXISTS public.session_expiry(timestamptz);
            """);
    }

    private const string UpSql = """
        -- Supabase keeps extensions in the schema "extensions" (on its search_path); elsewhere pgvector goes where it always did.
        DO $$
        BEGIN
            IF to_regnamespace('extensions') IS NOT NULL THEN
                CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA extensions;
            ELSE
                CREATE EXTENSION IF NOT EXISTS vector;
            END IF;
        END
        $$;
        CREATE SCHEMA IF NOT EXISTS auth;

        -- Adding a fixed hour never depends on the time zone, so this is truly immutable; the
        -- timestamptz + interval operator is only STABLE and cannot drive a generated column itself.
        CREATE FUNCTION public.session_expiry(last_active_at timestamptz) RETURNS timestamptz
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN last_active_at + interval '1 hour';

        CREATE TABLE auth.users (
            id              uuid PRIMARY KEY,
            email           text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254 AND position('@' IN email) > 1),
            password_hash   text NOT NULL,
            last_sign_in_at timestamptz,
            created_at      timestamptz NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX ux_users_email_lower ON auth.users (lower(email));

        CREATE TABLE profiles (
            id                  uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
            display_name        text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 80),
            avatar_url          text CHECK (avatar_url IS NULL OR char_length(avatar_url) <= 2048),
            preference_vector   vector(5) NOT NULL DEFAULT '[0,0,0,0,0]',
            preference_velocity vector(5) NOT NULL DEFAULT '[0,0,0,0,0]',
            vote_count          integer NOT NULL DEFAULT 0 CHECK (vote_count >= 0),
            created_at          timestamptz NOT NULL DEFAULT now(),
            updated_at          timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE roles (
            id         uuid PRIMARY KEY,
            user_id    uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            role       text NOT NULL CHECK (role IN ('admin', 'manager')),
            created_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT ux_roles_user_role UNIQUE (user_id, role)
        );

        CREATE TABLE sounds (
            id           uuid PRIMARY KEY,
            title        text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
            artist       text CHECK (artist IS NULL OR char_length(artist) <= 200),
            file_path    text NOT NULL CHECK (char_length(file_path) BETWEEN 1 AND 1024),
            type         text NOT NULL DEFAULT 'soundscape' CHECK (type IN ('soundscape', 'instrumental')),
            embedding    vector(5),
            duration     double precision NOT NULL DEFAULT 0 CHECK (duration >= 0),
            bpm          double precision CHECK (bpm IS NULL OR bpm >= 0),
            content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
            created_at   timestamptz NOT NULL DEFAULT now(),
            updated_at   timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT ux_sounds_content_hash UNIQUE (content_hash)
        );
        CREATE INDEX ix_sounds_embedding_hnsw ON sounds USING hnsw (embedding vector_cosine_ops);
        CREATE INDEX ix_sounds_created_at ON sounds (created_at DESC);

        CREATE TABLE mixes (
            id         uuid PRIMARY KEY,
            name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
            creator_id uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            layers     jsonb NOT NULL CHECK (jsonb_typeof(layers) = 'array' AND jsonb_array_length(layers) BETWEEN 1 AND 16),
            is_public  boolean NOT NULL DEFAULT false,
            duration   double precision NOT NULL DEFAULT 0 CHECK (duration >= 0),
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX ix_mixes_creator ON mixes (creator_id);
        CREATE INDEX ix_mixes_public ON mixes (created_at) WHERE is_public;

        CREATE TABLE players (
            id               uuid PRIMARY KEY,
            name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
            checkin_code     text NOT NULL CHECK (checkin_code ~ '^[A-Za-z0-9_-]{1,64}$'),
            device_key_hash  text NOT NULL,
            status           text NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'offline', 'playing', 'idle')),
            current_sound_id uuid REFERENCES sounds (id) ON DELETE SET NULL,
            current_mix_id   uuid REFERENCES mixes (id) ON DELETE SET NULL,
            last_poll_at     timestamptz,
            manager_id       uuid REFERENCES profiles (id) ON DELETE SET NULL,
            default_vector   vector(5),
            created_at       timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT ux_players_checkin_code UNIQUE (checkin_code),
            CONSTRAINT ck_players_one_current CHECK (num_nonnulls(current_sound_id, current_mix_id) <= 1)
        );
        CREATE INDEX ix_players_manager ON players (manager_id);

        CREATE TABLE votes (
            id         uuid PRIMARY KEY,
            user_id    uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            sound_id   uuid NOT NULL REFERENCES sounds (id) ON DELETE CASCADE,
            player_id  uuid REFERENCES players (id) ON DELETE SET NULL,
            kind       text NOT NULL CHECK (kind IN ('rating', 'reaction')),
            value      smallint NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT ck_votes_value CHECK ((kind = 'rating' AND value BETWEEN 1 AND 5) OR (kind = 'reaction' AND value IN (-1, 1)))
        );
        CREATE INDEX ix_votes_user_created ON votes (user_id, created_at DESC);
        CREATE INDEX ix_votes_sound ON votes (sound_id);

        CREATE TABLE sessions (
            id             uuid PRIMARY KEY,
            user_id        uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            player_id      uuid REFERENCES players (id) ON DELETE CASCADE,
            status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'idle', 'ended')),
            checked_in_at  timestamptz NOT NULL DEFAULT now(),
            last_active_at timestamptz NOT NULL DEFAULT now(),
            expires_at     timestamptz NOT NULL GENERATED ALWAYS AS (public.session_expiry(last_active_at)) STORED,
            created_at     timestamptz NOT NULL DEFAULT now()
        );
        -- One open session per user; ended ones are history.
        CREATE UNIQUE INDEX ux_sessions_one_open_per_user ON sessions (user_id) WHERE status <> 'ended';
        -- Hot path: who is in the room now.
        CREATE INDEX ix_sessions_active_by_player ON sessions (player_id, expires_at) WHERE status = 'active';

        CREATE TABLE player_library (
            id         uuid PRIMARY KEY,
            player_id  uuid NOT NULL REFERENCES players (id) ON DELETE CASCADE,
            sound_id   uuid NOT NULL REFERENCES sounds (id) ON DELETE CASCADE,
            added_at   timestamptz NOT NULL DEFAULT now(),
            created_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT ux_player_library_player_sound UNIQUE (player_id, sound_id)
        );

        CREATE TABLE player_queue (
            id          uuid PRIMARY KEY,
            player_id   uuid NOT NULL REFERENCES players (id) ON DELETE CASCADE,
            sound_id    uuid REFERENCES sounds (id) ON DELETE CASCADE,
            mix_id      uuid REFERENCES mixes (id) ON DELETE CASCADE,
            position    integer NOT NULL CHECK (position >= 0),
            added_at    timestamptz NOT NULL DEFAULT now(),
            explanation jsonb,
            created_at  timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT ck_player_queue_one_item CHECK (num_nonnulls(sound_id, mix_id) = 1)
        );
        CREATE INDEX ix_player_queue_player_position ON player_queue (player_id, position);

        CREATE TABLE play_history (
            id         uuid PRIMARY KEY,
            player_id  uuid NOT NULL REFERENCES players (id) ON DELETE CASCADE,
            sound_id   uuid REFERENCES sounds (id) ON DELETE CASCADE,
            mix_id     uuid REFERENCES mixes (id) ON DELETE CASCADE,
            started_at timestamptz NOT NULL,
            ended_at   timestamptz,
            listeners  integer NOT NULL DEFAULT 0 CHECK (listeners >= 0),
            created_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT ck_play_history_one_item CHECK (num_nonnulls(sound_id, mix_id) = 1),
            CONSTRAINT ck_play_history_order CHECK (ended_at IS NULL OR ended_at >= started_at)
        );
        -- Hot path: the recency penalty reads recent plays per player.
        CREATE INDEX ix_play_history_player_started ON play_history (player_id, started_at DESC);
        """;
}
