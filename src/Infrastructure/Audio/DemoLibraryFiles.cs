using Soundscape.Application.Library.ImportSounds;
using Soundscape.Audio.Synthesis;

namespace Soundscape.Infrastructure.Audio;

/// <summary>The demo library's synthesized tracks as files ready to import, so a fresh machine has real audio without downloading any.</summary>
public static class DemoLibraryFiles
{
    public static string Artist => DemoLibrary.Artist;

    public static int Count => DemoLibrary.Tracks.Count;

    /// <summary>Writes every track into <paramref name="folder"/> (deterministic bytes) and describes each for the import.</summary>
    public static IReadOnlyList<SoundFileToImport> Write(string folder)
    {
        Directory.CreateDirectory(folder);
        return DemoLibrary.Tracks.Select(track =>
        {
            var path = Path.Combine(folder, track.FileName);
            track.WriteWav(path);
            return new SoundFileToImport(path, track.Title, track.Artist, track.Type);
        }).ToList();
    }
}
