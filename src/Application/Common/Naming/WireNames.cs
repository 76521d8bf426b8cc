using System.Text;

namespace Soundscape.Application.Common.Naming;

/// <summary>
/// The one place enums become the words the API, the database's check constraints and the room events use, and back.
/// Two spellings exist, chosen per enum where it was first exposed: <see cref="Lower{TEnum}"/> ("admin", "playing")
/// and <see cref="Snake{TEnum}"/> ("all_active_listeners").
/// </summary>
public static class WireNames
{
    /// <summary>The member's name in lower case: <c>PlayerStatus.Playing</c> → "playing".</summary>
    public static string Lower<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>The member's PascalCase name as lower-case words joined by '_': <c>AllActiveListeners</c> → "all_active_listeners".</summary>
    public static string Snake<TEnum>(TEnum value) where TEnum : struct, Enum => ToSnakeCase(value.ToString());

    /// <summary>
    /// The member whose <see cref="Lower{TEnum}"/> name is exactly <paramref name="value"/> (ordinal: "Admin" and "0"
    /// are not names); false for null or anything else.
    /// </summary>
    public static bool TryParseLower<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum
    {
        foreach (var member in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Lower(member), value, StringComparison.Ordinal))
            {
                result = member;
                return true;
            }
        }
        result = default;
        return false;
    }

    /// <summary>Splits a PascalCase name into lower-case words joined by '_' (enum values only; table and column names come from EFCore.NamingConventions).</summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
