namespace Soundscape.PlayerAgent.Configuration;

/// <summary>The agent's data folder: it holds state that must survive restarts but is not configuration.</summary>
public static class AgentDataFolder
{
    /// <summary>
    /// <c>$STATE_DIRECTORY</c> when systemd runs the agent with <c>StateDirectory=</c> (the package's unit:
    /// <c>/var/lib/soundscape-agent</c>); otherwise <c>$XDG_DATA_HOME/soundscape-agent</c>
    /// (<c>~/.local/share/soundscape-agent</c>); a service account without a home falls back to <c>.agent</c> in the
    /// working directory rather than failing.
    /// </summary>
    public static string Default { get; } = Resolve(Environment.GetEnvironmentVariable("STATE_DIRECTORY"));

    public static string Resolve(string? stateDirectory)
    {
        // systemd passes a colon-separated list when a unit names several state directories; ours names one.
        if (!string.IsNullOrWhiteSpace(stateDirectory))
            return stateDirectory.Split(':')[0];
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(local) ? ".agent" : Path.Combine(local, "soundscape-agent");
    }
}
