using System.Text.Json;
using System.Text.Json.Serialization;

namespace Soundscape.Api.Infrastructure;

/// <summary>
/// Reads every ISO 8601 time in a JSON body (any offset: <c>Z</c>, <c>+01:00</c>, <c>-05:30</c>) as the same instant in UTC,
/// so nothing after the HTTP boundary sees a non-zero offset (Npgsql refuses one for <c>timestamptz</c>). Writes UTC.
/// A value that is not an ISO 8601 time is a <see cref="JsonException"/>, answered as 400 naming the field.
/// </summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value)
            ? value.ToUniversalTime()
            : throw new JsonException("Expected an ISO 8601 date and time, such as 2026-12-03T12:00:00+01:00.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime());
}
