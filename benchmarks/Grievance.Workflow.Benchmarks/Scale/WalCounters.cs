using System.Globalization;
using Npgsql;

namespace Grievance.Workflow.Benchmarks.Scale;

/// <summary>
/// What a PostgreSQL server wrote to its log (<c>pg_stat_wal</c>, the whole server): records, full-page images, bytes and flushes.
/// Per command, it tells a write that grew (a full-page image is the first change of a page after a checkpoint) from one that waited.
/// </summary>
internal readonly record struct WalCounters(long Records, long FullPageImages, long Bytes, long Syncs)
{
    /// <summary>The server's counters now.</summary>
    public static async Task<WalCounters> ReadAsync(NpgsqlDataSource source)
    {
        await using var command = source.CreateCommand("SELECT wal_records, wal_fpi, wal_bytes::bigint, wal_sync FROM pg_stat_wal");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>What was written between two readings.</summary>
    public static WalCounters operator -(WalCounters later, WalCounters earlier)
        => new(later.Records - earlier.Records, later.FullPageImages - earlier.FullPageImages, later.Bytes - earlier.Bytes, later.Syncs - earlier.Syncs);

    /// <summary>The counters per command, in words.</summary>
    public string PerCommand(long commands) => string.Create(
        CultureInfo.InvariantCulture,
        $"log per command: {Records / (double)commands:N1} records, {FullPageImages / (double)commands:N2} full-page images, {Bytes / (double)commands:N0} bytes, {Syncs / (double)commands:N2} flushes");
}
