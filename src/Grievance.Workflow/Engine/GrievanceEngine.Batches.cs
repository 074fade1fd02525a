using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Storage;

namespace Grievance.Workflow.Engine;

// Many commands at once: one read, each decided on its own, one write with a version check per change.
internal sealed partial class GrievanceEngine
{
    public ValueTask<IReadOnlyList<WorkflowResult>> ExecuteManyAsync(IReadOnlyList<GrievanceCommand> commands, CancellationToken cancellationToken = default)
        => ExecuteManyAsync(commands, loaded: null, cancellationToken);

    /// <summary>
    /// Executes the commands as <see cref="ExecuteManyAsync(IReadOnlyList{GrievanceCommand}, CancellationToken)"/> does, deciding the
    /// batched ones on the snapshots the caller has already read (a sweeper's claim reads them) instead of reading them again; a
    /// grievance not among them is read as usual.
    /// </summary>
    internal async ValueTask<IReadOnlyList<WorkflowResult>> ExecuteManyAsync(
        IReadOnlyList<GrievanceCommand> commands, IReadOnlyList<GrievanceSnapshot>? loaded, CancellationToken cancellationToken)
    {
        ChangeBatches.ValidateCount(commands, "commands", nameof(commands));

        for (var i = 0; i < commands.Count; i++)
        {
            if (commands[i] is null)
            {
                throw new ArgumentException($"The command at index {i} is null.", nameof(commands));
            }
        }

        var results = new WorkflowResult[commands.Count];
        var batchStore = _store as IGrievanceBatchStore;
        var batched = new List<int>(commands.Count);
        var oneByOne = new List<int>();
        var seen = new HashSet<GrievanceId>();
        for (var i = 0; i < commands.Count; i++)
        {
            // A command with an id may be a replay, and a second command on one grievance must see the first one's result:
            // both go the single-command way.
            var command = commands[i];
            (batchStore is not null && command.CommandId is null && seen.Add(command.GrievanceId) ? batched : oneByOne).Add(i);
        }

        if (batched.Count > 0)
        {
            await ExecuteBatchAsync(batchStore!, commands, batched, loaded, results, oneByOne, cancellationToken).ConfigureAwait(false);
        }

        oneByOne.Sort();
        foreach (var i in oneByOne)
        {
            results[i] = await TryExecuteAsync(commands[i], cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>
    /// Reads the grievances of the batched commands in one read (those not <paramref name="loaded"/> already), decides each, and
    /// saves the changes in one write. A command without an expected version that lost a race to another writer joins
    /// <paramref name="oneByOne"/> to be re-decided.
    /// </summary>
    private async ValueTask ExecuteBatchAsync(
        IGrievanceBatchStore store,
        IReadOnlyList<GrievanceCommand> commands,
        List<int> batched,
        IReadOnlyList<GrievanceSnapshot>? loaded,
        WorkflowResult[] results,
        List<int> oneByOne,
        CancellationToken cancellationToken)
    {
        var start = _instruments.StartTiming();
        var byId = new Dictionary<GrievanceId, GrievanceSnapshot>(batched.Count);
        foreach (var snapshot in loaded ?? [])
        {
            byId[snapshot.Id] = snapshot;
        }

        var ids = new List<GrievanceId>(batched.Count - byId.Count);
        foreach (var i in batched)
        {
            if (!byId.ContainsKey(commands[i].GrievanceId))
            {
                ids.Add(commands[i].GrievanceId);
            }
        }

        if (ids.Count > 0)
        {
            foreach (var snapshot in await store.FindManyAsync(ids, cancellationToken).ConfigureAwait(false))
            {
                byId[snapshot.Id] = snapshot;
            }
        }

        var changes = new List<GrievanceChange>(batched.Count);
        var changed = new List<int>(batched.Count);
        foreach (var i in batched)
        {
            var command = commands[i];
            var decision = await DecideAsync(command, fingerprint: null, byId.GetValueOrDefault(command.GrievanceId), cancellationToken).ConfigureAwait(false);
            if (decision.Refusal is { } refusal)
            {
                results[i] = Reported(command, WorkflowResult.Failure(refusal), start);
                continue;
            }

            changes.Add(decision.Change);
            changed.Add(i);
        }

        if (changes.Count == 0)
        {
            return;
        }

        var saved = await store.SaveManyAsync(changes, cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < changed.Count; k++)
        {
            var i = changed[k];
            var command = commands[i];
            switch (saved[k])
            {
                case null:
                    results[i] = Reported(command, WorkflowResult.Success(new CommandResult(changes[k].Grievance, changes[k].Entry, isReplay: false)), start);
                    break;
                case GrievanceConcurrencyException when command.ExpectedVersion is null:
                    oneByOne.Add(i); // lost a race: re-decided on the latest version
                    break;
                case { } error:
                    results[i] = Reported(command, WorkflowResult.Failure(error), start);
                    break;
            }
        }
    }

    /// <summary>Reports a batched command's outcome as a single command's is reported (its duration is the batch's so far).</summary>
    private WorkflowResult Reported(GrievanceCommand command, WorkflowResult result, long start)
    {
        Report(command.Action, command.GrievanceId, result, start, activity: null);
        return result;
    }
}
