namespace Soundscape.Domain.Common;

/// <summary>
/// A business rule was broken. The API maps it to 409 (or 400 for <see cref="DomainValidationException"/>).
/// </summary>
public class DomainException(string message) : Exception(message);

/// <summary>A value offered to the domain is malformed (NaN, wrong dimension, out of range).</summary>
public sealed class DomainValidationException(string field, string message) : DomainException(message)
{
    public string Field { get; } = field;
}
