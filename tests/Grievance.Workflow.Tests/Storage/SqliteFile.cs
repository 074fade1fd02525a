using Microsoft.Data.Sqlite;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>A throw-away SQLite file, deleted with its WAL files afterwards.</summary>
public sealed class SqliteFile : IDisposable
{
    public SqliteFile() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"grievance-tests-{Guid.NewGuid():N}.db");

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    /// <summary>
    /// Closes the idle pooled connections to the file and deletes it with its WAL files. Only this file's pool: clearing every pool
    /// would close connections that tests running at the same time hold idle between their opens (a test counting its physical
    /// connections saw more than one, and the last close of another test's file deleted its write-ahead log).
    /// </summary>
    public static void Delete(string path)
    {
        ClearPool(path);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Closes the idle pooled connections opened with <c>Data Source=</c><paramref name="path"/>, as a process that ended would.</summary>
    public static void ClearPool(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Closes the idle pooled connections of <see cref="ConnectionString"/>, as a process that ended would.</summary>
    public void ClearPool() => ClearPool(Path);

    public void Dispose() => Delete(Path);
}
