namespace Soundscape.PlayerAgent.Configuration;

/// <summary>Decides the default output: ALSA only when the kernel lists a sound card, so a headless box still runs.</summary>
public static class SoundCardProbe
{
    public const string CardsFile = "/proc/asound/cards";

    public static bool HasSoundCard(string cardsFile = CardsFile)
    {
        try
        {
            return File.Exists(cardsFile) && ListsACard(File.ReadAllText(cardsFile));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Each card's first line starts with its index (" 0 [PCH ..."); an empty system says "--- no soundcards ---".</summary>
    public static bool ListsACard(string cardsText) =>
        cardsText.Split('\n').Any(line => line.TrimStart() is { Length: > 0 } trimmed && char.IsAsciiDigit(trimmed[0]));
}
