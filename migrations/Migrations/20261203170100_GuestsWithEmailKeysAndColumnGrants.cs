using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// Brings three changes of one day together: a guest (no e-mail) has no e-mail key either, so email_key may be null,
/// and only together with the e-mail; and the columns added after AppRolePrivileges (auth.users.is_anonymous,
/// players.room_version) are readable by soundscape_app like every other column but the hashes.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261203170100_GuestsWithEmailKeysAndColumnGrants")]
public sealed class GuestsWithEmailKeysAndColumnGrants : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($$"""
        ALTER TABLE auth.users ALTER COLUMN email_key DROP NOT NULL;
        ALTER TABLE auth.users ADD CONSTRAINT ck_users_email_key_with_email CHECK ((email IS NULL) = (email_key IS NULL));

        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_app') THEN
                RETURN;
            END IF;
            {{AppRolePrivileges.GrantUsersColumnsSql}}
            {{AppRolePrivileges.GrantPlayersColumnsSql}}
        END
        $$;
        """);

    // Guests cannot exist without a null key, so going back removes them (as the guests migration's own Down does).
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE auth.users DROP CONSTRAINT ck_users_email_key_with_email;
        DELETE FROM auth.users WHERE email_key IS NULL;
        ALTER TABLE auth.users ALTER COLUMN email_key SET NOT NULL;
        """);
}
