using System.Globalization;
using System.Text;
using Soundscape.Domain.Common;

namespace Soundscape.Domain.Identity;

/// <summary>
/// The one key an account is found by, computed here only (never by the database, whose lower() folds differently):
/// Unicode NFKC, so an NFD spelling and a full-width look-alike are the address they look like; then simple case
/// folding (invariant upper then lower case, which also folds ς/σ, ſ/s and the Kelvin sign); then NFKC again, since
/// case mapping can leave a string unnormalised. Invisible format characters (category Cf, e.g. U+200B) are refused.
/// </summary>
public static class EmailIdentity
{
    /// <summary>The one message for an address with a format character, wherever it is found first.</summary>
    public const string FormatCharacterMessage = "email must not contain invisible format characters (such as U+200B).";

    /// <summary>True when <paramref name="email"/> holds an invisible format character (Cf), which an address must not.</summary>
    public static bool HasFormatCharacter(string email) =>
        email.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);

    /// <summary>The canonical key of <paramref name="email"/> (trimmed first).</summary>
    /// <exception cref="DomainValidationException">The address holds a format character or is not valid Unicode.</exception>
    public static string KeyOf(string email)
    {
        // Invariant-globalization mode normalises ASCII only, which would quietly make "ａｄａ" a second account.
        if (!"\uff41".Normalize(NormalizationForm.FormKC).Equals("a", StringComparison.Ordinal))
            throw new InvalidOperationException("Unicode normalisation is unavailable: the process runs in invariant-globalization mode without ICU.");
        var trimmed = email.Trim();
        if (HasFormatCharacter(trimmed))
            throw new DomainValidationException("email", FormatCharacterMessage);
        if (!trimmed.IsNormalized(NormalizationForm.FormKC) && !IsWellFormed(trimmed))
            throw new DomainValidationException("email", "email must be valid Unicode text.");
        return trimmed.Normalize(NormalizationForm.FormKC).ToUpperInvariant().ToLowerInvariant().Normalize(NormalizationForm.FormKC);
    }

    // Normalize throws on a lone surrogate; say so as a field error instead.
    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return false;
        }
        return true;
    }
}
