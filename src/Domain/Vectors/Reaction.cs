namespace Soundscape.Domain.Vectors;

/// <summary>A quick like/dislike; the numeric values match the vote target they stand for.</summary>
public enum Reaction
{
    Dislike = -1,
    Like = 1,
}
