using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Soundscape.Domain.Common;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;

namespace Soundscape.Infrastructure.Persistence.Configurations;

/// <summary>
/// player_queue.explanation (jsonb) ⇄ <see cref="QueueExplanation"/>: {"similarity", "penalty", "score", "listeners",
/// "fallback"}, the object SaveQueuePlansAsync builds too. Reading is tolerant: an explanation that cannot be read
/// (not an object, a field missing, a number that is not finite such as the string "NaN" a NaN once became, an unknown
/// fallback) reads as no explanation, so one bad row never fails a read of the queue; the next plan rewrites it.
/// </summary>
internal sealed class QueueExplanationJsonConverter() : ValueConverter<QueueExplanation?, string>(
    explanation => QueueExplanationJson.Write(explanation!),
    json => QueueExplanationJson.Read(json));

internal static class QueueExplanationJson
{
    private static readonly LowerCaseEnumConverter<CollectiveFallback> Fallback = new();

    public static string Write(QueueExplanation explanation)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("similarity", explanation.Similarity);
            writer.WriteNumber("penalty", explanation.Penalty);
            writer.WriteNumber("score", explanation.Score);
            writer.WriteNumber("listeners", explanation.Listeners);
            writer.WriteString("fallback", (string)Fallback.ConvertToProvider(explanation.Fallback)!);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <returns>The explanation, or null when <paramref name="json"/> is not one.</returns>
    public static QueueExplanation? Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !Number(root, "similarity", out var similarity) || !Number(root, "penalty", out var penalty) || !Number(root, "score", out var score)
                || !root.TryGetProperty("listeners", out var listeners) || listeners.ValueKind != JsonValueKind.Number || !listeners.TryGetInt32(out var count)
                || !root.TryGetProperty("fallback", out var fallback) || fallback.ValueKind != JsonValueKind.String
                || !Enum.TryParse<CollectiveFallback>(fallback.GetString(), ignoreCase: true, out var source) || !Enum.IsDefined(source)
                || int.TryParse(fallback.GetString(), out _))
                return null;
            return new QueueExplanation(similarity, penalty, score, count, source);
        }
        catch (Exception ex) when (ex is JsonException or DomainValidationException)
        {
            return null;
        }
    }

    private static bool Number(JsonElement root, string name, out double value)
    {
        value = 0;
        return root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number
               && element.TryGetDouble(out value) && double.IsFinite(value);
    }
}
