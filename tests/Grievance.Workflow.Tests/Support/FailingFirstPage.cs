namespace Grievance.Workflow.Tests.Support;

/// <summary>The engine, but its first batch fails and its second takes a while, so the second is still running when the first fails.</summary>
internal sealed class FailingFirstPage(IGrievanceWorkflow inner) : IGrievanceWorkflow
{
    private int _started;
    private int _finished;

    public int Started => _started;

    public int Finished => _finished;

    public async ValueTask<IReadOnlyList<WorkflowResult>> ExecuteManyAsync(IReadOnlyList<GrievanceCommand> commands, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _started) == 1)
        {
            throw new InvalidOperationException("page 1 failed");
        }

        await Task.Delay(100, cancellationToken);
        var results = await inner.ExecuteManyAsync(commands, cancellationToken);
        Interlocked.Increment(ref _finished);
        return results;
    }

    public ValueTask<CommandResult> RegisterAsync(RegisterGrievance command, CancellationToken cancellationToken = default) => inner.RegisterAsync(command, cancellationToken);

    public ValueTask<WorkflowResult> TryRegisterAsync(RegisterGrievance command, CancellationToken cancellationToken = default) => inner.TryRegisterAsync(command, cancellationToken);

    public ValueTask<CommandResult> ExecuteAsync(GrievanceCommand command, CancellationToken cancellationToken = default) => inner.ExecuteAsync(command, cancellationToken);

    public ValueTask<WorkflowResult> TryExecuteAsync(GrievanceCommand command, CancellationToken cancellationToken = default) => inner.TryExecuteAsync(command, cancellationToken);

    public ValueTask<GrievanceSnapshot> GetAsync(GrievanceId id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken = default) => inner.FindByReferenceAsync(referenceNumber, cancellationToken);

    public ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(id, cancellationToken);

    public ValueTask<Grievance.Workflow.Tracking.GrievanceTracking> TrackAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken = default) => inner.TrackAsync(referenceNumber, cancellationToken);

    public ValueTask<Grievance.Workflow.Tracking.GrievanceTracking> TrackForComplainantAsync(ReferenceNumber referenceNumber, Actor complainant, CancellationToken cancellationToken = default) => inner.TrackForComplainantAsync(referenceNumber, complainant, cancellationToken);

    public ValueTask<IReadOnlyList<GrievanceAction>> GetPermittedActionsAsync(GrievanceId id, Actor actor, CancellationToken cancellationToken = default) => inner.GetPermittedActionsAsync(id, actor, cancellationToken);
}
