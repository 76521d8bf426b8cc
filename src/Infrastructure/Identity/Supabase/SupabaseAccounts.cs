using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;
using Soundscape.Domain.Identity;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Infrastructure.Identity.Supabase;

/// <summary>What a Supabase Auth access token says about its user, beyond the id.</summary>
/// <param name="UserId">The <c>sub</c> claim: the id of the user's row in Supabase's <c>auth.users</c>.</param>
/// <param name="Email">The <c>email</c> claim; null or empty for anonymous and phone-only users.</param>
/// <param name="IsAnonymous">The <c>is_anonymous</c> claim (Supabase's anonymous sign-in).</param>
/// <param name="UserMetadataJson">The <c>user_metadata</c> claim as JSON, or null.</param>
public sealed record SupabaseCaller(Guid UserId, string? Email, bool IsAnonymous, string? UserMetadataJson);

/// <summary>
/// Profiles on first use (docs/adr/0161-supabase-profiles-on-first-use.md): the first request of a Supabase user
/// creates their row in <c>soundscape_auth.users</c> and their profile, as the service role, and later requests
/// keep the e-mail and the anonymous flag in step. No trigger on Supabase's <c>auth.users</c>: that table is not
/// ours to alter. Deleting the Supabase user cascades through <c>soundscape_auth.users</c> to the profile and its data.
/// </summary>
public sealed class SupabaseAccounts(ServiceDatabase database)
{
    private const int MaxRemembered = 100_000;
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(10);

    // Who was provisioned recently, with what e-mail and flag: most requests then cost no database round trip.
    private readonly ConcurrentDictionary<Guid, (string? Email, bool IsAnonymous, DateTimeOffset Until)> _known = new();

    /// <summary>Makes sure the caller has an account row and a profile; idempotent and safe to race.</summary>
    /// <returns>False when Supabase has no such user (deleted since the token was issued): the caller names nobody.</returns>
    public async Task<bool> EnsureAsync(SupabaseCaller caller, CancellationToken cancellationToken)
    {
        var email = string.IsNullOrWhiteSpace(caller.Email) || caller.Email.Length > UserAccount.MaxEmailLength ? null : caller.Email.Trim();
        var now = DateTimeOffset.UtcNow;
        if (_known.TryGetValue(caller.UserId, out var known) && known.Until > now && known.Email == email && known.IsAnonymous == caller.IsAnonymous)
            return true;

        string? key;
        try
        {
            key = email is null ? null : EmailIdentity.KeyOf(email);
        }
        catch (Domain.Common.DomainValidationException)
        {
            (email, key) = (null, null);
        }

        try
        {
            await UpsertAsync(caller, email, key, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation && email is not null)
        {
            // Another Soundscape row already has this e-mail's key (Supabase folds case less than EmailIdentity does), or the
            // address breaks the table's check: the account is kept without an e-mail rather than refused.
            await UpsertAsync(caller, null, null, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return false;
        }

        if (_known.Count >= MaxRemembered)
            _known.Clear();
        _known[caller.UserId] = (email, caller.IsAnonymous, now + Remember);
        return true;
    }

    /// <summary>Forgets what was remembered (a test that deletes a Supabase user uses it).</summary>
    public void Forget(Guid userId) => _known.TryRemove(userId, out _);

    private async Task UpsertAsync(SupabaseCaller caller, string? email, string? key, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    INSERT INTO soundscape_auth.users (id, email, email_key, password_hash, is_anonymous, last_sign_in_at)
                    VALUES ($1, $2, $3, NULL, $4, now())
                    ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, email_key = EXCLUDED.email_key, is_anonymous = EXCLUDED.is_anonymous,
                                                   last_sign_in_at = EXCLUDED.last_sign_in_at
                    """)
                {
                    Parameters =
                    {
                        new() { Value = caller.UserId },
                        new() { Value = (object?)email ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                        new() { Value = (object?)key ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                        new() { Value = caller.IsAnonymous },
                    },
                },
                new NpgsqlBatchCommand("INSERT INTO public.profiles (id, display_name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
                {
                    Parameters = { new() { Value = caller.UserId }, new() { Value = DisplayNameOf(caller, email) } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The profile's first name: <c>user_metadata.display_name</c>, <c>full_name</c> or <c>name</c> (what Supabase's
    /// sign-up forms and OAuth providers fill in), else the e-mail's local part, else "Guest" or "Listener".
    /// Control characters are dropped and the result is cut to 80 characters (the profile's limit).
    /// </summary>
    public static string DisplayNameOf(SupabaseCaller caller, string? email)
    {
        string? name = null;
        if (caller.UserMetadataJson is { Length: > 0 } json)
        {
            try
            {
                using var metadata = JsonDocument.Parse(json);
                if (metadata.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in new[] { "display_name", "full_name", "name" })
                    {
                        if (metadata.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                            && Clean(value.GetString()) is { } cleaned)
                        {
                            name = cleaned;
                            break;
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Metadata that is not JSON names nobody; the fallbacks apply.
            }
        }
        name ??= email is null ? null : Clean(email.IndexOf('@') is var at and > 0 ? email[..at] : email);
        return name ?? (caller.IsAnonymous ? "Guest" : "Listener");
    }

    private static string? Clean(string? value)
    {
        if (value is null)
            return null;
        var kept = new string(value.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray()).Trim();
        if (kept.Length > 80)
            kept = kept[..80].TrimEnd();
        return kept.Length == 0 ? null : kept;
    }
}
