using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Bulk;

/// <summary>
/// The default bulk actions: the request's commands, each with the command id <see cref="BulkRequest.CommandIdOf"/> gives it, go
/// through <see cref="IGrievanceWorkflow.ExecuteManyAsync"/> in chunks of <see cref="BulkRequest.ChunkSize"/> — one read and one
/// write a chunk on a store with batches, each command still checked, authorized and stored on its own. A command id found with the
/// same command is a replay (already applied); with a different one, a refusal.
/// </summary>
/// <remarks>Thread-safe; holds no state.</remarks>
public sealed class GrievanceBulkActions : IGrievanceBulkActions
{
    private readonly IGrievanceWorkflow _workflow;

    /// <summary>Creates the service.</summary>
    /// <param name="workflow">The engine the commands go through.</param>
    public GrievanceBulkActions(IGrievanceWorkflow workflow) => _workflow = workflow ?? throw new ArgumentNullException(nameof(workflow));

    /// <inheritdoc />
    public async ValueTask<BulkResult> ApplyAsync(BulkRequest request, IProgress<BulkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var commands = Commands(request);
        var items = new List<BulkItemResult>(commands.Length);
        var refused = 0;
        for (var start = 0; start < commands.Length; start += request.ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = new ArraySegment<GrievanceCommand>(commands, start, Math.Min(request.ChunkSize, commands.Length - start));
            var results = await _workflow.ExecuteManyAsync(chunk, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < results.Count; i++)
            {
                var result = results[i];
                var outcome = result.TryGetValue(out var done) ? (done.IsReplay ? BulkItemOutcome.AlreadyApplied : BulkItemOutcome.Applied) : BulkItemOutcome.Refused;
                refused += outcome == BulkItemOutcome.Refused ? 1 : 0;
                items.Add(new BulkItemResult(chunk[i].GrievanceId, outcome, result));
            }

            progress?.Report(new BulkProgress(items.Count, commands.Length, refused));
        }

        return new BulkResult(request.BatchId, items);
    }

    /// <summary>Validates the request and makes every command up front, so that a bad one is found before anything is written.</summary>
    private static GrievanceCommand[] Commands(BulkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.BatchId) || request.BatchId.Length > BulkRequest.MaxBatchIdLength || request.BatchId.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0)
        {
            throw new ArgumentException($"A batch id is 1 to {BulkRequest.MaxBatchIdLength} characters, not blank, with no control character; got {request.BatchId?.Length ?? 0} characters.", nameof(request));
        }

        ArgumentNullException.ThrowIfNull(request.Grievances, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Command, nameof(request));
        if (request.Grievances.Count is 0 or > BulkRequest.MaxGrievances)
        {
            throw new ArgumentException($"A bulk action names 1 to {BulkRequest.MaxGrievances:N0} grievances; got {request.Grievances.Count:N0}.", nameof(request));
        }

        if (request.ChunkSize < 1 || request.ChunkSize > GrievanceLimits.MaxBatchSize)
        {
            throw new ArgumentException($"A bulk action's chunk size is 1 to {GrievanceLimits.MaxBatchSize}; got {request.ChunkSize}.", nameof(request));
        }

        var seen = new HashSet<GrievanceId>();
        var commands = new GrievanceCommand[request.Grievances.Count];
        for (var i = 0; i < commands.Length; i++)
        {
            var id = request.Grievances[i];
            if (!seen.Add(id))
            {
                throw new ArgumentException($"Batch {request.BatchId} names grievance {id} twice (again at index {i}).", nameof(request));
            }

            var command = request.Command(id) ?? throw new ArgumentException($"Batch {request.BatchId} made no command for grievance {id} (index {i}).", nameof(request));
            if (command.GrievanceId != id)
            {
                throw new ArgumentException($"Batch {request.BatchId} made a command for grievance {command.GrievanceId} when asked for {id} (index {i}).", nameof(request));
            }

            if (command.CommandId is not null)
            {
                throw new ArgumentException($"Batch {request.BatchId} made a {command.Action} command for grievance {id} with a command id of its own ({command.CommandId}); the batch gives each its id.", nameof(request));
            }

            commands[i] = command with { CommandId = BulkRequest.CommandIdOf(request.BatchId, id) };
        }

        return commands;
    }
}
