using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// Pairing a device by code (issue 17, RFC 8628 style). A row is one pairing: the hashes of its device code and user
/// code, its lifetime and poll interval, and, once a manager approved it, the player it is for. Only the service role
/// reaches the table: starting and polling are anonymous requests, and approval is checked in the handler first.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261204160000_DevicePairings")]
public sealed class DevicePairings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE public.device_pairings (
            id               uuid PRIMARY KEY,
            device_code_hash bytea NOT NULL CHECK (octet_length(device_code_hash) = 32),
            user_code_hash   bytea NOT NULL CHECK (octet_length(user_code_hash) = 32),
            status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'issued')),
            created_at       timestamptz NOT NULL,
            expires_at       timestamptz NOT NULL,
            interval_seconds integer NOT NULL CHECK (interval_seconds BETWEEN 1 AND 3600),
            last_polled_at   timestamptz,
            -- Deleting the player after approval leaves an approved pairing with no player: the device hears access_denied.
            player_id        uuid REFERENCES public.players (id) ON DELETE SET NULL,
            approved_by      uuid REFERENCES auth.users (id) ON DELETE SET NULL,
            approved_at      timestamptz,
            issued_at        timestamptz,
            CONSTRAINT ux_device_pairings_device_code UNIQUE (device_code_hash),
            CONSTRAINT ux_device_pairings_user_code UNIQUE (user_code_hash),
            CONSTRAINT ck_device_pairings_expiry CHECK (expires_at > created_at),
            CONSTRAINT ck_device_pairings_approved CHECK ((status = 'pending') = (approved_at IS NULL)),
            CONSTRAINT ck_device_pairings_issued CHECK ((status = 'issued') = (issued_at IS NOT NULL))
        );
        CREATE INDEX ix_device_pairings_expires ON public.device_pairings (expires_at);
        CREATE INDEX ix_device_pairings_player ON public.device_pairings (player_id) WHERE player_id IS NOT NULL;

        -- Row-level security with no policy, and no privilege for any grantee that does not bypass it (the default
        -- privileges of scripts/db.sh granted the runtime roles everything): only the owner and the service role.
        ALTER TABLE public.device_pairings ENABLE ROW LEVEL SECURITY;
        REVOKE ALL ON public.device_pairings FROM PUBLIC;
        DO $$
        DECLARE grantee_name text;
        BEGIN
            FOR grantee_name IN
                SELECT DISTINCT r.rolname
                FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee
                WHERE c.oid = 'public.device_pairings'::regclass AND a.grantee <> c.relowner AND NOT r.rolbypassrls
            LOOP
                EXECUTE format('REVOKE ALL ON public.device_pairings FROM %I', grantee_name);
            END LOOP;
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_service') THEN
                GRANT SELECT, INSERT, UPDATE, DELETE ON public.device_pairings TO soundscape_service;
            END IF;
        END
        $$;
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP TABLE IF EXISTS public.device_pairings;");
}
