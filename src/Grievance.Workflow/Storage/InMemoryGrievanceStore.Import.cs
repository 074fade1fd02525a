using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Import;

namespace Grievance.Workflow.Storage;

// Bulk import: grievances with their whole history, a batch at a time.
public sealed partial class InMemoryGrievanceStore : IGrievanceImportStore
{
    /// <inheritdoc />
    /// <remarks>Everything that can fail (encoding the history and the events) runs before anything is published.</remarks>
    public ValueTask<IReadOnlyList<bool>> ImportAsync(IReadOnlyList<ImportedGrievance> grievances, CancellationToken cancellationToken)
    {
        ChangeBatches.ValidateCount(grievances, "grievances", nameof(grievances));

        cancellationToken.ThrowIfCancellationRequested();
        var prepared = new (Slot Slot, GrievanceSnapshot Grievance, int[] EventSizes)[grievances.Count];
        for (var i = 0; i < grievances.Count; i++)
        {
            var record = grievances[i] ?? throw new ArgumentException($"The record at index {i} is null.", nameof(grievances));
            var grievance = Utc(record.Grievance);
            prepared[i] = (new Slot(grievance, record.History, record.Contact), grievance, MeasureEvents(record.Events));
        }

        var stored = new bool[grievances.Count];
        lock (_createLock)
        {
            for (var i = 0; i < prepared.Length; i++)
            {
                var (slot, grievance, eventSizes) = prepared[i];
                if (_grievances.ContainsKey(grievance.Id) || !_references.TryAdd(grievance.ReferenceNumber, grievance.Id))
                {
                    continue;
                }

                _grievances[grievance.Id] = slot;
                IndexComplainant(grievance);
                AppendToOutbox(grievances[i].Events, eventSizes);
                stored[i] = true;
            }
        }

        return new(stored);
    }
}
