using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// auth.users.email_key: the one key an account is found by (Domain EmailIdentity.KeyOf: NFKC, case folding, NFKC),
/// computed by the application and unique here, instead of the unique lower(email), whose folding differs from .NET's
/// for non-ASCII letters (an "İlker" could sign up but not sign in) and which let an NFD or full-width spelling
/// make a second account. The backfill computes NFKC + lower() in SQL, which is the application's key for every ASCII
/// address; a newer account whose key collides with an older one's (the duplicates the old index let in) gets a key
/// that no address has ("duplicate:" and its id), so it stays, unreachable by sign-in, until an operator merges it.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261203120001_EmailIdentityKey")]
public sealed class EmailIdentityKey : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE auth.users ADD COLUMN email_key text;
        UPDATE auth.users SET email_key = normalize(lower(normalize(btrim(email), NFKC)), NFKC);
        UPDATE auth.users u SET email_key = 'duplicate:' || u.id
        WHERE EXISTS (SELECT 1 FROM auth.users o
                      WHERE o.email_key = u.email_key AND (o.created_at, o.id) < (u.created_at, u.id));
        ALTER TABLE auth.users ALTER COLUMN email_key SET NOT NULL;
        CREATE UNIQUE INDEX ux_users_email_key ON auth.users (email_key);
        DROP INDEX auth.ux_users_email_lower;
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE UNIQUE INDEX ux_users_email_lower ON auth.users (lower(email));
        DROP INDEX auth.ux_users_email_key;
        ALTER TABLE auth.users DROP COLUMN email_key;
        """);
}
