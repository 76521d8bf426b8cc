using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.Library;

/// <summary>A layer's settings beside what the mix needs to know of its sound.</summary>
public readonly record struct LayerSound(double Volume, bool Loop, double DelaySeconds, double SoundDurationSeconds, TasteVector? Embedding);

/// <summary>
/// A mix's embedding: the volume-weighted mean Σ vᵢ·eᵢ / Σ vᵢ of its layers' embeddings, over the layers whose
/// sound has one. Null when no layer's sound has an embedding or all of those layers are silent (volume 0).
/// Not normalised: it lives in the same space as the sounds' embeddings.
/// </summary>
public static class MixEmbedding
{
    public static TasteVector? Calculate(IEnumerable<LayerSound> layers)
    {
        var sum = new double[TasteVector.Dimensions];
        var weight = 0.0;
        foreach (var layer in layers)
        {
            if (layer.Embedding is null || layer.Volume <= 0)
                continue;
            for (var axis = 0; axis < TasteVector.Dimensions; axis++)
                sum[axis] += layer.Volume * layer.Embedding[axis];
            weight += layer.Volume;
        }
        if (weight <= 0)
            return null;
        for (var axis = 0; axis < TasteVector.Dimensions; axis++)
            sum[axis] /= weight;
        return TasteVector.FromValues(sum);
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
