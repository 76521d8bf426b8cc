#pragma warning disable EF1001 // PgUnknownBinaryExpression is Npgsql's way to emit an operator it does not know.
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Query.Expressions.Internal;
using Soundscape.Application.Common.Persistence;
using Soundscape.Domain.Vectors;

namespace Soundscape.Infrastructure.Persistence.Vectors;

/// <summary>Maps <see cref="TasteVector"/> CLR values and <c>vector</c> store types to <see cref="TasteVectorTypeMapping"/>.</summary>
internal sealed class VectorTypeMappingSourcePlugin : IRelationalTypeMappingSourcePlugin
{
    public RelationalTypeMapping? FindMapping(in RelationalTypeMappingInfo mappingInfo)
    {
        if (mappingInfo.ClrType == typeof(TasteVector) || (mappingInfo.ClrType is null && mappingInfo.StoreTypeNameBase == "vector"))
            return new TasteVectorTypeMapping(mappingInfo.StoreTypeName ?? $"vector({TasteVector.Dimensions})");
        return null;
    }
}

/// <summary>
/// Translates <see cref="VectorDbFunctions.CosineDistance"/> to pgvector's <c>&lt;=&gt;</c> operator and
/// <see cref="VectorDbFunctions.HasDirection"/> to <c>public.vector_has_direction</c> (20261203100000_VectorsThatRank).
/// </summary>
internal sealed class VectorMethodCallTranslator(ISqlExpressionFactory sql, IRelationalTypeMappingSource typeMappings) : IMethodCallTranslator
{
    private static readonly MethodInfo CosineDistance = typeof(VectorDbFunctions).GetMethod(nameof(VectorDbFunctions.CosineDistance))!;
    private static readonly MethodInfo HasDirection = typeof(VectorDbFunctions).GetMethod(nameof(VectorDbFunctions.HasDirection))!;

    public SqlExpression? Translate(SqlExpression? instance, MethodInfo method, IReadOnlyList<SqlExpression> arguments,
        IDiagnosticsLogger<DbLoggerCategory.Query> logger)
    {
        if (method == HasDirection)
        {
            var vector = arguments[1];
            return sql.Function("public", "vector_has_direction",
                [sql.ApplyTypeMapping(vector, vector.TypeMapping ?? typeMappings.FindMapping(typeof(TasteVector)))],
                nullable: true, argumentsPropagateNullability: [true], typeof(bool), typeMappings.FindMapping(typeof(bool)));
        }
        if (method != CosineDistance)
            return null;
        // arguments[0] is the DbFunctions instance; a column on either side lends its mapping to a parameter.
        var (left, right) = (arguments[1], arguments[2]);
        var mapping = left.TypeMapping ?? right.TypeMapping ?? typeMappings.FindMapping(typeof(TasteVector));
        return new PgUnknownBinaryExpression(
            sql.ApplyTypeMapping(left, mapping), sql.ApplyTypeMapping(right, mapping), "<=>",
            typeof(double), typeMappings.FindMapping(typeof(double)));
    }
}

internal sealed class VectorMethodCallTranslatorPlugin(ISqlExpressionFactory sql, IRelationalTypeMappingSource typeMappings)
    : IMethodCallTranslatorPlugin
{
    public IEnumerable<IMethodCallTranslator> Translators { get; } = [new VectorMethodCallTranslator(sql, typeMappings)];
}

/// <summary>Registers the vector plugins inside EF Core's internal service provider.</summary>
internal sealed class VectorDbContextOptionsExtension : IDbContextOptionsExtension
{
    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        services.AddSingleton<IRelationalTypeMappingSourcePlugin, VectorTypeMappingSourcePlugin>();
        services.AddScoped<IMethodCallTranslatorPlugin, VectorMethodCallTranslatorPlugin>();
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "using TasteVector ";
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["Soundscape:TasteVector"] = "1";
    }
}

public static class VectorDbContextOptionsBuilderExtensions
{
    /// <summary>Adds the <c>vector</c> type mapping and the cosine distance translation to a context.</summary>
    public static DbContextOptionsBuilder UseTasteVectors(this DbContextOptionsBuilder builder)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new VectorDbContextOptionsExtension());
        return builder;
    }
}
