namespace Soundscape.Audio.Synthesis;

/// <summary>
/// The generated sounds a fresh installation starts with: every family, some blends and two instrumental lines.
/// Seeds are fixed, so every machine writes byte-identical files (and the import's content hash skips repeats).
/// </summary>
public static class DemoLibrary
{
    public const string Artist = "Soundscape demo";
    public const int SampleRate = 44_100;

    // Generators are normalised to the same peak, not the same loudness: sparse crackles carry far less energy
    // than rain, so "Fire in the Rain" gives rain only a fifth of the mix to keep the crackles audible.
    public static IReadOnlyList<DemoTrack> Tracks { get; } =
    [
        Soundscape("Steady Rain", 60, (s, r) => SoundGenerators.Rain(s, r, 101)),
        Soundscape("Rain on the Window", 45, (s, r) => SoundGenerators.Rain(s, r, 102)),
        Soundscape("Wind in the Pines", 60, (s, r) => SoundGenerators.Wind(s, r, 201)),
        Soundscape("Campfire", 60, (s, r) => SoundGenerators.Fire(s, r, 301)),
        Soundscape("Distant Thunder", 90, (s, r) => SoundGenerators.Thunder(s, r, 401)),
        Soundscape("Ocean Waves", 75, (s, r) => SoundGenerators.Waves(s, r, 501)),
        Soundscape("Rain and Thunder", 90, (s, r) => SoundGenerators.Blend(SoundGenerators.Rain(s, r, 111), SoundGenerators.Thunder(s, r, 411))),
        Soundscape("Windy Shore", 75, (s, r) => SoundGenerators.Blend(SoundGenerators.Waves(s, r, 511), SoundGenerators.Wind(s, r, 211))),
        Soundscape("Fire in the Rain", 60, (s, r) => SoundGenerators.Blend(SoundGenerators.Fire(s, r, 311), SoundGenerators.Rain(s, r, 121), 0.2f)),
        Soundscape("Storm at Sea", 90, (s, r) => SoundGenerators.Blend(SoundGenerators.Waves(s, r, 521), SoundGenerators.Thunder(s, r, 421), 0.4f)),
        Instrumental("Pentatonic Drift", 45, (s, r) => SoundGenerators.Tone(s, r, 601)),
        Instrumental("Evening Arpeggio", 40, (s, r) => SoundGenerators.Tone(s, r, 602)),
    ];

    /// <summary>Writes <paramref name="tracks"/> (all tracks by default) into <paramref name="folder"/> and returns their paths.</summary>
    public static IReadOnlyList<string> WriteAll(string folder, IEnumerable<DemoTrack>? tracks = null)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        foreach (DemoTrack track in tracks ?? Tracks)
        {
            string path = Path.Combine(folder, track.FileName);
            track.WriteWav(path);
            paths.Add(path);
        }

        return paths;
    }

    private static DemoTrack Soundscape(string title, int seconds, Func<double, int, float[]> render) =>
        new(title, DemoTrackKind.Soundscape, seconds, render);

    private static DemoTrack Instrumental(string title, int seconds, Func<double, int, float[]> render) =>
        new(title, DemoTrackKind.Instrumental, seconds, render);
}
