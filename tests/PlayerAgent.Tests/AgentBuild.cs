using System.Reflection;

namespace Soundscape.PlayerAgent.Tests;

/// <summary>
/// The agent's dll in its own build output (src/PlayerAgent/bin/&lt;configuration&gt;/net10.0), run with <c>dotnet</c> so it
/// loads its own deps.json and package assemblies, as it does on a device.
/// </summary>
internal static class AgentBuild
{
    public static string Dll { get; } = Path.Combine(
        typeof(AgentBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AgentBuildDirectory").Value!,
        "Soundscape.PlayerAgent.dll");
}
