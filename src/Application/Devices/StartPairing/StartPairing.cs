using MediatR;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Devices.Common;

namespace Soundscape.Application.Devices.StartPairing;

/// <summary>
/// A device without a key asks to be paired (anonymous). <paramref name="VerificationUri"/> is where a manager enters
/// the code; the API derives it from its own address, never from the body.
/// </summary>
[AnyCaller]
public sealed record StartDevicePairingCommand(string VerificationUri) : IRequest<DevicePairingDto>;

internal sealed class StartDevicePairingHandler(IDevicePairings pairings, TimeProvider clock) : IRequestHandler<StartDevicePairingCommand, DevicePairingDto>
{
    public async Task<DevicePairingDto> Handle(StartDevicePairingCommand request, CancellationToken cancellationToken)
    {
        var started = await pairings.StartAsync(cancellationToken);
        var userCode = PairingUserCode.Display(started.UserCode);
        // Rounded up: the few milliseconds since the row was written do not make a 600 s code read 599.
        var expiresIn = (int)Math.Max(0, Math.Ceiling((started.ExpiresAt - clock.GetUtcNow()).TotalSeconds));
        return new DevicePairingDto(started.DeviceCode, userCode, request.VerificationUri,
            $"{request.VerificationUri}?code={Uri.EscapeDataString(userCode)}", expiresIn, started.IntervalSeconds);
    }
}
