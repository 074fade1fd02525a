using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// One write waiting to go to the server with others (<see cref="WriteGroups"/>): a registration or a change that carries the
/// snapshot it changes, and what became of it. Source shared by the adapters, not a public API.
/// </summary>
internal sealed class GroupedWrite
{
    /// <summary>Creates the write of a registration.</summary>
    public GroupedWrite(GrievanceCreation creation) => Creation = creation;

    /// <summary>Creates the write of a change.</summary>
    public GroupedWrite(GrievanceChange change) => Change = change;

    /// <summary>Gets the registration, or <see langword="null"/> for a change.</summary>
    public GrievanceCreation? Creation { get; }

    /// <summary>Gets the change; the default value for a registration.</summary>
    public GrievanceChange Change { get; }

    /// <summary>Gets the grievance written.</summary>
    public GrievanceId Id => (Creation?.Grievance ?? Change.Grievance).Id;

    /// <summary>
    /// Gets or sets the group this write is to send, itself first, when a place is handed to it (<see cref="Turn"/> completes with
    /// <see langword="true"/>); <see langword="null"/> until then, and when it takes a place out of patience.
    /// </summary>
    public List<GroupedWrite>? Group { get; set; }

    /// <summary>Gets or sets why the write failed, once its group has been sent; <see langword="null"/> when it was written.</summary>
    public Exception? Error { get; set; }

    /// <summary>
    /// Completes when the write's turn comes: <see langword="true"/> when it is to send the next group (the writes waiting, itself
    /// first), <see langword="false"/> when another write's group carried it (<see cref="Error"/> says how it went).
    /// </summary>
    public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
