using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Soundscape.Infrastructure.Recommendation;

/// <summary>
/// The engine's statements, kept as .sql files under Recommendation/Sql and embedded in the assembly, so each reads as
/// SQL rather than as a C# string. A file's <c>{0}</c>, <c>{1}</c>… are its arguments in order: the text becomes a
/// <see cref="FormattableString"/>, which EF Core sends with every argument as a parameter, exactly as an interpolated
/// string would be (never spliced into the text).
/// </summary>
internal static class EmbeddedSql
{
    private static readonly ConcurrentDictionary<string, string> Texts = new();

    /// <summary>The statement in Sql/<paramref name="name"/>.sql with <paramref name="arguments"/> as its parameters.</summary>
    /// <exception cref="InvalidOperationException">No such file is embedded.</exception>
    public static FormattableString Statement(string name, object?[] arguments) =>
        FormattableStringFactory.Create(Text(name), arguments);

    public static string Text(string name) => Texts.GetOrAdd(name, static name =>
    {
        var resource = $"{typeof(EmbeddedSql).Namespace}.Sql.{name}.sql";
        using var stream = typeof(EmbeddedSql).Assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"The SQL file {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().TrimEnd();
    });
}
