using FluentValidation;
using MediatR;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Devices.Common;

namespace Soundscape.Application.Devices.PollPairing;

/// <summary>
/// A device polls its pairing (anonymous, RFC 8628 §3.4). Until a manager approves it the answer is a
/// <see cref="Common.Exceptions.DevicePairingException"/>; afterwards the device key, once.
/// </summary>
[AnyCaller]
public sealed record PollDevicePairingCommand(string DeviceCode) : IRequest<DevicePairingTokenDto>;

internal sealed class PollDevicePairingValidator : AbstractValidator<PollDevicePairingCommand>
{
    // Our device codes are 43 characters; far longer is not one and is refused before it is hashed.
    public PollDevicePairingValidator() => RuleFor(c => c.DeviceCode).Cascade(CascadeMode.Stop)
        .NotEmpty().WithMessage("deviceCode is required.")
        .MaximumLength(200).WithMessage("deviceCode must be at most 200 characters.");
}

internal sealed class PollDevicePairingHandler(IDevicePairings pairings) : IRequestHandler<PollDevicePairingCommand, DevicePairingTokenDto>
{
    public async Task<DevicePairingTokenDto> Handle(PollDevicePairingCommand request, CancellationToken cancellationToken)
    {
        var (playerId, key) = await pairings.PollAsync(request.DeviceCode, cancellationToken);
        return new DevicePairingTokenDto(playerId, key);
    }
}
