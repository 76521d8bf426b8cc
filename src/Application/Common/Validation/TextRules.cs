using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation.Results;
using Soundscape.Application.Common.Exceptions;

namespace Soundscape.Application.Common.Validation;

/// <summary>
/// The rule every text input obeys: no control characters (Unicode category Cc: NUL, U+0001–U+001F, DEL and
/// U+0080–U+009F, which includes tab and line breaks, since no field here is multi-line). PostgreSQL cannot store NUL
/// in text at all, and the others are never meant in a name, a title, an address or a code.
/// </summary>
public static class TextRules
{
    private const int MaxDepth = 8;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>The message for a field that breaks the rule, e.g. "layers[2].name must not contain control characters (found U+0000)."</summary>
    public static string ControlCharacterMessage(string field, string value) =>
        $"{field} must not contain control characters (found U+{(int)value.First(char.IsControl):X4}).";

    public static bool HasControlCharacter(string? value) =>
        value is not null && (value.AsSpan().ContainsAnyInRange('\0', '\u001f') || value.AsSpan().ContainsAnyInRange('\u007f', '\u009f'));

    /// <summary>
    /// Every string in <paramref name="request"/> that breaks the rule, found by reflection over its public properties,
    /// nested records and lists (paths as FluentValidation writes them: <c>Layers[2].Name</c>), so a new request is
    /// covered without writing a rule for it.
    /// </summary>
    public static IReadOnlyList<ValidationFailure> ControlCharacterFailures(object? request)
    {
        var failures = new List<ValidationFailure>();
        Visit(request, "", 0, failures);
        return failures;
    }

    private static void Visit(object? value, string path, int depth, List<ValidationFailure> failures)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (HasControlCharacter(text))
                    failures.Add(new ValidationFailure(path, ControlCharacterMessage(RequestValidationException.ToCamelCase(path), text)));
                return;
            case IEnumerable items when IsOwnType(value.GetType()) is false && depth < MaxDepth:
                var index = 0;
                foreach (var item in items)
                    Visit(item, $"{path}[{index++}]", depth + 1, failures);
                return;
        }
        if (!IsOwnType(value.GetType()) || depth >= MaxDepth)
            return;
        foreach (var property in Properties.GetOrAdd(value.GetType(), Readable))
            Visit(property.GetValue(value), path.Length == 0 ? property.Name : $"{path}.{property.Name}", depth + 1, failures);
    }

    // Only this code base's own requests and their parts are walked; streams, ids and numbers carry no text.
    private static bool IsOwnType(Type type) =>
        type.Namespace?.StartsWith("Soundscape.", StringComparison.Ordinal) == true && !type.IsEnum;

    private static PropertyInfo[] Readable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Where(p => p.PropertyType == typeof(string) || typeof(IEnumerable).IsAssignableFrom(p.PropertyType) && p.PropertyType != typeof(Stream)
                        || IsOwnType(p.PropertyType) || Nullable.GetUnderlyingType(p.PropertyType) is { } inner && IsOwnType(inner))
            .Where(p => !typeof(Stream).IsAssignableFrom(p.PropertyType))
            .ToArray();
}
