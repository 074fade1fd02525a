using Grievance.Workflow.Statistics;
using Npgsql;

namespace Grievance.Workflow.Tests.Support;

/// <summary>
/// The flow rollup rows of one district's day in every shard, inserted by a transaction left open: a registration in that district
/// that day waits at the server, holding its write, until the transaction ends.
/// </summary>
public sealed class HeldFlowRows : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private HeldFlowRows(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    /// <summary>Inserts the rows, uncommitted.</summary>
    public static async Task<HeldFlowRows> HoldAsync(string connectionString, string district, DateTimeOffset day)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO grievance_flows (dimension, day, key, shard, registered, disposed, resolved, closed_at_final_level, closed_no_feedback, rejected, withdrawn, duplicate, disposed_within_time, disposal_seconds, special_closed) "
                + "SELECT @dimension, @day, @district, s, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM generate_series(0, 31) AS s",
            connection,
            transaction);
        insert.Parameters.AddWithValue("dimension", (int)ScorecardDimension.District);
        insert.Parameters.AddWithValue("day", (int)(day.UtcTicks / TimeSpan.TicksPerDay));
        insert.Parameters.AddWithValue("district", district);
        await insert.ExecuteNonQueryAsync();
        return new HeldFlowRows(connection, transaction);
    }

    /// <summary>Waits until one of the connections of an application waits on a lock.</summary>
    public static async Task WaitUntilWaitingOnALockAsync(string connectionString, string application)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await PostgreSqlServer.CountAsync(connectionString, $"SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '{application}' AND wait_event_type = 'Lock'") > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No write of the application ever waited on the held rows.");
    }

    /// <summary>Ends the transaction, writing nothing: the writes that waited go on.</summary>
    public Task ReleaseAsync() => _transaction.RollbackAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
