using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Storage;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Intake;

/// <summary>
/// The shipped intake policy (<see cref="GrievanceWorkflowOptions.Intake"/>): counts the complainant's registrations of the desk's
/// local day in the store — in all, and of the new complaint's category — against the limits, refusing or flagging at a limit; and
/// records as likely duplicates the complainant's grievances of the same category and location registered within the duplicate
/// window (not those closed as duplicates themselves), newest first. Off, it takes every registration without asking the store.
/// </summary>
/// <remarks>Thread-safe and immutable.</remarks>
public sealed class RuleBasedIntakePolicy : IIntakePolicy
{
    /// <summary>How many of a complainant's recent grievances are read at most.</summary>
    private const int ReadAtMost = 1000;

    private static readonly ValueTask<IntakeDecision> Taken = new(IntakeDecision.Accept);

    private readonly IntakeOptions _options;
    private readonly IComplainantGrievanceQuery? _store;
    private readonly TimeZoneInfo _zone;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">The workflow's options (<see cref="GrievanceWorkflowOptions.Intake"/> and the calendar's time zone).</param>
    /// <param name="store">The store, which must implement <see cref="IComplainantGrievanceQuery"/> when intake is enabled.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">Intake is enabled and the store keeps no index by complainant.</exception>
    public RuleBasedIntakePolicy(IOptions<GrievanceWorkflowOptions> options, IGrievanceStore store)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        var value = options.Value;
        _options = value.Intake;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(value.Calendar.TimeZoneId);
        _store = store as IComplainantGrievanceQuery;
        if (_options.Enabled && _store is null)
        {
            throw new InvalidOperationException($"Intake.Enabled needs a store that implements {nameof(IComplainantGrievanceQuery)}; {store.GetType().Name} does not.");
        }
    }

    /// <inheritdoc />
    public ValueTask<IntakeDecision> DecideAsync(IntakeRequest request, CancellationToken cancellationToken)
        => _options.Enabled ? DecideEnabledAsync(request, cancellationToken) : Taken;

    private async ValueTask<IntakeDecision> DecideEnabledAsync(IntakeRequest request, CancellationToken cancellationToken)
    {
        var registration = request.Registration ?? throw new ArgumentException("The request is the default value.", nameof(request));
        var now = request.Now;
        var localNow = TimeZoneInfo.ConvertTime(now, _zone);
        var dayStart = new DateTimeOffset(localNow.Date, localNow.Offset);
        var from = _options.DuplicateWindow > TimeSpan.Zero && now - _options.DuplicateWindow < dayStart ? now - _options.DuplicateWindow : dayStart;
        var recent = await _store!.FindByComplainantAsync(registration.Complainant.Id, from, ReadAtMost, cancellationToken).ConfigureAwait(false);

        var duplicates = new ReferenceNumberList(recent
            .Where(g => g.RegisteredAt >= now - _options.DuplicateWindow && g.Category == registration.Category && g.Location == registration.Location
                && g.Outcome != GrievanceOutcome.Duplicate)
            .Take(ReferenceNumberList.MaxCount)
            .Select(g => g.ReferenceNumber));
        var limit = Reached(recent.Where(g => g.RegisteredAt >= dayStart).ToList(), registration.Category.Code);
        return limit switch
        {
            null => IntakeDecision.Take(duplicates),
            _ when _options.AtLimit == IntakeLimitAction.Refuse => IntakeDecision.Refuse(limit),
            _ => IntakeDecision.TakeFlagged(limit.Code, duplicates),
        };
    }

    private IntakeLimit? Reached(List<GrievanceSnapshot> today, string category)
    {
        if (_options.MaxPerDay is { } perDay && today.Count >= perDay)
        {
            return new IntakeLimit(IntakeLimit.PerDay, perDay, today.Count);
        }

        var ofCategory = today.Count(g => string.Equals(g.Category.Code, category, StringComparison.Ordinal));
        return _options.MaxPerCategoryPerDay is { } perCategory && ofCategory >= perCategory
            ? new IntakeLimit(IntakeLimit.PerCategoryPerDay, perCategory, ofCategory, category)
            : null;
    }
}
