using System.Reflection;

namespace Soundscape.PlayerAgent;

/// <summary>The agent's version, as built (<c>-p:Version=…</c> in scripts/package-agent.sh), without the source revision suffix.</summary>
public static class AgentVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var informational = typeof(AgentVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
