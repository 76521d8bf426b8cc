using System.Reflection;
using MediatR;
using Soundscape.Application.Common.Security;

namespace Soundscape.Architecture.Tests;

/// <summary>
/// Who may send a request is read off the request type: each declares exactly one access rule, which the
/// authorization behaviour enforces (a type without one would be refused at run time; this finds it at build time).
/// </summary>
public sealed class AccessRuleTests
{
    private static readonly Type[] RequestTypes = typeof(Soundscape.Application.ApplicationAssemblyMarker).Assembly
        .GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false }
                    && t.GetInterfaces().Any(i => i == typeof(IRequest) || i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
        .OrderBy(t => t.FullName)
        .ToArray();

    [Test]
    public void RequestTypes_AreFound()
    {
        // Guards the test below against passing vacuously if the scan ever finds nothing.
        RequestTypes.Length.ShouldBeGreaterThan(50);
    }

    [Test]
    public void EveryRequestType_DeclaresExactlyOneAccessRule()
    {
        var undeclared = RequestTypes
            .Where(t => t.GetCustomAttributes<AccessRuleAttribute>(inherit: false).Count() != 1)
            .Select(t => t.FullName)
            .ToList();
        undeclared.ShouldBeEmpty();
    }
}
