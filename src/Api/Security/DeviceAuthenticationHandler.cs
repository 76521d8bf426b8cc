using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Devices.Common;
using Soundscape.Infrastructure.Devices;

namespace Soundscape.Api.Security;

/// <summary>
/// <c>Authorization: Device &lt;key&gt;</c>: the player whose key hashes to the stored hash. Only the device endpoints ask
/// for this scheme, so a device key opens nothing else, and a user's bearer token opens no device endpoint.
/// </summary>
internal sealed class DeviceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DeviceKeyCache deviceKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = DeviceProtocol.Scheme + " ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var key = header[Prefix.Length..].Trim();
        if (key.Length is 0 or > 200)
            return AuthenticateResult.Fail("The device key is missing or malformed.");
        if (await deviceKeys.FindPlayerAsync(key, Context.RequestAborted) is not { } playerId)
            return AuthenticateResult.Fail("Unknown device key.");

        // A device acts for its room, not for a user: its requests are service work confined to this one player.
        var caller = Context.RequestServices.GetRequiredService<CurrentUser>();
        if (!caller.IsService)
            caller.ActAsService();
        Context.RequestServices.GetRequiredService<CurrentDevice>().Authenticate(playerId);
        var identity = new ClaimsIdentity([new Claim("player_id", playerId.ToString())], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = DeviceProtocol.Scheme;
        return base.HandleChallengeAsync(properties);
    }
}
