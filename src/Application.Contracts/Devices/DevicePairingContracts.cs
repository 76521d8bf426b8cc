namespace Soundscape.Application.Devices.Common;

/// <summary>
/// The answer to starting a pairing (RFC 8628 §3.2, in camelCase): the device keeps <see cref="DeviceCode"/> secret and
/// shows <see cref="UserCode"/> (XXXX-XXXX); a manager types it at <see cref="VerificationUri"/>. Both expire after
/// <see cref="ExpiresIn"/> seconds; the device polls no more often than every <see cref="Interval"/> seconds.
/// </summary>
public sealed record DevicePairingDto(string DeviceCode, string UserCode, string VerificationUri, string VerificationUriComplete, int ExpiresIn, int Interval);

/// <summary>A device's poll: its device code.</summary>
public sealed record DevicePairingTokenRequest(string DeviceCode);

/// <summary>The granted poll: the player's new device key, handed out this once (send it as <c>Authorization: Device &lt;key&gt;</c>).</summary>
public sealed record DevicePairingTokenDto(Guid PlayerId, string DeviceKey);
