using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Soundscape.Application.Common.Configuration;

namespace Soundscape.Infrastructure.Storage;

/// <summary>
/// "Audio:Store": <c>Kind</c> local (default, folder <c>Path</c>, ".audio" under the working directory) or s3
/// (<c>Bucket</c>, <c>ServiceUrl</c>, <c>Region</c>, <c>AccessKey</c>, <c>SecretKey</c>, <c>ForcePathStyle</c>, <c>Prefix</c>).
/// </summary>
public sealed class AudioStoreOptions
{
    private readonly string _kind = "local";

    /// <summary>local or s3, any case.</summary>
    [RegularExpression("(?i)local|s3", ErrorMessage = "must be local or s3.")]
    public string Kind { get => _kind; init => _kind = value.Trim().ToLowerInvariant(); }

    public string Path { get; init; } = ".audio";

    public string? Bucket { get; init; }

    public string? ServiceUrl { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>MinIO and Supabase Storage want path-style addresses (bucket in the path, not the host name).</summary>
    public bool ForcePathStyle { get; init; } = true;

    public string Prefix { get; init; } = "sounds/";

    [Between("00:00:01", "7.00:00:00")]
    public TimeSpan PresignedUrlLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Reads "Audio:Store" with <see cref="StrictBinding"/>: a wrong value throws, naming the key.</summary>
    public static AudioStoreOptions FromConfiguration(IConfiguration configuration) =>
        StrictBinding.Read<AudioStoreOptions>(configuration.GetSection("Audio:Store"));
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
