namespace Soundscape.PlayerAgent.Configuration;

/// <summary>The agent's per-user data folder: it holds state that must survive restarts but is not configuration.</summary>
public static class AgentDataFolder
{
    /// <summary>
    /// <c>$XDG_DATA_HOME/soundscape-agent</c> (<c>~/.local/share/soundscape-agent</c>); a service account without a
    /// home falls back to <c>.agent</c> in the working directory rather than failing.
    /// </summary>
    public static string Default { get; } = Resolve();

    private static string Resolve()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(local) ? ".agent" : Path.Combine(local, "soundscape-agent");
    }
}
