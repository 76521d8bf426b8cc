namespace Soundscape.Domain.Common;

internal static class Guard
{
    public static string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DomainValidationException(field, $"{field} is required.");
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
            throw new DomainValidationException(field, $"{field} must be at most {maxLength} characters.");
        // PostgreSQL cannot store NUL in text, and no field here means a control character.
        if (trimmed.Any(char.IsControl))
            throw new DomainValidationException(field, $"{field} must not contain control characters.");
        return trimmed;
    }

    public static string? Optional(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Required(value, field, maxLength);

    public static double Finite(double value, string field) =>
        double.IsFinite(value) ? value : throw new DomainValidationException(field, $"{field} must be a finite number.");

    public static double FiniteNonNegative(double value, string field)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new DomainValidationException(field, $"{field} must be a finite number ≥ 0.");
        return value;
    }
}
