using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.Library;

/// <summary>A layer's settings beside what the mix needs to know of its sound.</summary>
public readonly record struct LayerSound(double Volume, bool Loop, double DelaySeconds, double SoundDurationSeconds, TasteVector? Embedding);

/// <summary>
/// A mix's embedding: the volume-weighted mean Σ wᵢ·eᵢ / Σ wᵢ of its layers' embeddings, over the layers whose sound has
/// one with a direction, where wᵢ = vᵢ / the loudest vᵢ. Dividing by the loudest first keeps every weight in (0, 1] with
/// one of them 1, so no accepted volume (1e-30, or a denormal) underflows the sum; the mean is the same as with vᵢ.
/// Null when no such layer is audible (volume above 0) or the mean has no direction (<see cref="TasteVector.HasDirection"/>):
/// such a mix is never a similarity candidate. Not normalised: it lives in the same space as the sounds' embeddings.
/// The database's recommend_for_players computes the same direction.
/// </summary>
public static class MixEmbedding
{
    public static TasteVector? Calculate(IEnumerable<LayerSound> layers)
    {
        var audible = layers.Where(l => l.Embedding is { HasDirection: true } && double.IsFinite(l.Volume) && l.Volume > 0).ToList();
        if (audible.Count == 0)
            return null;
        var loudest = audible.Max(l => l.Volume);
        var sum = new double[TasteVector.Dimensions];
        var weight = 0.0;
        foreach (var layer in audible)
        {
            var w = layer.Volume / loudest;
            for (var axis = 0; axis < TasteVector.Dimensions; axis++)
                sum[axis] += w * layer.Embedding![axis];
            weight += w;
        }
        for (var axis = 0; axis < TasteVector.Dimensions; axis++)
            sum[axis] /= weight;
        var mean = TasteVector.FromValues(sum);
        return mean.HasDirection ? mean : null;
    }
}

/// <summary>
/// A mix's duration: the longest (sound duration + delay) over its non-looping layers, since looping layers
/// play for as long as the mix does. When every layer loops, the longest (duration + delay) of all of them:
/// one full pass of every layer.
/// </summary>
public static class MixDuration
{
    public static double Calculate(IEnumerable<LayerSound> layers)
    {
        var list = layers.ToList();
        var finite = list.Where(l => !l.Loop).ToList();
        var counted = finite.Count > 0 ? finite : list;
        return counted.Count == 0 ? 0 : counted.Max(l => Math.Max(0, l.SoundDurationSeconds) + Math.Max(0, l.DelaySeconds));
    }
}
