using System.Reflection;

namespace Soundscape.Architecture.Tests;

/// <summary>
/// Dependencies point inward only: Api → Infrastructure → Application → Domain and Application.Contracts; the
/// PlayerAgent takes Application.Contracts and Audio only; Audio is a leaf library.
/// </summary>
public sealed class LayerDependencyTests
{
    private static readonly Assembly Domain = typeof(Soundscape.Domain.Vectors.TasteVector).Assembly;
    private static readonly Assembly Application = typeof(Soundscape.Application.ApplicationAssemblyMarker).Assembly;
    private static readonly Assembly Infrastructure = typeof(Soundscape.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Api = typeof(Soundscape.Api.DependencyInjection).Assembly;
    private static readonly Assembly PlayerAgent = Assembly.Load("Soundscape.PlayerAgent");
    private static readonly Assembly Audio = typeof(Soundscape.Audio.AudioFormat).Assembly;
    private static readonly Assembly Contracts = typeof(Soundscape.Application.Devices.Common.DeviceProtocol).Assembly;

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
        references.ShouldContain("Soundscape.Application.Contracts");
        references.ShouldNotContain("Soundscape.Application");
        references.ShouldNotContain("Soundscape.Infrastructure");
        references.ShouldNotContain("Soundscape.Api");
    }

    // What the device must not carry (issue 16, item 4): the server's persistence, mediator, mapping and validation
    // packages, and the layers that bring them.
    private static readonly string[] ServerOnly =
        ["Microsoft.EntityFrameworkCore", "MediatR", "AutoMapper", "FluentValidation", "Npgsql", "Pgvector", "Scrutor",
         "Microsoft.AspNetCore", "Soundscape.Application", "Soundscape.Infrastructure", "Soundscape.Domain", "Soundscape.Api"];

    private static bool IsServerOnly(string assemblyName) =>
        ServerOnly.Any(prefix => assemblyName == prefix || assemblyName.StartsWith(prefix + ".", StringComparison.Ordinal))
        && assemblyName != "Soundscape.Application.Contracts";

    /// <summary>Every assembly the agent loads or could load: its references, theirs, and so on (by name, from this test's output).</summary>
    private static SortedSet<string> ReferenceClosure(Assembly root)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!))
                    continue;
                // Framework assemblies (System.*, netstandard) reference only each other; only ours and packages are walked.
                if (reference.Name!.StartsWith("System", StringComparison.Ordinal) || reference.Name is "netstandard" or "mscorlib")
                    continue;
                pending.Push(Assembly.Load(reference));
            }
        }
        return seen;
    }

    [Test]
    public void PlayerAgent_ReferencesNeitherEfCoreNorMediatRNorAutoMapperNorFluentValidation_EvenTransitively()
    {
        var closure = ReferenceClosure(PlayerAgent);
        closure.ShouldContain("Soundscape.Application.Contracts");
        closure.ShouldContain("Soundscape.Audio");
        closure.Where(IsServerOnly).ShouldBeEmpty($"the agent's reference closure: {string.Join(", ", closure)}");
    }

    [Test]
    public void PlayerAgentAndContracts_HaveNoTypeDependingOnServerOnlyNamespaces()
    {
        // NetArchTest reads the IL of every type (fields, signatures, method bodies), not only the assembly's reference table.
        foreach (var assembly in new[] { PlayerAgent, Contracts })
        {
            var result = NetArchTest.Rules.Types.InAssembly(assembly)
                .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "MediatR", "AutoMapper", "FluentValidation",
                    "Npgsql", "Pgvector", "Microsoft.AspNetCore", "Soundscape.Domain", "Soundscape.Infrastructure")
                .GetResult();
            result.IsSuccessful.ShouldBeTrue($"{assembly.GetName().Name}: {string.Join(", ", result.FailingTypeNames ?? [])}");
        }
    }

    [Test]
    public void Contracts_ReferenceOnlyTheBaseLibraryAndMicrosoftExtensionsAbstractions()
    {
        References(Contracts).ShouldAllBe(name => name.StartsWith("System", StringComparison.Ordinal)
                                                  || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                                                  || name == "netstandard" || name == "mscorlib");
    }

    [Test]
    public void DeviceProtocol_MaxItemSeconds_IsTheDomainsLongestMix()
    {
        // The contracts cannot see the domain; this keeps the device's cut equal to the server's bound.
        Soundscape.Application.Devices.Common.DeviceProtocol.MaxItemSeconds.ShouldBe(Soundscape.Domain.Library.Mix.MaxDurationSeconds);
    }

    [Test]
    public void Audio_IsALeafLibrary_ReferencingNoSoundscapeAssemblyAndOnlyNAudio()
    {
        // Both the server and the device use it, so it may depend on neither; its one package is NAudio.Core (ADR 0120).
        References(Audio).ShouldAllBe(name => name.StartsWith("System", StringComparison.Ordinal)
                                              || name == "netstandard" || name == "mscorlib" || name == "NAudio.Core");
    }

    [Test]
    public void Api_IsTheCompositionRoot()
    {
        References(Api).ShouldContain("Soundscape.Infrastructure");
    }
}
