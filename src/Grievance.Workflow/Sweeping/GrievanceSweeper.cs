using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Sweeping;

/// <summary>
/// The default due-work sweeper. For each kind of timer it reads a page of due work (keyset-paged: the next page starts after the
/// last item of the one before, never from the start again), issues a <see cref="HandleDueWork"/> command for each item as the
/// system actor with the version and timer token it read, and applies the page with
/// <see cref="IGrievanceWorkflow.ExecuteManyAsync"/> — one read and one write for the whole page on a store that supports
/// batches. An item another sweeper or command changed first is refused (a version conflict or a stale timer), counted as skipped
/// and left. With a store that implements <see cref="IDueWorkClaims"/>, each page is claimed first, so that sweepers on several
/// nodes share the due work out instead of all doing it; with one that implements <see cref="IDueGrievanceClaims"/>, the claim's
/// read of the page's grievances is the one the commands are decided on (when the workflow is this library's engine).
/// </summary>
/// <remarks>Thread-safe; holds no state between sweeps but its claimant name.</remarks>
public sealed class GrievanceSweeper : IGrievanceSweeper
{
    private static readonly DueWorkKind[] Kinds = [DueWorkKind.OfficerDeadline, DueWorkKind.FeedbackWindow];

    private readonly IGrievanceWorkflow _workflow;
    private readonly IDueWorkQuery _query;
    private readonly IDueWorkClaims? _claims;
    private readonly Engine.GrievanceEngine? _engine; // this library's engine, which takes the snapshots a claim read
    private readonly IDueGrievanceClaims? _grievanceClaims; // set only with _engine
    private readonly TimeSpan _claimDuration;
    private readonly int _pagesInFlight;
    private long _sweeps;

    /// <summary>Creates the sweeper with the default <see cref="SweepOptions"/>.</summary>
    /// <param name="workflow">The engine the commands go through.</param>
    /// <param name="query">The store's due-work query; when it implements <see cref="IDueWorkClaims"/> too, work is claimed.</param>
    public GrievanceSweeper(IGrievanceWorkflow workflow, IDueWorkQuery query)
        : this(workflow, query, Options.Create(new GrievanceWorkflowOptions()))
    {
    }

    /// <summary>Creates the sweeper.</summary>
    /// <param name="workflow">The engine the commands go through.</param>
    /// <param name="query">The store's due-work query; when it implements <see cref="IDueWorkClaims"/> too, work is claimed.</param>
    /// <param name="options">The workflow options; <see cref="GrievanceWorkflowOptions.Sweep"/> is used.</param>
    public GrievanceSweeper(IGrievanceWorkflow workflow, IDueWorkQuery query, IOptions<GrievanceWorkflowOptions> options)
    {
        _workflow = workflow ?? throw new ArgumentNullException(nameof(workflow));
        _query = query ?? throw new ArgumentNullException(nameof(query));
        _claims = query as IDueWorkClaims;
        _engine = workflow as Engine.GrievanceEngine;
        _grievanceClaims = _engine is null ? null : query as IDueGrievanceClaims;
        var sweep = (options ?? throw new ArgumentNullException(nameof(options))).Value.Sweep;
        (_claimDuration, _pagesInFlight) = (sweep.ClaimDuration, sweep.PagesInFlight);
        Claimant = $"sweeper/{Environment.ProcessId}/{Guid.NewGuid():N}";
    }

    /// <summary>Gets the name this sweeper claims due work under, unique to the instance; each sweep adds its own number, so two sweeps of one instance at once never share a claim.</summary>
    public string Claimant { get; }

    /// <inheritdoc />
    public async ValueTask<SweepResult> SweepAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var result = new SweepResult();
        var claimant = NextClaimant();
        foreach (var kind in Kinds)
        {
            result = await SweepPagesAsync(result, kind, now, batchSize, claimant, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Handles up to <paramref name="batchSize"/> due items of one kind only, leaving the other kind's due work for a later sweep:
    /// for a host that flags defaulters more often than it closes unanswered feedback windows, say.
    /// </summary>
    /// <param name="kind">The kind of due work to handle.</param>
    /// <param name="now">The moment to sweep at (normally the current time).</param>
    /// <param name="batchSize">At most this many items, 1 or more.</param>
    /// <param name="cancellationToken">Cancels the sweep between pages.</param>
    /// <returns>What the sweep did.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind, or <paramref name="batchSize"/> is below 1.</exception>
    public ValueTask<SweepResult> SweepOnlyAsync(DueWorkKind kind, DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
    {
        if (Array.IndexOf(Kinds, kind) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of due work.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return SweepPagesAsync(new SweepResult(), kind, now, batchSize, NextClaimant(), cancellationToken);
    }

    private string NextClaimant() => $"{Claimant}/{Interlocked.Increment(ref _sweeps).ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Reads and handles one kind's due work page by page (keyset-paged), adding what it did to <paramref name="result"/>. Up to
    /// <see cref="SweepOptions.PagesInFlight"/> pages are handled at once: while a slot is free, the next page is read (and
    /// claimed) as the ones before it are written. Pages never share an item (each starts after the last item of the one before),
    /// and the sweep returns only once every page it started is done.
    /// </summary>
    private async ValueTask<SweepResult> SweepPagesAsync(SweepResult result, DueWorkKind kind, DateTimeOffset now, int batchSize, string claimant, CancellationToken cancellationToken)
    {
        var action = kind == DueWorkKind.OfficerDeadline ? GrievanceAction.SlaBreach : GrievanceAction.FeedbackWindowExpired;
        var pages = new Queue<Task<SweepResult>>();
        ExceptionDispatchInfo? failure = null;
        try
        {
            DueWorkItem? after = null;
            for (var examined = 0; examined < batchSize;)
            {
                if (pages.Count == _pagesInFlight)
                {
                    // Every slot is taken: the oldest page finishes before the next is read (with one slot, page after page).
                    result = Add(result, await pages.Dequeue().ConfigureAwait(false));
                }

                cancellationToken.ThrowIfCancellationRequested();
                var limit = Math.Min(batchSize - examined, GrievanceLimits.MaxBatchSize);
                IReadOnlyList<DueWorkItem> due;
                IReadOnlyList<GrievanceSnapshot>? loaded = null;
                if (_grievanceClaims is not null)
                {
                    loaded = await _grievanceClaims.ClaimDueGrievancesAsync(kind, now, limit, after, claimant, now + _claimDuration, cancellationToken).ConfigureAwait(false);
                    due = loaded.Select(g => DueWorkItem.Of(g, kind)).ToArray();
                }
                else
                {
                    due = _claims is null
                        ? await _query.FindDueAsync(kind, now, limit, after, cancellationToken).ConfigureAwait(false)
                        : await _claims.ClaimDueAsync(kind, now, limit, after, claimant, now + _claimDuration, cancellationToken).ConfigureAwait(false);
                }

                examined += due.Count;
                result = result with { Examined = result.Examined + due.Count };
                if (due.Count == 0)
                {
                    break;
                }

                pages.Enqueue(HandleAsync(due, loaded, action, claimant, cancellationToken));
                after = due[^1];
                if (due.Count < limit)
                {
                    break;
                }

                result = result with { HasMore = result.HasMore || examined >= batchSize };
            }
        }
        catch (Exception ex)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }

        // Every page started is awaited, even when one failed or the sweep was cancelled, so none is still writing when the sweep
        // returns or throws; the first failure is thrown then.
        while (pages.Count > 0)
        {
            try
            {
                result = Add(result, await pages.Dequeue().ConfigureAwait(false));
            }
            catch (Exception ex)
            {
                failure ??= ExceptionDispatchInfo.Capture(ex);
            }
        }

        failure?.Throw();
        return result;
    }

    private static SweepResult Add(SweepResult a, SweepResult b) => a with
    {
        Escalated = a.Escalated + b.Escalated,
        FlaggedOverdue = a.FlaggedOverdue + b.FlaggedOverdue,
        ClosedNoFeedback = a.ClosedNoFeedback + b.ClosedNoFeedback,
        FeedbackWindowsRearmed = a.FeedbackWindowsRearmed + b.FeedbackWindowsRearmed,
        Skipped = a.Skipped + b.Skipped,
    };

    /// <summary>
    /// Applies one page of due work in one batch (decided on the <paramref name="loaded"/> grievances when the claim read them),
    /// gives up the page's claims (when it fails too), and counts what each command did.
    /// </summary>
    private async Task<SweepResult> HandleAsync(
        IReadOnlyList<DueWorkItem> due, IReadOnlyList<GrievanceSnapshot>? loaded, GrievanceAction action, string claimant, CancellationToken cancellationToken)
    {
        var result = default(SweepResult);
        var commands = new GrievanceCommand[due.Count];
        var ids = new GrievanceId[due.Count];
        for (var i = 0; i < due.Count; i++)
        {
            var item = due[i];
            commands[i] = new HandleDueWork(item.GrievanceId, Actor.System, action, item.TimerToken) { ExpectedVersion = item.Version };
            ids[i] = item.GrievanceId;
        }

        IReadOnlyList<WorkflowResult> outcomes;
        try
        {
            outcomes = loaded is not null
                ? await _engine!.ExecuteManyAsync(commands, loaded, cancellationToken).ConfigureAwait(false)
                : await _workflow.ExecuteManyAsync(commands, cancellationToken).ConfigureAwait(false);
        }
        catch when (_claims is not null)
        {
            // The page failed: its claims are given up at once, so that another sweeper need not wait for them to run out.
            await TryReleaseAsync(ids, claimant).ConfigureAwait(false);
            throw;
        }

        if (_claims is not null)
        {
            await _claims.ReleaseAsync(ids, claimant, cancellationToken).ConfigureAwait(false);
        }

        foreach (var outcome in outcomes)
        {
            result = Count(result, outcome);
        }

        return result;
    }

    /// <summary>Gives up claims after a failure, whatever the failure was (a cancelled sweep too); a release that fails as well is left to the claims' expiry.</summary>
    private async ValueTask TryReleaseAsync(GrievanceId[] ids, string claimant)
    {
        try
        {
            await _claims!.ReleaseAsync(ids, claimant, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The claims run out after SweepOptions.ClaimDuration; the page's own failure is what the sweep throws.
        }
    }

    private static SweepResult Count(SweepResult result, WorkflowResult outcome)
    {
        if (!outcome.TryGetValue(out var done))
        {
            return outcome.Error is GrievanceConcurrencyException or GrievanceActionNotAllowedException or GrievanceNotFoundException
                ? result with { Skipped = result.Skipped + 1 }
                : throw outcome.Error!;
        }

        var entry = done.Entry;
        return entry.ReasonCode switch
        {
            HistoryReasonCodes.EscalatedOnBreach => result with { Escalated = result.Escalated + 1 },
            HistoryReasonCodes.FlaggedDefaulter => result with { FlaggedOverdue = result.FlaggedOverdue + 1 },
            HistoryReasonCodes.FeedbackWindowClosed => result with { ClosedNoFeedback = result.ClosedNoFeedback + 1 },
            _ => result with { FeedbackWindowsRearmed = result.FeedbackWindowsRearmed + 1 },
        };
    }
}
