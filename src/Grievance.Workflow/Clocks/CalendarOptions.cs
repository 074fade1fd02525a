using System;
using System.Collections.Generic;

namespace Grievance.Workflow.Clocks;

/// <summary>Options of the default business calendar (<see cref="WorkingDayCalendar"/>).</summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class CalendarOptions
{
    /// <summary>Gets or sets the time zone working days are counted in: an IANA or Windows id.</summary>
    /// <value>The default is <c>UTC</c>. Indian desks set <c>Asia/Kolkata</c>.</value>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>Gets or sets the weekly days off, as day names separated by commas (for example <c>Saturday, Sunday</c>); empty for none.</summary>
    /// <value>The default is <c>Sunday</c>.</value>
    public string WeeklyOff { get; set; } = "Sunday";

    /// <summary>Gets the holidays: local dates that are not working days.</summary>
    /// <value>The default is empty.</value>
    public IList<DateOnly> Holidays { get; } = new List<DateOnly>();
}
