#pragma warning disable NPG9001 // Npgsql's resolver API is public but marked experimental.
using Npgsql.Internal;
using Npgsql.Internal.Postgres;
using Soundscape.Domain.Vectors;

namespace Soundscape.Infrastructure.Persistence.Vectors;

/// <summary>Teaches an NpgsqlDataSource that <see cref="TasteVector"/> is pgvector's <c>vector</c>.</summary>
internal sealed class VectorTypeInfoResolverFactory : PgTypeInfoResolverFactory
{
    public override IPgTypeInfoResolver CreateResolver() => new Resolver();

    public override IPgTypeInfoResolver? CreateArrayResolver() => null;

    private sealed class Resolver : IPgTypeInfoResolver
    {
        private readonly TypeInfoMappingCollection _mappings = CreateMappings();

        public PgTypeInfo? GetTypeInfo(Type? type, DataTypeName? dataTypeName, PgSerializerOptions options) =>
            _mappings.Find(type, dataTypeName, options);

        private static TypeInfoMappingCollection CreateMappings()
        {
            var mappings = new TypeInfoMappingCollection();
            mappings.AddType<TasteVector>("vector",
                static (options, mapping, _) => mapping.CreateInfo(options, new TasteVectorPgConverter()), isDefault: true);
            return mappings;
        }
    }
}
