using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Authorization;
using Grievance.Workflow.Intake;
using Grievance.Workflow.Internal;
using Grievance.Workflow.Lifecycle;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Storage;

namespace Grievance.Workflow.Engine;

// Registration: issue a reference number, route, store version 1.
internal sealed partial class GrievanceEngine
{
    private async ValueTask<WorkflowResult> RegisterCoreAsync(RegisterGrievance command, CancellationToken cancellationToken)
    {
        var fingerprint = command.CommandId is null ? null : CommandFingerprint.Of(command);
        if (command.CommandId is { } commandId && await _store.FindByCommandIdAsync(commandId, cancellationToken).ConfigureAwait(false) is { } prior)
        {
            return await ReplayAsync(commandId, command.GrievanceId, GrievanceAction.Register, command.Actor, fingerprint, prior, cancellationToken).ConfigureAwait(false);
        }

        var authorization = await _authorization.AuthorizeAsync(AuthorizationRequest.ForRegistration(command.Actor, command.Complainant.Id, command.Channel), cancellationToken).ConfigureAwait(false);
        if (!authorization.IsAllowed)
        {
            return WorkflowResult.Failure(new GrievanceAuthorizationException(command.GrievanceId, command.Actor, GrievanceAction.Register, authorization.Reason!));
        }

        var id = command.GrievanceId ?? new GrievanceId(SecureRandomBuffer.NewVersion7Guid(_time.GetUtcNow()));
        var now = _time.GetUtcNow();
        var intake = await _intake.DecideAsync(new IntakeRequest(command, now), cancellationToken).ConfigureAwait(false);
        if (intake.RefusedBy is { } limit)
        {
            return WorkflowResult.Failure(new IntakeLimitExceededException(id, limit));
        }

        var draft = new GrievanceSnapshot
        {
            Id = id,
            ReferenceNumber = await _referenceNumbers.NextAsync(id, command, now, cancellationToken).ConfigureAwait(false),
            Channel = command.Channel,
            Category = command.Category,
            Location = command.Location,
            ComplainantId = command.Complainant.Id,
            Description = command.Description,
            Status = GrievanceStatus.Registered,
            RegisteredAt = now,
            UpdatedAt = now,
            LikelyDuplicates = intake.LikelyDuplicates,
            IntakeFlag = intake.Flag,
            Version = 1,
        };
        var routing = await _routing.RouteAsync(new RoutingRequest(draft, RoutingReason.Registration, null, 1), cancellationToken).ConfigureAwait(false);
        var grievance = draft;
        if (routing.IsRouted)
        {
            var lifecycle = _machines(id);
            lifecycle.Context.Load(_limits, draft);
            grievance = draft with
            {
                Status = LifecycleStates.StatusOf(lifecycle.Fire(GrievanceAction.Route)),
                Department = routing.Department,
                Officer = routing.Officer,
                DueAt = _clock.OfficerDeadline(routing.Department, draft.Category, 1, now),
                TimerToken = 1,
            };
        }

        for (var attempt = 1; ; attempt++)
        {
            var entry = new HistoryEntry
            {
                GrievanceId = id,
                Sequence = 1,
                OccurredAt = now,
                Actor = command.Actor,
                Action = GrievanceAction.Register,
                FromStatus = GrievanceStatus.Registered,
                ToStatus = grievance.Status,
                FromLevel = 1,
                ToLevel = 1,
                Department = grievance.Department,
                Officer = grievance.Officer,
                ReasonCode = routing.IsRouted ? null : HistoryReasonCodes.Unroutable,
                Text = routing.IsRouted ? null : routing.UnroutableReason ?? $"the routing policy {_routing.GetType().Name} gave no department and no reason",
                CommandId = command.CommandId,
                CommandFingerprint = fingerprint,
            };
            try
            {
                await _store.CreateAsync(new GrievanceCreation(grievance, entry, command.Complainant.Contact, EventRecorder.For(entry, grievance)), cancellationToken).ConfigureAwait(false);
                return WorkflowResult.Success(new CommandResult(grievance, entry, isReplay: false));
            }
            catch (DuplicateGrievanceException ex) when (ex.Conflict == DuplicateKind.ReferenceNumber && attempt < ReferenceNumberAttempts)
            {
                grievance = grievance with { ReferenceNumber = await _referenceNumbers.NextAsync(id, command, now, cancellationToken).ConfigureAwait(false) };
            }
            catch (DuplicateGrievanceException ex) when (ex.Conflict == DuplicateKind.CommandId && command.CommandId is not null)
            {
                // A twin registration with the same command id won the race: answer with its result.
                var twin = await _store.FindByCommandIdAsync(command.CommandId.Value, cancellationToken).ConfigureAwait(false);
                return twin is null
                    ? WorkflowResult.Failure(ex)
                    : await ReplayAsync(command.CommandId.Value, command.GrievanceId, GrievanceAction.Register, command.Actor, fingerprint, twin, cancellationToken).ConfigureAwait(false);
            }
            catch (DuplicateGrievanceException ex)
            {
                return WorkflowResult.Failure(ex);
            }
        }
    }
}
