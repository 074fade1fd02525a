using System;

namespace Grievance.Workflow.Queries;

/// <summary>Which grievances a query returns, and in what order; unset parts match anything.</summary>
/// <remarks>
/// Immutable and thread-safe. The named queues (<see cref="Triage"/>, <see cref="AwaitingFeedbackCalls"/>,
/// <see cref="OfficerQueue"/>, <see cref="Defaulters"/>) are starting points: narrow them further with <c>with { … }</c>.
/// </remarks>
public sealed record GrievanceFilter
{
    /// <summary>Gets or initializes the status to match, or <see langword="null"/> for any.</summary>
    public GrievanceStatus? Status { get; init; }

    /// <summary>Gets or initializes the department to match, or <see langword="null"/> for any.</summary>
    public DepartmentId? Department { get; init; }

    /// <summary>Gets or initializes the officer to match, or <see langword="null"/> for any.</summary>
    public OfficerId? Officer { get; init; }

    /// <summary>Gets or initializes the level to match, or <see langword="null"/> for any.</summary>
    public int? Level { get; init; }

    /// <summary>Gets or initializes the channel to match, or <see langword="null"/> for any.</summary>
    public Channel? Channel { get; init; }

    /// <summary>Gets or initializes the category code to match (<see cref="GrievanceCategory.Code"/>, exact), or <see langword="null"/> for any.</summary>
    public string? Category { get; init; }

    /// <summary>Gets or initializes the district to match (<see cref="GrievanceLocation.District"/>, exact), or <see langword="null"/> for any.</summary>
    public string? District { get; init; }

    /// <summary>Gets or initializes the earliest registration time to match (inclusive), or <see langword="null"/> for no lower bound.</summary>
    public DateTimeOffset? RegisteredFrom { get; init; }

    /// <summary>Gets or initializes the registration time to match before (exclusive), or <see langword="null"/> for no upper bound.</summary>
    public DateTimeOffset? RegisteredBefore { get; init; }

    /// <summary>
    /// Gets or initializes a time the officer deadline must have passed (<see cref="GrievanceSnapshot.DueAt"/> earlier than it), or
    /// <see langword="null"/> for any deadline. With <see cref="GrievanceStatus.PendingWithOfficer"/> this is the defaulter list.
    /// </summary>
    public DateTimeOffset? DueBefore { get; init; }

    /// <summary>Gets or initializes the order.</summary>
    /// <value>The default is <see cref="GrievanceOrder.RegistrationTime"/>, oldest first.</value>
    public GrievanceOrder Order { get; init; }

    /// <summary>Gets the filter that matches every grievance, oldest registration first.</summary>
    public static GrievanceFilter All { get; } = new();

    /// <summary>Gets the triage queue: registered grievances no department was found for, oldest first.</summary>
    public static GrievanceFilter Triage { get; } = new() { Status = GrievanceStatus.Registered };

    /// <summary>Gets the call centre's outbound list: disposed grievances awaiting the complainant's feedback, longest-waiting first.</summary>
    public static GrievanceFilter AwaitingFeedbackCalls { get; } = new() { Status = GrievanceStatus.AwaitingFeedback, Order = GrievanceOrder.DisposalTime };

    /// <summary>Makes an officer's work queue: grievances pending with the officer, overdue first (earliest deadline first).</summary>
    /// <param name="officer">The officer.</param>
    /// <returns>The filter.</returns>
    public static GrievanceFilter OfficerQueue(OfficerId officer)
        => new() { Status = GrievanceStatus.PendingWithOfficer, Officer = officer, Order = GrievanceOrder.DueTime };

    /// <summary>Makes the defaulter list: grievances pending with an officer whose time limit passed before a time, most overdue first.</summary>
    /// <param name="asOf">The time to judge the deadlines at, usually now.</param>
    /// <returns>The filter.</returns>
    public static GrievanceFilter Defaulters(DateTimeOffset asOf)
        => new() { Status = GrievanceStatus.PendingWithOfficer, DueBefore = asOf, Order = GrievanceOrder.DueTime };

    /// <summary>Tells whether a grievance matches every part of the filter, the order's key included (a grievance without a due or disposal time is not in those orders).</summary>
    /// <param name="grievance">The grievance.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool Matches(GrievanceSnapshot grievance)
    {
        ArgumentNullException.ThrowIfNull(grievance);
        return (Status is null || grievance.Status == Status)
            && (Department is null || grievance.Department == Department)
            && (Officer is null || grievance.Officer == Officer)
            && (Level is null || grievance.Level == Level)
            && (Channel is null || grievance.Channel == Channel)
            && (Category is null || string.Equals(grievance.Category.Code, Category, StringComparison.Ordinal))
            && (District is null || string.Equals(grievance.Location.District, District, StringComparison.Ordinal))
            && (RegisteredFrom is null || grievance.RegisteredAt >= RegisteredFrom)
            && (RegisteredBefore is null || grievance.RegisteredAt < RegisteredBefore)
            && (DueBefore is null || grievance.DueAt < DueBefore)
            && (Order != GrievanceOrder.DueTime || grievance.DueAt is not null)
            && (Order != GrievanceOrder.DisposalTime || grievance.DisposedAt is not null);
    }
}
