using FluentValidation;
using MediatR;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.RefreshSession;

namespace Soundscape.Application.Identity.SignOut;

/// <summary>Revokes the refresh token (and its family). An unknown token is not an error: the result is the same.</summary>
[AnyCaller]
public sealed record SignOutCommand(string RefreshToken) : IRequest<Unit>;

internal sealed class SignOutValidator : AbstractValidator<SignOutCommand>
{
    public SignOutValidator() => RuleFor(c => c.RefreshToken).RefreshToken();
}

internal sealed class SignOutHandler(IRefreshTokens refreshTokens) : IRequestHandler<SignOutCommand, Unit>
{
    public async Task<Unit> Handle(SignOutCommand request, CancellationToken cancellationToken)
    {
        await refreshTokens.RevokeAsync(request.RefreshToken, cancellationToken);
        return Unit.Value;
    }
}
