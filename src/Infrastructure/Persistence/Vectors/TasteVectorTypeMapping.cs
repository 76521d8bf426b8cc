using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Soundscape.Domain.Vectors;

namespace Soundscape.Infrastructure.Persistence.Vectors;

/// <summary>EF Core's view of a <c>vector(n)</c> column holding a <see cref="TasteVector"/>.</summary>
internal sealed class TasteVectorTypeMapping : RelationalTypeMapping
{
    public TasteVectorTypeMapping(string storeType)
        : base(new RelationalTypeMappingParameters(new CoreTypeMappingParameters(typeof(TasteVector)), storeType))
    {
    }

    private TasteVectorTypeMapping(RelationalTypeMappingParameters parameters) : base(parameters)
    {
    }

    protected override RelationalTypeMapping Clone(RelationalTypeMappingParameters parameters) => new TasteVectorTypeMapping(parameters);

    protected override void ConfigureParameter(DbParameter parameter)
    {
        // Names the type so Npgsql picks our converter even for a null value.
        if (parameter is NpgsqlParameter npgsqlParameter)
            npgsqlParameter.DataTypeName = "vector";
        base.ConfigureParameter(parameter);
    }

    protected override string GenerateNonNullSqlLiteral(object value)
    {
        var vector = (TasteVector)value;
        var text = string.Join(",", vector.ToSingleArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        return $"'[{text}]'::vector";
    }
}
