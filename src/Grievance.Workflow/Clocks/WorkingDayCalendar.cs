using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Clocks;

/// <summary>
/// The default business calendar: every day is a working day except the weekly days off and the holidays of
/// <see cref="CalendarOptions"/>, counted in its time zone.
/// </summary>
/// <remarks>Thread-safe; reads its options once.</remarks>
public sealed class WorkingDayCalendar : IBusinessCalendar
{
    private static readonly char[] Separators = [',', ';', ' '];

    private readonly TimeZoneInfo _zone;
    private readonly bool[] _weeklyOff = new bool[7];
    private readonly HashSet<DateOnly> _holidays;

    /// <summary>Creates the calendar.</summary>
    /// <param name="options">The workflow options; <see cref="GrievanceWorkflowOptions.Calendar"/> is used.</param>
    /// <exception cref="ArgumentException">The weekly days off or the time zone are not valid (the options validator reports them first).</exception>
    public WorkingDayCalendar(IOptions<GrievanceWorkflowOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var calendar = options.Value.Calendar;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZoneId);
        foreach (var day in ParseWeeklyOff(calendar.WeeklyOff))
        {
            _weeklyOff[(int)day] = true;
        }

        if (_weeklyOff.All(off => off))
        {
            throw new ArgumentException($"Calendar.WeeklyOff: '{calendar.WeeklyOff}' leaves no working day.", nameof(options));
        }

        _holidays = new HashSet<DateOnly>(calendar.Holidays);
    }

    /// <inheritdoc />
    public bool IsWorkingDay(DateOnly localDate) => !_weeklyOff[(int)localDate.DayOfWeek] && !_holidays.Contains(localDate);

    /// <inheritdoc />
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var local = TimeZoneInfo.ConvertTime(start, _zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var counted = 0;
        while (counted < days)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        var dueLocal = date.ToDateTime(TimeOnly.FromDateTime(local.DateTime));
        return new DateTimeOffset(dueLocal, _zone.GetUtcOffset(dueLocal)).ToUniversalTime();
    }

    /// <summary>Parses a list of day names such as <c>Saturday, Sunday</c>.</summary>
    /// <param name="weeklyOff">The list; empty for none.</param>
    /// <returns>The days.</returns>
    /// <exception cref="ArgumentException">A name is not a day of the week.</exception>
    internal static IReadOnlyList<DayOfWeek> ParseWeeklyOff(string? weeklyOff)
    {
        var days = new List<DayOfWeek>();
        foreach (var part in (weeklyOff ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Enum.TryParse<DayOfWeek>(part, ignoreCase: true, out var day) || !Enum.IsDefined(day) || int.TryParse(part, out _))
            {
                throw new ArgumentException($"Calendar.WeeklyOff: '{part}' is not a day of the week.", nameof(weeklyOff));
            }

            days.Add(day);
        }

        return days;
    }
}
