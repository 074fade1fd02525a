using Microsoft.Data.Sqlite;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>A throw-away SQLite file, deleted with its WAL files afterwards.</summary>
public sealed class SqliteFile : IDisposable
{
    public SqliteFile() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"grievance-tests-{Guid.NewGuid():N}.db");

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    public void Dispose() => Delete(Path);
}
