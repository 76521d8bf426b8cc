using Npgsql;
using Soundscape.Infrastructure.Persistence.Vectors;

namespace Soundscape.Infrastructure.Persistence;

public static class NpgsqlDataSources
{
    /// <summary>A data source that reads and writes <c>vector</c> as TasteVector. Every connection of the app comes from one.</summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
#pragma warning disable NPG9001 // the resolver API is public but marked experimental
        builder.AddTypeInfoResolverFactory(new VectorTypeInfoResolverFactory());
#pragma warning restore NPG9001
        return builder.Build();
    }
}
