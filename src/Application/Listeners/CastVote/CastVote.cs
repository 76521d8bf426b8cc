using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Listeners.CastVote;

/// <summary>
/// A vote on a sound: a rating from 1 to 5 or a reaction ("like" / "dislike"), exactly one of them. It is
/// stored, counted, and moves the caller's taste by one gradient step (DESIGN §4.2) in the same transaction.
/// Double-tap rule: a vote sent again with the same <paramref name="ClientVoteId"/> by the same user is the same vote;
/// it is answered with the first one's result (Repeated true) and neither stored nor learned again. The same id on a
/// different vote is a 409.
/// </summary>
/// <param name="ClientVoteId">Optional; the client's id for one intended vote (a fresh uuid per tap the user means).</param>
[SignedIn]
public sealed record CastVoteCommand(Guid SoundId, int? Rating, string? Reaction, Guid? PlayerId, Guid? ClientVoteId = null) : IRequest<CastVoteResult>;

/// <param name="Learned">False when the vote could not move the taste (the sound has no embedding, or a neutral first vote).</param>
/// <param name="Note">Why the taste did not move, when it did not.</param>
/// <param name="Repeated">True when this answers a repeat of an earlier vote with the same clientVoteId (nothing was changed).</param>
public sealed record CastVoteResult(
    Guid VoteId, TasteDto TasteVector, double SimilarityBefore, double SimilarityAfter, bool Learned, string? Note, bool Repeated = false);

internal sealed class CastVoteValidator : AbstractValidator<CastVoteCommand>
{
    public CastVoteValidator()
    {
        RuleFor(c => c.SoundId).NotEmpty().WithMessage("soundId is required.");
        RuleFor(c => c).Must(c => (c.Rating is null) != (c.Reaction is null))
            .OverridePropertyName("rating").WithMessage("Send exactly one of rating (1–5) or reaction (\"like\" or \"dislike\").");
        RuleFor(c => c.Rating!.Value).InclusiveBetween(VoteTarget.MinRating, VoteTarget.MaxRating)
            .When(c => c.Rating is not null).OverridePropertyName("rating")
            .WithMessage($"rating must be a whole number from {VoteTarget.MinRating} to {VoteTarget.MaxRating}.");
        RuleFor(c => c.Reaction).Must(r => ReactionNames.TryParse(r, out _))
            .When(c => c.Reaction is not null).WithMessage("reaction must be \"like\" or \"dislike\".");
        RuleFor(c => c.PlayerId).Must(id => id != Guid.Empty).When(c => c.PlayerId is not null).WithMessage("playerId must not be empty.");
        RuleFor(c => c.ClientVoteId).Must(id => id != Guid.Empty).When(c => c.ClientVoteId is not null).WithMessage("clientVoteId must not be an empty uuid.");
    }
}

internal static class ReactionNames
{
    public static bool TryParse(string? value, out Reaction reaction)
    {
        (var ok, reaction) = value switch
        {
            "like" => (true, Domain.Vectors.Reaction.Like),
            "dislike" => (true, Domain.Vectors.Reaction.Dislike),
            _ => (false, default),
        };
        return ok;
    }
}

internal sealed class CastVoteHandler(IApplicationDbContext db, ICurrentUser currentUser, IRoomChanges rooms, TimeProvider clock)
    : IRequestHandler<CastVoteCommand, CastVoteResult>
{
    public async Task<CastVoteResult> Handle(CastVoteCommand request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);

        var sound = await db.Sounds.AsNoTracking().Where(s => s.Id == request.SoundId)
                        .Select(s => new { s.Embedding }).SingleOrDefaultAsync(cancellationToken)
                    ?? throw RequestValidationException.For("soundId", $"There is no sound with id {request.SoundId}.");
        if (request.PlayerId is { } playerId && !await db.Players.AnyAsync(p => p.Id == playerId, cancellationToken))
            throw RequestValidationException.For("playerId", $"There is no player with id {playerId}.");

        // The row lock orders concurrent votes of one user: each reads the taste the previous one committed.
        var profile = await db.FindProfileForUpdateAsync(userId, cancellationToken)
                      ?? throw new NotFoundException("Profile", userId);
        // Taken after the lock, so votes' times follow the order in which they changed the taste.
        var now = clock.GetUtcNow();

        var (vote, target) = request.Rating is { } rating
            ? (Vote.Rating(userId, request.SoundId, request.PlayerId, rating, now), VoteTarget.FromRating(rating))
            : CreateReaction(userId, request, now);
        // Under the profile lock a repeat cannot race its first: the first has committed or not yet begun.
        if (request.ClientVoteId is { } clientVoteId)
        {
            if (await db.Votes.AsNoTracking().SingleOrDefaultAsync(v => v.UserId == userId && v.ClientVoteId == clientVoteId, cancellationToken) is { } first)
                return Repeat(first, vote, sound.Embedding);
            vote.IdentifyAs(clientVoteId);
        }
        var learning = TasteLearning.Default.Apply(profile.PreferenceVector, profile.PreferenceVelocity, sound.Embedding, target);
        if (learning.Learned)
            profile.ApplyLearnedTaste(learning.Preference, learning.Velocity, now);
        profile.CountVote(now);
        vote.RecordOutcome(learning);
        db.Votes.Add(vote);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // A vote cast at a player changes that room's taste.
        if (request.PlayerId is { } votedAt && learning.Learned)
            rooms.Changed(votedAt);

        return new CastVoteResult(vote.Id, TasteDto.From(learning.Preference), learning.SimilarityBefore, learning.SimilarityAfter,
            learning.Learned, learning.Learned ? null : WhyNotLearned(sound.Embedding));
    }

    private static CastVoteResult Repeat(Vote first, Vote repeat, TasteVector? embedding)
    {
        if (first.SoundId != repeat.SoundId || first.Kind != repeat.Kind || first.Value != repeat.Value)
            throw new ConflictException("clientVoteId was already used for a different vote; send a new clientVoteId for a new vote.");
        var learned = first.Learned ?? false;
        return new CastVoteResult(first.Id, TasteDto.From(first.TasteAfter ?? TasteVector.Zero), first.SimilarityBefore ?? 0, first.SimilarityAfter ?? 0,
            learned, learned ? null : WhyNotLearned(embedding), Repeated: true);
    }

    private static (Vote, VoteTarget) CreateReaction(Guid userId, CastVoteCommand request, DateTimeOffset now)
    {
        ReactionNames.TryParse(request.Reaction, out var reaction);
        return (Vote.Reaction(userId, request.SoundId, request.PlayerId, (int)reaction, now), VoteTarget.FromReaction(reaction));
    }

    private static string WhyNotLearned(TasteVector? embedding) => embedding is null || embedding.IsZero
        ? "The sound has no embedding yet: the vote is kept, but your taste did not move."
        : "A neutral first vote has no direction: the vote is kept, but your taste did not move.";
}
