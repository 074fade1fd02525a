using System.Data.Common;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// A write of a transaction's statements (<see cref="SqlStatements.DeferAsync(string, System.Action{DbCommand}, System.Threading.CancellationToken)"/>):
/// run at once, with its row count, or waiting in a batch, whose command tells the count once the batch has run. Source shared by
/// the adapters, not a public API.
/// </summary>
internal readonly struct DeferredWrite
{
    private readonly DbBatchCommand? _command;
    private readonly int _rows;

    public DeferredWrite(int rows) => _rows = rows;

    public DeferredWrite(DbBatchCommand command) => _command = command;

    /// <summary>Gets the rows the write changed: for one in a batch, once the batch has run (until then, and if it failed before, 0 or -1).</summary>
    public int Rows => _command?.RecordsAffected ?? _rows;
}
