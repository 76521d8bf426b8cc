using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.Common;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Infrastructure.Identity;

/// <summary>
/// auth.refresh_tokens through the service role: the app role has no privilege on the table (migration
/// GuestsRefreshTokensRoomEvents), and a refresh comes without an access token anyway. A token is 32 random bytes
/// (base64url); its SHA-256 is the only trace stored. With 256 bits of entropy a fast hash suffices.
/// </summary>
internal sealed class RefreshTokenStore(ServiceDatabase database, RefreshTokenOptions options, TimeProvider clock) : IRefreshTokens
{
    private const string Invalid = "The refresh token is not valid: sign in again.";

    public async Task<string> IssueAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await InsertAsync(connection, null, userId, Guid.CreateVersion7(), clock.GetUtcNow(), cancellationToken);
    }

    public async Task<RefreshTokenGrant> RotateAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Guid id, userId, familyId;
        DateTimeOffset expiresAt;
        bool rotated, revoked;
        // The row lock makes two refreshes with one token take turns: the second sees it rotated (reuse).
        await using (var find = new NpgsqlCommand("""
            SELECT id, user_id, family_id, expires_at, rotated_at IS NOT NULL, revoked_at IS NOT NULL
            FROM auth.refresh_tokens WHERE token_hash = $1 FOR UPDATE
            """, connection, transaction))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = Hash(refreshToken) });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
                throw new UnauthorizedException(Invalid);
            (id, userId, familyId, expiresAt, rotated, revoked) = (reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4), reader.GetBoolean(5));
        }

        if (rotated && !revoked)
        {
            // A replaced token came back: someone holds a copy. Nobody in the family may go on.
            await ExecuteAsync(connection, transaction, "UPDATE auth.refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL",
                cancellationToken, familyId, now);
            await transaction.CommitAsync(cancellationToken);
            throw new UnauthorizedException("The refresh token was already used: every session started with it is signed out.");
        }
        if (revoked || rotated || expiresAt <= now)
            throw new UnauthorizedException(Invalid);

        await ExecuteAsync(connection, transaction, "UPDATE auth.refresh_tokens SET rotated_at = $2 WHERE id = $1", cancellationToken, id, now);
        var next = await InsertAsync(connection, transaction, userId, familyId, now, cancellationToken);
        // A refresh is activity: an idle guest is one who stopped refreshing, too.
        await ExecuteAsync(connection, transaction, "UPDATE auth.users SET last_sign_in_at = $2 WHERE id = $1", cancellationToken, userId, now);
        await transaction.CommitAsync(cancellationToken);
        return new RefreshTokenGrant(userId, next);
    }

    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, """
            UPDATE auth.refresh_tokens SET revoked_at = $2
            WHERE family_id = (SELECT family_id FROM auth.refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL
            """, cancellationToken, Hash(refreshToken), clock.GetUtcNow());
    }

    /// <summary>SHA-256 of the token's UTF-8 text, as stored.</summary>
    internal static byte[] Hash(string refreshToken) => SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken));

    private async Task<string> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid userId, Guid familyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await ExecuteAsync(connection, transaction, """
            INSERT INTO auth.refresh_tokens (id, user_id, family_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
            """, cancellationToken, Guid.CreateVersion7(), userId, familyId, Hash(token), now, now + options.Lifetime);
        return token;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

}
