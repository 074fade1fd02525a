using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow;

/// <summary>
/// The grievance workflow engine: registers grievances and applies commands to them through the lifecycle, the policies and
/// the store. Every accepted command appends exactly one history entry and raises the version by one.
/// </summary>
/// <remarks>
/// Thread-safe: call it from many threads at once, for different grievances and for the same one (optimistic concurrency
/// decides; commands without an expected version are re-decided on the latest version).
/// </remarks>
public interface IGrievanceWorkflow
{
    /// <summary>Registers a grievance, issues its reference number and routes it through the routing policy.</summary>
    /// <param name="command">The registration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result; its grievance is pending with the L1 officer, or registered in triage when unroutable.</returns>
    /// <exception cref="GrievanceAuthorizationException">The actor may not register grievances, or not for this complainant.</exception>
    /// <exception cref="CommandIdConflictException">The command id was used for another command.</exception>
    /// <exception cref="DuplicateGrievanceException">The grievance id asked for is taken.</exception>
    ValueTask<CommandResult> RegisterAsync(RegisterGrievance command, CancellationToken cancellationToken = default);

    /// <summary>Registers a grievance, returning the workflow's refusal as a value instead of throwing it.</summary>
    /// <param name="command">The registration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The result, or in <see cref="WorkflowResult.Error"/> every refusal <see cref="RegisterAsync"/> documents (each a
    /// <see cref="GrievanceWorkflowException"/>). Nothing was stored when it holds an error.
    /// </returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="command"/> is null.</exception>
    /// <exception cref="System.OperationCanceledException">The call was cancelled.</exception>
    /// <remarks>
    /// Infrastructure failures are not refusals and are let through as thrown: the store's (a database or I/O error) and those of a
    /// host's policies, and an <see cref="System.InvalidOperationException"/> when a policy breaks its contract. After one, the
    /// command may or may not have been stored: retry it with the same <see cref="RegisterGrievance.CommandId"/>, which replays it
    /// if it was.
    /// </remarks>
    ValueTask<WorkflowResult> TryRegisterAsync(RegisterGrievance command, CancellationToken cancellationToken = default);

    /// <summary>Applies a command to an existing grievance.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="GrievanceNotFoundException">No such grievance.</exception>
    /// <exception cref="GrievanceActionNotAllowedException">The state does not allow the action.</exception>
    /// <exception cref="GrievanceAuthorizationException">The actor may not take the action.</exception>
    /// <exception cref="GrievanceConcurrencyException">The command's expected version is stale, or retries ran out.</exception>
    /// <exception cref="TransferLimitExceededException">A transfer beyond the limit.</exception>
    /// <exception cref="ExtensionLimitExceededException">An extension beyond the limit of the officer clock.</exception>
    /// <exception cref="DeadlineExtensionOutOfRangeException">An extension's new deadline is not later than the current one and the present, or beyond the horizon.</exception>
    /// <exception cref="CommandIdConflictException">The command id was used for another command.</exception>
    ValueTask<CommandResult> ExecuteAsync(GrievanceCommand command, CancellationToken cancellationToken = default);

    /// <summary>Applies a command, returning the workflow's refusal as a value instead of throwing it.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The result, or in <see cref="WorkflowResult.Error"/> every refusal <see cref="ExecuteAsync"/> documents (each a
    /// <see cref="GrievanceWorkflowException"/>). Nothing was stored when it holds an error.
    /// </returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="command"/> is null.</exception>
    /// <exception cref="System.OperationCanceledException">The call was cancelled.</exception>
    /// <remarks>
    /// Infrastructure failures are not refusals and are let through as thrown: the store's (a database or I/O error) and those of a
    /// host's policies, and an <see cref="System.InvalidOperationException"/> when a policy breaks its contract. After one, the
    /// command may or may not have been stored: retry it with the same <see cref="GrievanceCommand.CommandId"/>, which replays it
    /// if it was.
    /// </remarks>
    ValueTask<WorkflowResult> TryExecuteAsync(GrievanceCommand command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies many commands, each as its own atomic command with its own history entry, and returns each one's result. With a
    /// store that supports batches (<see cref="Storage.IGrievanceBatchStore"/>) the grievances are read in one read and the
    /// accepted changes written in one write — one transaction and one flush instead of one per command; otherwise, and for
    /// commands with a command id or a second command on one grievance, each runs as <see cref="TryExecuteAsync"/> runs it.
    /// </summary>
    /// <param name="commands">The commands, at most <see cref="GrievanceLimits.MaxBatchSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One result per command, in the same order, each as <see cref="TryExecuteAsync"/> would give it: a refusal of one command never
    /// stops the others. Commands on one grievance are applied in the order given.
    /// </returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="commands"/> is null.</exception>
    /// <exception cref="System.ArgumentException">A command is null, or there are more than <see cref="GrievanceLimits.MaxBatchSize"/>.</exception>
    /// <exception cref="System.OperationCanceledException">The call was cancelled.</exception>
    /// <remarks>
    /// An infrastructure failure is thrown, as from <see cref="TryExecuteAsync"/>; the commands of the write it broke were not
    /// stored, those of earlier writes were. Retrying the batch is safe when each command carries an expected version or a command
    /// id. The default implementation runs the commands one by one.
    /// </remarks>
    async ValueTask<IReadOnlyList<WorkflowResult>> ExecuteManyAsync(IReadOnlyList<GrievanceCommand> commands, CancellationToken cancellationToken = default)
    {
        System.ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count > GrievanceLimits.MaxBatchSize)
        {
            throw new System.ArgumentException($"A batch holds at most {GrievanceLimits.MaxBatchSize} commands; got {commands.Count}.", nameof(commands));
        }

        var results = new WorkflowResult[commands.Count];
        for (var i = 0; i < commands.Count; i++)
        {
            results[i] = await TryExecuteAsync(commands[i] ?? throw new System.ArgumentException($"The command at index {i} is null.", nameof(commands)), cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>Reads a grievance.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The latest snapshot.</returns>
    /// <exception cref="GrievanceNotFoundException">No such grievance.</exception>
    ValueTask<GrievanceSnapshot> GetAsync(GrievanceId id, CancellationToken cancellationToken = default);

    /// <summary>Finds a grievance by reference number.</summary>
    /// <param name="referenceNumber">The reference number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The latest snapshot, or <see langword="null"/>.</returns>
    ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken = default);

    /// <summary>Reads a grievance's history, oldest first.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="GrievanceNotFoundException">No such grievance.</exception>
    ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The anonymous view by reference number, for anyone who holds it: status, dates, level, department, outcome and the steps'
    /// actions — no free text at all (reports and notes can hold names, phone numbers and addresses), no internal entry, no staff id.
    /// </summary>
    /// <param name="referenceNumber">The reference number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The anonymous view; every <see cref="Tracking.TrackingStep.Text"/> is <see langword="null"/>.</returns>
    /// <exception cref="GrievanceNotFoundException">No grievance has that reference number.</exception>
    ValueTask<Tracking.GrievanceTracking> TrackAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken = default);

    /// <summary>
    /// The complainant's own view: the anonymous view plus the text addressed to them or written by them — disposal reports, public
    /// notes, clarification questions and answers, interim replies, rejection remarks, their feedback and withdrawal reasons. Never
    /// internal notes, nor the departments' transfer, escalation and duplicate remarks.
    /// </summary>
    /// <param name="referenceNumber">The reference number.</param>
    /// <param name="complainant">The complainant asking, authenticated by the host: <see cref="Actor.Complainant"/> with the grievance's complainant id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The complainant's view.</returns>
    /// <exception cref="GrievanceNotFoundException">No grievance has that reference number, or it is another complainant's (told apart from nothing, so references cannot be probed).</exception>
    ValueTask<Tracking.GrievanceTracking> TrackForComplainantAsync(ReferenceNumber referenceNumber, Actor complainant, CancellationToken cancellationToken = default);

    /// <summary>Lists the actions this actor may take on the grievance now: allowed by its state, by the lifecycle's rules and by the authorization policy.</summary>
    /// <param name="id">The grievance.</param>
    /// <param name="actor">The actor.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The actions, in <see cref="GrievanceAction"/> order.</returns>
    /// <exception cref="GrievanceNotFoundException">No such grievance.</exception>
    ValueTask<IReadOnlyList<GrievanceAction>> GetPermittedActionsAsync(GrievanceId id, Actor actor, CancellationToken cancellationToken = default);
}
