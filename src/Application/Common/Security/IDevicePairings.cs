namespace Soundscape.Application.Common.Security;

/// <summary>A pairing just started: the secret the device keeps, the code a person types, and their lifetime.</summary>
public sealed record StartedPairing(string DeviceCode, string UserCode, DateTimeOffset ExpiresAt, int IntervalSeconds);

/// <summary>
/// Pairing a device by code, in the manner of the OAuth 2.0 device authorization grant (RFC 8628). The device starts
/// a pairing and polls with its device code; a manager approves the user code for one of their players; the next
/// poll receives a new device key for that player, once. Only SHA-256 hashes of both codes are stored, by the service
/// role; the app role cannot reach the table.
/// </summary>
public interface IDevicePairings
{
    /// <summary>A new pending pairing with a 256-bit device code and an 8-letter user code.</summary>
    Task<StartedPairing> StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One poll of the device. Returns the new device key and its player once the pairing was approved; the pairing is
    /// spent by it.
    /// </summary>
    /// <exception cref="Exceptions.DevicePairingException">authorization_pending, slow_down (polled sooner than the
    /// interval, which grows by 5 s), expired_token, access_denied (the player was deleted), invalid_grant (unknown or
    /// already spent device code).</exception>
    Task<(Guid PlayerId, string DeviceKey)> PollAsync(string deviceCode, CancellationToken cancellationToken);

    /// <summary>
    /// Approves the pending pairing with <paramref name="userCode"/> (normalised: upper case, no separator) for
    /// <paramref name="playerId"/>; in the same transaction the player's device key is replaced by one nobody holds, so
    /// the old key stops at once. The caller must already have checked that the approver manages the player, and then
    /// revokes the old key on every instance.
    /// </summary>
    /// <exception cref="Exceptions.RequestValidationException">userCode unknown, expired or already used.</exception>
    Task<DateTimeOffset> ApproveAsync(string userCode, Guid playerId, Guid approvedBy, CancellationToken cancellationToken);
}

/// <summary>The user code's alphabet and shape: 8 consonants (no vowels, so no words; no look-alikes), shown as XXXX-XXXX.</summary>
public static class PairingUserCode
{
    public const string Alphabet = "BCDFGHJKLMNPQRSTVWXZ";
    public const int Length = 8;

    /// <summary>"bcdf-ghjk", "BCDF GHJK" and "BCDFGHJK" are one code; null when it cannot be one.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 32)
            return null;
        var letters = new System.Text.StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is '-' or ' ')
                continue;
            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper, StringComparison.Ordinal))
                return null;
            letters.Append(upper);
        }
        return letters.Length == Length ? letters.ToString() : null;
    }

    /// <summary>XXXX-XXXX, as the device shows it.</summary>
    public static string Display(string normalized) => $"{normalized[..4]}-{normalized[4..]}";
}
