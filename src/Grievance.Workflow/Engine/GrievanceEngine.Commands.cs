using System;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Authorization;
using Grievance.Workflow.Lifecycle;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Telemetry;

namespace Grievance.Workflow.Engine;

// Commands on existing grievances: load, authorize, decide, fire, save; replays of command ids.
internal sealed partial class GrievanceEngine
{
    private async ValueTask<WorkflowResult> ExecuteCoreAsync(GrievanceCommand command, CancellationToken cancellationToken)
    {
        var fingerprint = command.CommandId is null ? null : CommandFingerprint.Of(command);
        var first = await AttemptAsync(command, fingerprint, cancellationToken).ConfigureAwait(false);
        return first.Lost is null ? first.Result : await RetryAsync(command, fingerprint, first.Lost, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-decides a command without an expected version that lost a concurrent write, on the latest version, within the retry
    /// budget. Callers in this process that race on one grievance take turns on a striped lock instead of colliding again; writers
    /// in other processes are outrun with jittered, growing waits.
    /// </summary>
    private async ValueTask<WorkflowResult> RetryAsync(GrievanceCommand command, string? fingerprint, GrievanceConcurrencyException lost, CancellationToken cancellationToken)
    {
        var turn = _turns.For(command.GrievanceId);
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var retry = 1; ; retry++)
            {
                if (retry > _retryLimit)
                {
                    return WorkflowResult.Failure(GrievanceConcurrencyException.RetryBudgetExhausted(command.GrievanceId, command.Action, retry, lost.ExpectedVersion, lost.ActualVersion));
                }

                Log.ConcurrencyRetry(_logger, command.GrievanceId, command.Action, retry);
                var attempt = await AttemptAsync(command, fingerprint, cancellationToken).ConfigureAwait(false);
                if (attempt.Lost is null)
                {
                    return attempt.Result;
                }

                lost = attempt.Lost;
                await Task.Delay(_backoff.Next(retry - 1), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>One attempt: load, authorize, decide, fire, save. A lost race of a command without an expected version is handed back in <see cref="Attempt.Lost"/>.</summary>
    private async ValueTask<Attempt> AttemptAsync(GrievanceCommand command, string? fingerprint, CancellationToken cancellationToken)
    {
        if (command.CommandId is { } commandId && await _store.FindByCommandIdAsync(commandId, cancellationToken).ConfigureAwait(false) is { } prior)
        {
            return new Attempt(await ReplayAsync(commandId, command.GrievanceId, command.Action, command.Actor, fingerprint, prior, cancellationToken).ConfigureAwait(false), null);
        }

        var grievance = await _store.FindAsync(command.GrievanceId, cancellationToken).ConfigureAwait(false);
        var decision = await DecideAsync(command, fingerprint, grievance, cancellationToken).ConfigureAwait(false);
        if (decision.Refusal is { } refusal)
        {
            return new Attempt(WorkflowResult.Failure(refusal), null);
        }

        var change = decision.Change;
        try
        {
            await _store.SaveAsync(change, cancellationToken).ConfigureAwait(false);
            return new Attempt(WorkflowResult.Success(new CommandResult(change.Grievance, change.Entry, isReplay: false)), null);
        }
        catch (GrievanceConcurrencyException ex) when (command.ExpectedVersion is null)
        {
            return new Attempt(default, ex); // lost a race: re-decided on the latest version
        }
        catch (GrievanceConcurrencyException ex)
        {
            return new Attempt(WorkflowResult.Failure(ex), null);
        }
        catch (CommandIdConflictException ex) when (command.CommandId is { } taken)
        {
            // A twin with the same command id won the race: replay it, or tell what differs.
            var twin = await _store.FindByCommandIdAsync(taken, cancellationToken).ConfigureAwait(false);
            return new Attempt(twin is null
                ? WorkflowResult.Failure(ex)
                : await ReplayAsync(taken, command.GrievanceId, command.Action, command.Actor, fingerprint, twin, cancellationToken).ConfigureAwait(false), null);
        }
    }

    /// <summary>
    /// Decides a command on the snapshot read for it — version, authorization, lifecycle, policies (asked before the lifecycle
    /// fires) — and builds the change to save, or the refusal.
    /// </summary>
    private async ValueTask<Decision> DecideAsync(GrievanceCommand command, string? fingerprint, GrievanceSnapshot? grievance, CancellationToken cancellationToken)
    {
        if (grievance is null)
        {
            return new Decision(default, new GrievanceNotFoundException(command.GrievanceId));
        }

        if (command.ExpectedVersion is { } expected && expected != grievance.Version)
        {
            return new Decision(default, new GrievanceConcurrencyException(grievance.Id, expected, grievance.Version));
        }

        var authorization = await _authorization.AuthorizeAsync(new AuthorizationRequest(command.Actor, command.Action, grievance), cancellationToken).ConfigureAwait(false);
        if (!authorization.IsAllowed)
        {
            return new Decision(default, new GrievanceAuthorizationException(grievance.Id, command.Actor, command.Action, authorization.Reason!));
        }

        if (!GrievanceLifecycle.StateHasAction(LifecycleStates.From(grievance.Status, grievance.Outcome), command.Action))
        {
            return new Decision(default, NotAllowed(grievance, command.Action, reason: null));
        }

        // One instant per attempt: the policies decide at it and the history records it.
        var now = InstantFor(grievance, command.Action);
        var answers = command is ReportAction or AddNote or RejectGrievance or WithdrawGrievance or RequestClarification or ProvideClarification
            ? PolicyAnswers.None
            : await AskPoliciesAsync(command, grievance, now, cancellationToken).ConfigureAwait(false);
        if (answers.Error is { } refusal)
        {
            return new Decision(default, refusal);
        }

        try
        {
            return new Decision(Apply(command, fingerprint, grievance, answers, now), null);
        }
        catch (GrievanceWorkflowException ex) when (ex is GrievanceActionNotAllowedException or TransferLimitExceededException or ExtensionLimitExceededException)
        {
            return new Decision(default, ex);
        }
    }

    /// <summary>
    /// Answers a command whose id was applied before: the first result when it is the same command, a conflict that tells what
    /// differs (and nothing of the other command) when it is not. Entries written before fingerprints match on grievance and action.
    /// </summary>
    private async ValueTask<WorkflowResult> ReplayAsync(
        CommandId commandId, GrievanceId? grievanceId, GrievanceAction action, Actor actor, string? fingerprint, HistoryEntry prior, CancellationToken cancellationToken)
    {
        var differences = CommandIdDifferences.Unknown;
        if (prior.Action != action)
        {
            differences |= CommandIdDifferences.Action;
        }

        if (grievanceId is { } id && prior.GrievanceId != id)
        {
            differences |= CommandIdDifferences.Grievance;
        }

        if (prior.CommandFingerprint is { } first)
        {
            if (prior.Actor != actor)
            {
                differences |= CommandIdDifferences.Actor;
            }

            if (differences == CommandIdDifferences.Unknown && !string.Equals(first, fingerprint, StringComparison.Ordinal))
            {
                differences = CommandIdDifferences.Payload;
            }
        }

        if (differences != CommandIdDifferences.Unknown)
        {
            return WorkflowResult.Failure(new CommandIdConflictException(commandId, grievanceId, action, differences));
        }

        var grievance = await _store.FindAsync(prior.GrievanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new GrievanceNotFoundException(prior.GrievanceId);
        return WorkflowResult.Success(new CommandResult(grievance, prior, isReplay: true));
    }

    /// <summary>What one attempt came to: a result, or a lost race to retry.</summary>
    private readonly record struct Attempt(WorkflowResult Result, GrievanceConcurrencyException? Lost);

    /// <summary>What deciding a command came to: the change to save, or the refusal.</summary>
    private readonly record struct Decision(GrievanceChange Change, GrievanceWorkflowException? Refusal);
}
