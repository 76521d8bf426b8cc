using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Soundscape.Infrastructure.Persistence.Configurations;

/// <summary>Stores enums as the lower-case words the schema's check constraints list.</summary>
internal sealed class LowerCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => value.ToString().ToLowerInvariant(),
    text => Enum.Parse<TEnum>(text, true))
    where TEnum : struct, Enum;

/// <summary>Stores enums as snake_case words ("AllActiveListeners" → "all_active_listeners").</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => EnumWords.ToSnakeCase(value.ToString()),
    text => Enum.Parse<TEnum>(text.Replace("_", ""), true))
    where TEnum : struct, Enum;

/// <summary>
/// Splits an enum member's PascalCase name into lower-case words joined by '_'. Only enum values use it: table and
/// column names come from EFCore.NamingConventions.
/// </summary>
internal static class EnumWords
{
    public static string ToSnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
