using System.Text.RegularExpressions;
using FluentValidation;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Identity.Common;

internal static partial class CredentialRules
{
    public const int MinPasswordLength = 8;

    // Identity's hasher works on any length, but an unbounded input is a cheap way to burn CPU.
    public const int MaxPasswordLength = 128;

    // One '@', a non-empty local part, a dotted domain, no white space: stricter than FluentValidation's
    // default check (which accepts "a@b") and no attempt at the full RFC grammar.
    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("email is required.")
            .MaximumLength(UserAccount.MaxEmailLength).WithMessage($"email must be at most {UserAccount.MaxEmailLength} characters.")
            .Must(e => !EmailIdentity.HasFormatCharacter(e)).WithMessage(EmailIdentity.FormatCharacterMessage)
            .Must(e => EmailShape().IsMatch(e.Trim())).WithMessage("email must be an e-mail address such as name@example.com.");

    /// <summary>A password being set: 8–128 characters.</summary>
    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("password is required.")
            .MinimumLength(MinPasswordLength).WithMessage($"password must be at least {MinPasswordLength} characters.")
            .MaximumLength(MaxPasswordLength).WithMessage($"password must be at most {MaxPasswordLength} characters.");

    /// <summary>The key every account is found by (auth.users.email_key): see <see cref="EmailIdentity.KeyOf"/>.</summary>
    public static string Normalize(string email) => EmailIdentity.KeyOf(email);
}
