#pragma warning disable NPG9001 // Npgsql's converter API is public but marked experimental.
using Npgsql.Internal;
using Soundscape.Domain.Vectors;

namespace Soundscape.Infrastructure.Persistence.Vectors;

/// <summary>
/// Binary wire format of pgvector's <c>vector</c>: uint16 dimensions, uint16 reserved (0), then
/// that many big-endian float4. The schema stores only five-dimensional taste vectors.
/// </summary>
internal sealed class TasteVectorPgConverter : PgBufferedConverter<TasteVector>
{
    private const int HeaderSize = 2 * sizeof(ushort);
    private const int WireSize = HeaderSize + TasteVector.Dimensions * sizeof(float);

    public override bool CanConvert(DataFormat format, out BufferRequirements bufferRequirements)
    {
        bufferRequirements = BufferRequirements.CreateFixedSize(WireSize);
        return format is DataFormat.Binary;
    }

    public override Size GetSize(SizeContext context, TasteVector value, ref object? writeState) => WireSize;

    protected override TasteVector ReadCore(PgReader reader)
    {
        var dimensions = reader.ReadUInt16();
        var reserved = reader.ReadUInt16();
        if (dimensions != TasteVector.Dimensions || reserved != 0)
            throw new InvalidCastException($"Expected a vector({TasteVector.Dimensions}), got {dimensions} dimensions.");
        var values = new float[TasteVector.Dimensions];
        for (var i = 0; i < values.Length; i++)
            values[i] = reader.ReadFloat();
        return TasteVector.FromValues(values);
    }

    protected override void WriteCore(PgWriter writer, TasteVector value)
    {
        writer.WriteUInt16(TasteVector.Dimensions);
        writer.WriteUInt16(0);
        foreach (var component in value.ToSingleArray())
            writer.WriteFloat(component);
    }
}
