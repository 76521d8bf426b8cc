using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Listeners.ImportPreferences;

/// <summary>One row of a V1 <c>preferences</c> table: a user id and the numbers of their taste, as read.</summary>
/// <param name="UserId">The user (the profile's id).</param>
/// <param name="Values">The vector's components; V1 kept five (rain, wind, fire, thunder, waves). May hold NaN or ±∞.</param>
public sealed record LegacyPreference(Guid UserId, IReadOnlyList<double> Values);

/// <summary>
/// The seeds' migration strategy, step 1: V1's <c>preferences</c> rows become <c>profiles.preference_vector</c>, each
/// normalised to the unit sphere (with zero velocity). Skipped and reported: zero, non-finite or wrongly sized
/// vectors, users without a profile, and profiles that have learned from votes here already (V3 knows better).
/// Running it again changes nothing. Admins and service work only (the host command runs as service work).
/// </summary>
[RequiresRole(Role.Admin)]
public sealed record ImportPreferencesCommand(IReadOnlyList<LegacyPreference> Rows) : IRequest<PreferenceImportReport>;

/// <summary>What an import did: counts of rows imported and already in place, and every skipped row with its reason.</summary>
public sealed record PreferenceImportReport(int Imported, int Unchanged, IReadOnlyList<SkippedPreference> Skipped);

/// <summary>A row left out, and why (zero vector, non-finite component, not five components, no profile, has votes).</summary>
public sealed record SkippedPreference(Guid UserId, string Reason);

internal sealed class ImportPreferencesValidator : AbstractValidator<ImportPreferencesCommand>
{
    public ImportPreferencesValidator() => RuleFor(c => c.Rows).NotNull();
}

internal sealed class ImportPreferencesHandler(IApplicationDbContext db, TimeProvider clock)
    : IRequestHandler<ImportPreferencesCommand, PreferenceImportReport>
{
    private const int Chunk = 500;

    public async Task<PreferenceImportReport> Handle(ImportPreferencesCommand request, CancellationToken cancellationToken)
    {
        var (imported, unchanged, skipped) = (0, 0, new List<SkippedPreference>());
        var usable = new List<(Guid UserId, TasteVector Taste)>();
        foreach (var row in request.Rows)
        {
            if (Reject(row) is { } reason)
                skipped.Add(new SkippedPreference(row.UserId, reason));
            else
                usable.Add((row.UserId, TasteVector.FromValues(row.Values)));
        }

        var now = clock.GetUtcNow();
        foreach (var chunk in usable.Chunk(Chunk))
        {
            var ids = chunk.Select(c => c.UserId).ToList();
            var profiles = await db.Profiles.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            foreach (var (userId, taste) in chunk)
            {
                if (!profiles.TryGetValue(userId, out var profile))
                    skipped.Add(new SkippedPreference(userId, "no profile with this id"));
                else if (profile.VoteCount > 0)
                    skipped.Add(new SkippedPreference(userId, $"kept: the profile has learned from {profile.VoteCount} votes here"));
                else if (profile.ImportTaste(taste, now))
                    imported++;
                else
                    unchanged++;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return new PreferenceImportReport(imported, unchanged, skipped);
    }

    private static string? Reject(LegacyPreference row)
    {
        if (row.Values is null || row.Values.Count != TasteVector.Dimensions)
            return $"the vector has {row.Values?.Count ?? 0} components, not {TasteVector.Dimensions}";
        if (row.Values.Any(v => !double.IsFinite(v)))
            return "the vector has a component that is not a finite number";
        return TasteVector.FromValues(row.Values).HasDirection ? null : "the vector is zero (or has no direction)";
    }
}
