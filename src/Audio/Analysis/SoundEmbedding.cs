namespace Soundscape.Audio.Analysis;

/// <summary>A sound's position on the five axes of the product's taste space, each in [0, 1].</summary>
public sealed record SoundEmbedding(double Rain, double Wind, double Fire, double Thunder, double Waves)
{
    public static SoundEmbedding Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>The axes in the product's fixed order: rain, wind, fire, thunder, waves.</summary>
    public double[] ToArray() => [Rain, Wind, Fire, Thunder, Waves];
}
