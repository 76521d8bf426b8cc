using Npgsql;
using Pgvector.Npgsql;

namespace Soundscape.Infrastructure.Persistence;

public static class NpgsqlDataSources
{
    /// <summary>
    /// A data source that reads and writes <c>vector</c> as <see cref="Pgvector.Vector"/> (Pgvector's UseVector). Every
    /// connection of the app comes from one: EF Core's own UseVector cannot configure a data source it did not build.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        return builder.Build();
    }
}
