using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Soundscape.Infrastructure.Persistence.Configurations;

/// <summary>Stores enums as the lower-case words the schema's check constraints list.</summary>
internal sealed class LowerCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => value.ToString().ToLowerInvariant(),
    text => Enum.Parse<TEnum>(text, true))
    where TEnum : struct, Enum;
