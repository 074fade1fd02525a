using System.Collections.Generic;
using System.Linq;

namespace Grievance.Workflow.Bulk;

/// <summary>What a bulk action did, grievance by grievance, in the request's order.</summary>
/// <param name="BatchId">The batch.</param>
/// <param name="Items">Each grievance's result.</param>
public sealed record BulkResult(string BatchId, IReadOnlyList<BulkItemResult> Items)
{
    /// <summary>Gets how many were applied now.</summary>
    public int Applied => Items.Count(i => i.Outcome == BulkItemOutcome.Applied);

    /// <summary>Gets how many an earlier run of the batch had applied.</summary>
    public int AlreadyApplied => Items.Count(i => i.Outcome == BulkItemOutcome.AlreadyApplied);

    /// <summary>Gets how many were refused.</summary>
    public int Refused => Items.Count(i => i.Outcome == BulkItemOutcome.Refused);
}
