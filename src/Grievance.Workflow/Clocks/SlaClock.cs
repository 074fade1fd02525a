using System;

namespace Grievance.Workflow.Clocks;

/// <summary>Arms a grievance's timers: the officer's deadline on the business calendar and the feedback window.</summary>
internal sealed class SlaClock
{
    private readonly IBusinessCalendar _calendar;
    private readonly Escalation.LadderCache _ladders;
    private readonly TimeSpan? _feedbackWindow;

    public SlaClock(IBusinessCalendar calendar, Escalation.LadderCache ladders, TimeSpan? feedbackWindow)
    {
        _calendar = calendar;
        _ladders = ladders;
        _feedbackWindow = feedbackWindow;
    }

    /// <summary>The officer's deadline for a grievance at a level, counted from <paramref name="start"/>, in UTC whatever the calendar returns.</summary>
    public DateTimeOffset OfficerDeadline(DepartmentId? department, GrievanceCategory category, int level, DateTimeOffset start)
        => _calendar.AddWorkingDays(start, _ladders.For(department, category).SlaDaysAt(level)).ToUniversalTime();

    /// <summary>The end of the feedback window opened at <paramref name="start"/>, or <see langword="null"/> when there is no window.</summary>
    public DateTimeOffset? FeedbackDeadline(DateTimeOffset start) => start + _feedbackWindow;
}
