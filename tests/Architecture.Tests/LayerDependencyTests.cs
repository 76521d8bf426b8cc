using System.Reflection;

namespace Soundscape.Architecture.Tests;

/// <summary>Dependencies point inward only: Api/PlayerAgent → Infrastructure → Application → Domain; Audio is a leaf library.</summary>
public sealed class LayerDependencyTests
{
    private static readonly Assembly Domain = typeof(Soundscape.Domain.Vectors.TasteVector).Assembly;
    private static readonly Assembly Application = typeof(Soundscape.Application.ApplicationAssemblyMarker).Assembly;
    private static readonly Assembly Infrastructure = typeof(Soundscape.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Api = typeof(Soundscape.Api.DependencyInjection).Assembly;
    private static readonly Assembly PlayerAgent = Assembly.Load("Soundscape.PlayerAgent");
    private static readonly Assembly Audio = typeof(Soundscape.Audio.AudioFormat).Assembly;

    private static string[] References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    [Test]
    public void Domain_ReferencesNoOtherLayerAndNoPackage()
    {
        // Only the base class library: no EF Core, no ASP.NET Core, no MediatR.
        References(Domain).ShouldAllBe(name => name == "System.Runtime" || name.StartsWith("System.", StringComparison.Ordinal)
                                               || name == "netstandard" || name == "mscorlib");
    }

    [Test]
    public void Application_ReferencesDomain_ButNotInfrastructureApiOrAgent()
    {
        var references = References(Application);
        references.ShouldContain("Soundscape.Domain");
        references.ShouldNotContain("Soundscape.Infrastructure");
        references.ShouldNotContain("Soundscape.Api");
        references.ShouldNotContain("Soundscape.PlayerAgent");
        references.ShouldNotContain(name => name.StartsWith("Npgsql", StringComparison.Ordinal));
        references.ShouldNotContain(name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Test]
    public void Infrastructure_DoesNotReferenceTheHosts()
    {
        var references = References(Infrastructure);
        references.ShouldContain("Soundscape.Application");
        references.ShouldNotContain("Soundscape.Api");
        references.ShouldNotContain("Soundscape.PlayerAgent");
    }

    [Test]
    public void PlayerAgent_UsesApplicationContracts_NotInfrastructure()
    {
        var references = References(PlayerAgent);
        references.ShouldNotContain("Soundscape.Infrastructure");
        references.ShouldNotContain("Soundscape.Api");
    }

    [Test]
    public void Audio_IsALeafLibrary_ReferencingNoSoundscapeAssemblyAndNoPackage()
    {
        // Our stand-in for an audio package: both the server and the device use it, so it may depend on neither.
        References(Audio).ShouldAllBe(name => name.StartsWith("System", StringComparison.Ordinal)
                                              || name == "netstandard" || name == "mscorlib");
    }

    [Test]
    public void Api_IsTheCompositionRoot()
    {
        References(Api).ShouldContain("Soundscape.Infrastructure");
    }
}
