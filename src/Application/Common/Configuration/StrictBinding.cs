using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Soundscape.Application.Common.Configuration;

/// <summary>
/// The one way options are read: the raw strings are checked first (every failure names its full key, e.g.
/// <c>Recommendation:TickInterval</c>), then the section is bound, then DataAnnotations ranges are checked with the key
/// in the message. A time span given as a bare number ("30") is refused: <see cref="TimeSpan.Parse(string)"/> would
/// read it as 30 days. Callers add <c>ValidateOnStart()</c> so a wrong value stops the process when it starts.
/// </summary>
public static class StrictBinding
{
    /// <summary>Binds <paramref name="section"/> after checking its raw values; throws <see cref="OptionsValidationException"/> naming each bad key.</summary>
    public static OptionsBuilder<T> BindStrictly<T>(this OptionsBuilder<T> builder, IConfigurationSection section) where T : class
    {
        builder.Configure(options =>
        {
            Throw<T>(builder.Name, CheckRaw(section, typeof(T)));
            section.Bind(options);
        });
        builder.Services.AddSingleton<IValidateOptions<T>>(new AnnotationValidator<T>(builder.Name, section.Path));
        return builder;
    }

    /// <summary>
    /// Registers <typeparamref name="T"/> bound strictly from <paramref name="key"/>, validated at start-up (its
    /// DataAnnotations and each of <paramref name="rules"/>), and also as itself for classes that take the plain object.
    /// </summary>
    /// <param name="rules">Each check with the message naming the setting, shown when the check fails at start-up.</param>
    public static IServiceCollection AddStrictOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string key, params (Func<T, bool> Check, string Message)[] rules)
        where T : class
    {
        var builder = services.AddOptions<T>().BindStrictly(configuration.GetSection(key));
        foreach (var (check, message) in rules)
            builder.Validate(check, message);
        builder.ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        return services;
    }

    /// <summary>Reads a section now, for settings needed while services are registered; same rules and errors as <see cref="BindStrictly{T}"/>.</summary>
    public static T Read<T>(IConfigurationSection section) where T : class, new()
    {
        Throw<T>(Options.DefaultName, CheckRaw(section, typeof(T)));
        var options = new T();
        section.Bind(options);
        Throw<T>(Options.DefaultName, Annotations(options, section.Path));
        return options;
    }

    private static void Throw<T>(string? name, List<string> failures)
    {
        if (failures.Count > 0)
            throw new OptionsValidationException(name ?? Options.DefaultName, typeof(T), failures);
    }

    private static IEnumerable<PropertyInfo> Bindable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null && p.GetIndexParameters().Length == 0);

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid);

    private static List<string> CheckRaw(IConfigurationSection section, Type type)
    {
        var failures = new List<string>();
        foreach (var property in Bindable(type))
        {
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var child = section.GetSection(property.Name);
            if (!IsLeaf(valueType))
            {
                if (valueType.IsClass && !typeof(System.Collections.IEnumerable).IsAssignableFrom(valueType))
                    failures.AddRange(CheckRaw(child, valueType));
                continue;
            }
            if (child.Value is not { } raw || (raw.Trim().Length == 0 && valueType == typeof(string)))
                continue;
            if (Problem(raw.Trim(), valueType) is { } problem)
                failures.Add($"{child.Path} is '{raw}': {problem}");
        }
        return failures;
    }

    private static string? Problem(string raw, Type type)
    {
        if (type == typeof(TimeSpan))
        {
            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                return $"a bare number is not a time span (it would mean {number} days); write hh:mm:ss, e.g. {Example(number)}.";
            return TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out _) ? null : "not a time span; write hh:mm:ss, e.g. 00:00:30.";
        }
        if (type.IsEnum)
            return Enum.TryParse(type, raw, ignoreCase: true, out var value) && Enum.IsDefined(type, value!)
                ? null : $"must be one of {string.Join(", ", Enum.GetNames(type))}.";
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(raw);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException
                                       || ex.InnerException is FormatException or OverflowException)
        {
            return $"not a valid {Friendly(type)}.";
        }
    }

    private static string Example(double seconds) =>
        seconds is >= 0 and < 86400 ? TimeSpan.FromSeconds(Math.Floor(seconds)).ToString("c", CultureInfo.InvariantCulture) : "00:00:30";

    private static string Friendly(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => "boolean (true or false)",
        TypeCode.Int32 or TypeCode.Int64 or TypeCode.Int16 or TypeCode.Byte or TypeCode.UInt32 or TypeCode.UInt64 => "whole number in range",
        TypeCode.Double or TypeCode.Single or TypeCode.Decimal => "number (invariant culture, e.g. 0.5)",
        _ => type.Name,
    };

    /// <summary>DataAnnotations on the options and their nested option objects, each failure prefixed with its full key.</summary>
    private static List<string> Annotations(object options, string path)
    {
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            foreach (var result in results)
                foreach (var member in result.MemberNames.DefaultIfEmpty(""))
                    failures.Add($"{path}:{member} {result.ErrorMessage ?? "is not valid."}");
        foreach (var property in Bindable(options.GetType()))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!IsLeaf(type) && type.IsClass && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && property.GetValue(options) is { } nested)
                failures.AddRange(Annotations(nested, $"{path}:{property.Name}"));
        }
        return failures;
    }

    

    private sealed class AnnotationValidator<T>(string? name, string path) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (name is not null && name != optionsName)
                return ValidateOptionsResult.Skip;
            var failures = Annotations(options, path);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}

/// <summary>A DataAnnotations range whose message is short and sits after the key: "must be from 1 to 50."</summary>
public sealed class BetweenAttribute : RangeAttribute
{
    public BetweenAttribute(int minimum, int maximum) : base(minimum, maximum) => ErrorMessage = "must be from {1} to {2}.";

    public BetweenAttribute(double minimum, double maximum) : base(minimum, maximum) => ErrorMessage = "must be from {1} to {2}.";

    /// <summary>Time spans, bounds written as hh:mm:ss.</summary>
    public BetweenAttribute(string minimum, string maximum) : base(typeof(TimeSpan), minimum, maximum)
    {
        ErrorMessage = "must be from {1} to {2}.";
        ParseLimitsInInvariantCulture = true;
        ConvertValueInInvariantCulture = true;
    }
}
