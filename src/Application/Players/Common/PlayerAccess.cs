using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Players;

namespace Soundscape.Application.Players.Common;

/// <summary>
/// Which players the caller manages: a manager their own, an admin every one. The requests that use it declare
/// <c>[RequiresRole(Role.Admin, Role.Manager)]</c>, so the pipeline has already answered 401/403; this is the
/// object-level part. Someone else's player is 404, as if it did not exist, and row-level security refuses writes
/// to it as well.
/// </summary>
internal static class PlayerAccess
{
    public static async Task<IQueryable<Player>> ManagedAsync(
        IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser, CancellationToken cancellationToken)
    {
        if (await callerRoles.HasAsync(Role.Admin, cancellationToken))
            return db.Players;
        var callerId = currentUser.Id;
        return db.Players.Where(p => p.ManagerId == callerId);
    }

    public static async Task<Player> FindManagedAsync(
        IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser, Guid playerId, CancellationToken cancellationToken)
    {
        var players = await ManagedAsync(db, callerRoles, currentUser, cancellationToken);
        return await players.SingleOrDefaultAsync(p => p.Id == playerId, cancellationToken) ?? throw new NotFoundException("Player", playerId);
    }
}

internal static partial class CheckinCodes
{
    public const int GeneratedLength = 10;
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A readable random code: 10 characters of lower-case base32 (50 bits).</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Base32, GeneratedLength);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();

    public static void ValidCheckinCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => code is not null && Pattern().IsMatch(code))
            .WithMessage("checkinCode must be 1–64 letters, digits, '-' or '_'.");

    public static async Task RequireUnusedAsync(IApplicationDbContext db, string code, Guid? exceptPlayerId, CancellationToken cancellationToken)
    {
        if (await db.Players.AnyAsync(p => p.CheckinCode == code && p.Id != exceptPlayerId, cancellationToken))
            throw new ConflictException("A player with this check-in code already exists.");
    }
}
