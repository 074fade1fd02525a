using System.Collections.Generic;

namespace Grievance.Workflow.Import;

/// <summary>What an import did.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ImportResult
{
    /// <summary>The most rejections a result lists; the count in <see cref="Totals"/> goes on.</summary>
    public const int MaxRejectionsListed = 1000;

    /// <summary>Creates the value.</summary>
    /// <param name="totals">The totals.</param>
    /// <param name="rejections">The first refused records.</param>
    public ImportResult(ImportProgress totals, IReadOnlyList<ImportRejection> rejections)
    {
        Totals = totals;
        Rejections = rejections ?? throw new System.ArgumentNullException(nameof(rejections));
    }

    /// <summary>Gets the totals.</summary>
    public ImportProgress Totals { get; }

    /// <summary>Gets the first <see cref="MaxRejectionsListed"/> refused records, in source order.</summary>
    public IReadOnlyList<ImportRejection> Rejections { get; }
}
