using Soundscape.Domain.Identity;

namespace Soundscape.Application.Common.Security;

/// <summary>
/// Who may send a request. Every request type carries exactly one of the subclasses, so the rule can be read off the
/// record; <see cref="Behaviours.AuthorizationBehaviour{TRequest,TResponse}"/> enforces it before the handler runs.
/// Object-level checks (whose player, whose mix, 404 rather than 403) stay in the handlers, and row-level security
/// stays the second line.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public abstract class AccessRuleAttribute : Attribute;

/// <summary>Anyone, signed in or not (sign-in itself, public reads, device pairing before the device has a key).</summary>
public sealed class AnyCallerAttribute : AccessRuleAttribute;

/// <summary>A signed-in user (a guest counts): 401 otherwise, service work included, since it acts for nobody.</summary>
public sealed class SignedInAttribute : AccessRuleAttribute;

/// <summary>
/// A signed-in user holding any of <see cref="Roles"/>, read from the roles table per request: 401 when anonymous,
/// 403 without the role. Service work passes (<see cref="CallerRoles.HasAsync"/>).
/// </summary>
public sealed class RequiresRoleAttribute(params Role[] roles) : AccessRuleAttribute
{
    public IReadOnlyList<Role> Roles { get; } = roles.Length > 0 ? roles : throw new ArgumentException("Name at least one role.", nameof(roles));
}

/// <summary>Background or host work only (<see cref="ICurrentUser.IsService"/>): 403 for any user.</summary>
public sealed class ServiceWorkAttribute : AccessRuleAttribute;

/// <summary>A player device authenticated by its device key (<see cref="CurrentDevice"/>): 401 otherwise.</summary>
public sealed class FromDeviceAttribute : AccessRuleAttribute;
