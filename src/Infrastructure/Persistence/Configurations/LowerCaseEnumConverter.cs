using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Soundscape.Application.Common.Naming;

namespace Soundscape.Infrastructure.Persistence.Configurations;

/// <summary>Stores enums as the lower-case words the schema's check constraints list.</summary>
internal sealed class LowerCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => WireNames.Lower(value),
    text => Enum.Parse<TEnum>(text, true))
    where TEnum : struct, Enum;

/// <summary>Stores enums as snake_case words ("AllActiveListeners" → "all_active_listeners").</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => WireNames.Snake(value),
    text => Enum.Parse<TEnum>(text.Replace("_", ""), true))
    where TEnum : struct, Enum;
