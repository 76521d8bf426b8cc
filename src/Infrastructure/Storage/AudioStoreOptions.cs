using Microsoft.Extensions.Configuration;

namespace Soundscape.Infrastructure.Storage;

/// <summary>
/// "Audio:Store": <c>Kind</c> local (default, folder <c>Path</c>, ".audio" under the working directory) or s3
/// (<c>Bucket</c>, <c>ServiceUrl</c>, <c>Region</c>, <c>AccessKey</c>, <c>SecretKey</c>, <c>ForcePathStyle</c>, <c>Prefix</c>).
/// </summary>
public sealed class AudioStoreOptions
{
    public string Kind { get; init; } = "local";

    public string Path { get; init; } = ".audio";

    public string? Bucket { get; init; }

    public string? ServiceUrl { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>MinIO and Supabase Storage want path-style addresses (bucket in the path, not the host name).</summary>
    public bool ForcePathStyle { get; init; } = true;

    public string Prefix { get; init; } = "sounds/";

    public TimeSpan PresignedUrlLifetime { get; init; } = TimeSpan.FromMinutes(15);

    public static AudioStoreOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Audio:Store");
        string? Value(string key) => string.IsNullOrWhiteSpace(section[key]) ? null : section[key]!.Trim();
        var defaults = new AudioStoreOptions();
        return new AudioStoreOptions
        {
            Kind = (Value("Kind") ?? defaults.Kind).ToLowerInvariant(),
            Path = Value("Path") ?? defaults.Path,
            Bucket = Value("Bucket"),
            ServiceUrl = Value("ServiceUrl"),
            Region = Value("Region") ?? defaults.Region,
            AccessKey = Value("AccessKey"),
            SecretKey = Value("SecretKey"),
            ForcePathStyle = !bool.TryParse(Value("ForcePathStyle"), out var pathStyle) || pathStyle,
            Prefix = Value("Prefix") ?? defaults.Prefix,
        };
    }
}

/// <summary>Content-addressed names: "ab/abcdef….wav" for a file whose SHA-256 starts with "ab".</summary>
internal static partial class AudioKeys
{
    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-f]{2}/[0-9a-f]{64}\\.[a-z0-9]{1,8}$")]
    private static partial System.Text.RegularExpressions.Regex Shape();

    public static string For(string contentHash, string extension)
    {
        var ext = extension.Length > 1 ? extension.ToLowerInvariant() : ".bin";
        var key = $"{contentHash[..2]}/{contentHash}{ext}";
        return Validate(key);
    }

    /// <summary>Refuses anything that is not a key this store made: no path can climb out of the store.</summary>
    public static string Validate(string key) =>
        Shape().IsMatch(key) ? key : throw new ArgumentException($"'{key}' is not an audio store key.", nameof(key));
}
