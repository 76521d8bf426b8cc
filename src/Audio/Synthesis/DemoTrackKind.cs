namespace Soundscape.Audio.Synthesis;

/// <summary>The product's two kinds of sound: a noise-like ambience or a piece of (tonal) music.</summary>
public enum DemoTrackKind
{
    Soundscape,
    Instrumental,
}
