using System;

namespace Grievance.Workflow.Clocks;

/// <summary>The working calendar officers' time limits are measured on: which days count, in which time zone.</summary>
/// <remarks>Implementations must be thread-safe.</remarks>
public interface IBusinessCalendar
{
    /// <summary>Adds working days: the result is the same local time of day on the <paramref name="days"/>-th working day after <paramref name="start"/>'s date.</summary>
    /// <param name="start">When the clock starts.</param>
    /// <param name="days">How many working days, 1 or more.</param>
    /// <returns>The deadline, in UTC.</returns>
    DateTimeOffset AddWorkingDays(DateTimeOffset start, int days);

    /// <summary>Tells whether a local date is a working day.</summary>
    /// <param name="localDate">The date in the calendar's time zone.</param>
    /// <returns><see langword="true"/> for a working day.</returns>
    bool IsWorkingDay(DateOnly localDate);
}
