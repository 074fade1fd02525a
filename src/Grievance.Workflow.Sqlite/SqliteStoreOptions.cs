namespace Grievance.Workflow.Sqlite;

/// <summary>Options of the SQLite store.</summary>
/// <remarks>Read once, when the store is made.</remarks>
public sealed class SqliteStoreOptions
{
    /// <summary>Gets or sets how each commit is made durable.</summary>
    /// <value>The default is <see cref="SqliteSynchronous.Full"/>: nothing committed is ever lost.</value>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// Gets or sets the page cache of each connection, in KiB (SQLite's <c>cache_size</c>): a file of millions of grievances keeps
    /// the upper levels of its indexes in it, so a write touches the disk only for the pages it changes. Taken as memory is needed.
    /// </summary>
    /// <value>The default is 65,536 KiB (64 MiB) per connection; SQLite's own default is 2 MiB. From 2,048 to 4,194,304 (4 GiB).</value>
    /// <exception cref="System.ArgumentOutOfRangeException">Set outside the range.</exception>
    public int CacheSizeKibibytes
    {
        get => _cacheSize;
        set => _cacheSize = value is >= 2048 and <= 4_194_304 ? value : throw new System.ArgumentOutOfRangeException(nameof(value), value, "The cache size is from 2,048 KiB to 4,194,304 KiB.");
    }

    /// <summary>
    /// Gets or sets whether the write-ahead log is copied back into the database file by a background task after commits, instead
    /// of inside the commit that takes the log past 1,000 pages (SQLite's own way, which makes that commit wait for the copy and
    /// its flush). Either way nothing committed is lost: a commit is durable once it is in the log. In the background, a writer
    /// still copies the log back itself should the log pass <see cref="LogPagesBeforeWriterCheckpoint"/>. A database in memory has
    /// no log to copy.
    /// </summary>
    /// <value>The default is <see langword="true"/>: a sweep of 10,000 closures on a 1,000,000-grievance file takes ~15% less time.</value>
    public bool CheckpointInBackground { get; set; } = true;

    /// <summary>
    /// Gets or sets how many pages the write-ahead log may hold, while checkpoints run in the background, before the writer whose
    /// commit takes it past them copies the log back itself, waiting for that copy and its flush (SQLite's <c>wal_autocheckpoint</c>).
    /// The background copies each commit back soon after it, but the log starts over from its beginning only when a write begins
    /// after a round has copied everything; a stream of large writes (a sweep's pages, a load's batches) leaves no such moment, so
    /// the log grows until this limit. Set it for the disk the log may take: a page is 4 KiB unless the file was made otherwise.
    /// Without background checkpoints, SQLite's own 1,000 pages apply.
    /// </summary>
    /// <value>
    /// The default is 10,000 pages (~40 MiB of 4 KiB pages). A sweep's page of 1,000 closures on a 1,000,000-grievance file adds
    /// ~1,700, so every sixth of its commits copies the log back, taking twice as long as the others; at 65,536 none of three sweeps
    /// of 10,000 did, but the log then grew into new blocks of its file, which the file system zeroes and allocates as it writes, and
    /// the sweeps took as long on average. Raise it to spare large writes the occasional slow commit; lower it to keep the log small.
    /// From 1,000 to 1,048,576.
    /// </value>
    /// <exception cref="System.ArgumentOutOfRangeException">Set outside the range.</exception>
    public int LogPagesBeforeWriterCheckpoint
    {
        get => _logPages;
        set => _logPages = value is >= 1000 and <= 1_048_576 ? value : throw new System.ArgumentOutOfRangeException(nameof(value), value, "The log's pages before a writer's checkpoint are from 1,000 to 1,048,576.");
    }

    /// <summary>
    /// Gets or sets the size, in bytes, the write-ahead log is cut back to when it starts over after a checkpoint (SQLite's
    /// <c>journal_size_limit</c>): a log keeps the size it once grew to, so without a limit a first load's hundreds of MiB would stay
    /// on disk for good. For tests; 64 MiB, well above the log a busy desk's commits leave between checkpoints.
    /// </summary>
    internal long LogSizeLimitBytes { get; set; } = 64L * 1024 * 1024;

    private int _cacheSize = 65_536;
    private int _logPages = 10_000;
}
