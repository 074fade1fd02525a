using System;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Bulk;

/// <summary>Applies one administrator's action to many grievances, each as its own atomic command, resumably.</summary>
public interface IGrievanceBulkActions
{
    /// <summary>Applies the request: per grievance applied, already applied (by an earlier run of the batch) or refused with its typed error.</summary>
    /// <param name="request">The batch.</param>
    /// <param name="progress">Told after each write, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call between writes; what was written stays, and the same request resumes.</param>
    /// <returns>The result of each grievance, in the request's order.</returns>
    /// <exception cref="ArgumentException">The batch id, the grievance list or a command made for it is invalid (the message names which, and where).</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    ValueTask<BulkResult> ApplyAsync(BulkRequest request, IProgress<BulkProgress>? progress = null, CancellationToken cancellationToken = default);
}
