using FluentAssertions;
using Grievance.Workflow.Clocks;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Tests.Clocks;

public sealed class WorkingDayCalendarTests
{
    private static readonly TimeSpan Ist = TimeSpan.FromHours(5.5);

    private static WorkingDayCalendar Calendar(string weeklyOff, params DateOnly[] holidays)
    {
        var options = new GrievanceWorkflowOptions();
        options.Calendar.TimeZoneId = "Asia/Kolkata";
        options.Calendar.WeeklyOff = weeklyOff;
        foreach (var holiday in holidays)
        {
            options.Calendar.Holidays.Add(holiday);
        }

        return new WorkingDayCalendar(Options.Create(options));
    }

    [Fact]
    public void Seven_working_days_skip_weekends_and_holidays_and_keep_the_local_time_of_day()
    {
        // Friday 6 November 2026, 10:00 IST; Saturday and Sunday off; Monday 9 November a holiday.
        var calendar = Calendar("Saturday, Sunday", new DateOnly(2026, 11, 9));

        var due = calendar.AddWorkingDays(new DateTimeOffset(2026, 11, 6, 10, 0, 0, Ist), 7);

        // Tue 10, Wed 11, Thu 12, Fri 13, Mon 16, Tue 17, Wed 18.
        due.Should().Be(new DateTimeOffset(2026, 11, 18, 10, 0, 0, Ist));
        due.Offset.Should().Be(TimeSpan.Zero, "deadlines are kept in UTC");
    }

    [Fact]
    public void Days_are_counted_in_the_calendars_time_zone_not_in_UTC()
    {
        // 20:00 UTC on Saturday 7 November is already Sunday 01:30 in India.
        var calendar = Calendar("Sunday");

        var due = calendar.AddWorkingDays(new DateTimeOffset(2026, 11, 7, 20, 0, 0, TimeSpan.Zero), 1);

        due.Should().Be(new DateTimeOffset(2026, 11, 9, 1, 30, 0, Ist), "the next working day after Sunday (local) is Monday");
    }

    [Fact]
    public void With_no_days_off_working_days_are_calendar_days()
    {
        var calendar = Calendar("");

        calendar.AddWorkingDays(new DateTimeOffset(2026, 12, 31, 9, 0, 0, Ist), 21).Should().Be(new DateTimeOffset(2027, 1, 21, 9, 0, 0, Ist));
    }

    [Theory]
    [InlineData("Sunday", "2026-11-08", false)]
    [InlineData("Sunday", "2026-11-07", true)]
    [InlineData("saturday;sunday", "2026-11-07", false)]
    [InlineData("Sunday", "2026-11-09", false)]
    public void A_day_is_a_working_day_unless_it_is_off_or_a_holiday(string weeklyOff, string date, bool working)
    {
        Calendar(weeklyOff, new DateOnly(2026, 11, 9)).IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(working);
    }

    [Fact]
    public void A_bad_day_name_is_refused_naming_it()
    {
        var act = () => Calendar("Sunday, Funday");

        act.Should().Throw<ArgumentException>().WithMessage("*'Funday' is not a day of the week*");
    }
}
