using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Soundscape.Infrastructure.Persistence.Configurations;

/// <summary>Stores enums as the lower-case words the schema's check constraints list.</summary>
internal sealed class LowerCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => value.ToString().ToLowerInvariant(),
    text => Enum.Parse<TEnum>(text, true))
    where TEnum : struct, Enum;

/// <summary>Stores enums as snake_case words ("AllActiveListeners" → "all_active_listeners").</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => SnakeCaseNaming.ToSnakeCase(value.ToString()),
    text => Enum.Parse<TEnum>(text.Replace("_", ""), true))
    where TEnum : struct, Enum;
