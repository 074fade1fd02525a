using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;
using Xunit;

namespace Grievance.Workflow.Testing;

// Work queues and due work, keyset-paged.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>Grievances are listed by status, department, officer and level, oldest first, and keyset pages neither skip nor repeat while others are written.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Grievances_are_listed_by_status_department_and_officer_with_stable_keyset_paging()
    {
        var query = Assert.IsAssignableFrom<IGrievanceQuery>(Store);
        var statuses = new[] { GrievanceStatus.Registered, GrievanceStatus.PendingWithOfficer, GrievanceStatus.AwaitingFeedback };
        var all = new List<GrievanceSnapshot>();
        for (var i = 0; i < 30; i++)
        {
            var g = Minimal(GrievanceId.New(), $"REF-Q{i}") with
            {
                Status = statuses[i % 3],
                Department = new DepartmentId(i % 2 == 0 ? "uppcl" : "revenue"),
                Officer = new OfficerId($"officer-{i % 4}"),
                Level = 1 + (i % 2),
                RegisteredAt = Start.AddMinutes(i / 2), // pairs share a registration time: the id breaks the tie
            };
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null) with { ToStatus = g.Status }, null), default);
            all.Add(g);
        }

        var pending = await query.FindAsync(new GrievanceFilter { Status = GrievanceStatus.PendingWithOfficer }, 100, null, default);
        var uppclOfficer0 = await query.FindAsync(new GrievanceFilter { Department = new DepartmentId("uppcl"), Officer = new OfficerId("officer-0") }, 100, null, default);
        var level2Awaiting = await query.FindAsync(new GrievanceFilter { Level = 2, Status = GrievanceStatus.AwaitingFeedback }, 100, null, default);

        static IEnumerable<GrievanceId> Ordered(IEnumerable<GrievanceSnapshot> list) => list.OrderBy(g => g.RegisteredAt).ThenBy(g => g.Id.Value).Select(g => g.Id);
        Assert.Equal(Ordered(all.Where(g => g.Status == GrievanceStatus.PendingWithOfficer)), pending.Select(g => g.Id));
        Assert.Equal(Ordered(all.Where(g => g.Department!.Value.Value == "uppcl" && g.Officer!.Value.Value == "officer-0")), uppclOfficer0.Select(g => g.Id));
        Assert.Equal(Ordered(all.Where(g => g.Level == 2 && g.Status == GrievanceStatus.AwaitingFeedback)), level2Awaiting.Select(g => g.Id));

        var paged = new List<GrievanceSnapshot>();
        GrievancePageCursor? cursor = null;
        while (true)
        {
            var page = await query.FindAsync(GrievanceFilter.All, 7, cursor, default);
            paged.AddRange(page);
            if (page.Count < 7)
            {
                break;
            }

            cursor = GrievancePageCursor.After(page[^1]);
            await Store.SaveAsync(Next(all[paged.Count % all.Count], "written while paging"), default); // a concurrent write
            all[paged.Count % all.Count] = (await Store.FindAsync(all[paged.Count % all.Count].Id, default))!;
        }

        Assert.Equal(Ordered(all), paged.Select(g => g.Id));
    }

    /// <summary>The due-work query finds due timers only, in due order, with keyset paging that neither skips nor repeats.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Due_work_is_found_in_due_order_with_stable_keyset_paging()
    {
        var query = Assert.IsAssignableFrom<IDueWorkQuery>(Store);
        var due = new List<GrievanceId>();
        for (var i = 0; i < 12; i++)
        {
            var g = Minimal(GrievanceId.New(), $"REF-D{i}") with { Status = GrievanceStatus.PendingWithOfficer, DueAt = Start.AddHours(i % 4), TimerToken = i };
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null), null), default);
            due.Add(g.Id);
        }

        var notDue = Minimal(GrievanceId.New(), "REF-LATER") with { Status = GrievanceStatus.PendingWithOfficer, DueAt = Start.AddDays(3) };
        var flagged = Minimal(GrievanceId.New(), "REF-FLAGGED") with { Status = GrievanceStatus.PendingWithOfficer, DueAt = Start, IsOverdue = true };
        var feedback = Minimal(GrievanceId.New(), "REF-FB") with { Status = GrievanceStatus.AwaitingFeedback, FeedbackDueAt = Start.AddHours(1) };
        foreach (var g in new[] { notDue, flagged, feedback })
        {
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null), null), default);
        }

        var found = new List<DueWorkItem>();
        DueWorkItem? cursor = null;
        while (true)
        {
            var page = await query.FindDueAsync(DueWorkKind.OfficerDeadline, Start.AddDays(1), 5, cursor, default);
            found.AddRange(page);
            if (page.Count < 5)
            {
                break;
            }

            cursor = page[^1];
        }

        Assert.Equal(due.OrderBy(id => id.Value), found.Select(f => f.GrievanceId).OrderBy(id => id.Value));
        Assert.Equal(found.OrderBy(f => f.DueAt).ThenBy(f => f.GrievanceId.Value), found);
        Assert.All(found, f => Assert.Equal(1, f.Version));
        Assert.Equal(feedback.Id, Assert.Single(await query.FindDueAsync(DueWorkKind.FeedbackWindow, Start.AddDays(1), 10, null, default)).GrievanceId);
    }


    /// <summary>
    /// The work queues filter by channel, category, district, registration dates and deadline, and order by registration, due time
    /// (overdue first) or disposal time, each with keyset paging; a cursor from another order is refused.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Work_queues_filter_by_channel_category_district_and_dates_in_each_order()
    {
        var query = Assert.IsAssignableFrom<IGrievanceQuery>(Store);
        var rows = new (string Ref, Channel Channel, string Category, string District, GrievanceStatus Status, int RegisteredMinute, int? DueHour, int? DisposedHour)[]
        {
            ("Q0", Channel.Helpline1076, "electricity", "Lucknow", GrievanceStatus.PendingWithOfficer, 0, 30, null),
            ("Q1", Channel.Helpline1076, "revenue", "Agra", GrievanceStatus.PendingWithOfficer, 1, 10, null),
            ("Q2", Channel.DmPortal, "electricity", "Agra", GrievanceStatus.PendingWithOfficer, 2, 20, null),
            ("Q3", Channel.Web, "electricity", "Lucknow", GrievanceStatus.PendingWithOfficer, 3, 10, null),
            ("Q4", Channel.TehsilDiwas, "revenue", "Lucknow", GrievanceStatus.AwaitingFeedback, 4, null, 5),
            ("Q5", Channel.Helpline1076, "electricity", "Agra", GrievanceStatus.AwaitingFeedback, 5, null, 2),
            ("Q6", Channel.Helpline1076, "electricity", "Lucknow", GrievanceStatus.AwaitingFeedback, 6, null, 2),
            ("Q7", Channel.Web, "revenue", "Agra", GrievanceStatus.Registered, 7, null, null),
            ("Q8", Channel.Helpline1076, "electricity", "Lucknow", GrievanceStatus.Registered, 8, null, null),
            ("Q9", Channel.CmOffice, "electricity", "Lucknow", GrievanceStatus.Closed, 9, null, 1),
        };
        var byRef = new Dictionary<string, GrievanceSnapshot>();
        foreach (var row in rows)
        {
            var g = Minimal(GrievanceId.New(), row.Ref) with
            {
                Channel = row.Channel,
                Category = new GrievanceCategory(row.Category),
                Location = new GrievanceLocation(row.District),
                Status = row.Status,
                Department = row.Status == GrievanceStatus.Registered ? null : new DepartmentId(row.Category == "revenue" ? "revenue" : "uppcl"),
                Officer = row.Status == GrievanceStatus.PendingWithOfficer ? new OfficerId(row.Category == "revenue" ? "revenue-l1" : "uppcl-l1") : null,
                RegisteredAt = Start.AddMinutes(row.RegisteredMinute),
                DueAt = row.DueHour is { } due ? Start.AddHours(due) : null,
                DisposedAt = row.DisposedHour is { } disposed ? Start.AddHours(disposed) : null,
            };
            await Store.CreateAsync(new GrievanceCreation(g, FirstEntry(g, null) with { ToStatus = g.Status }, null), default);
            byRef[row.Ref] = g;
        }

        async Task<string[]> Refs(GrievanceFilter filter, int pageSize = 2)
        {
            var found = new List<string>();
            GrievancePageCursor? cursor = null;
            while (true)
            {
                var page = await query.FindAsync(filter, pageSize, cursor, default);
                found.AddRange(page.Select(g => g.ReferenceNumber.Value));
                if (page.Count < pageSize)
                {
                    return found.ToArray();
                }

                cursor = GrievancePageCursor.After(page[^1], filter);
            }
        }

        Assert.Equal(new[] { "Q0", "Q1", "Q5", "Q6", "Q8" }, await Refs(new GrievanceFilter { Channel = Channel.Helpline1076 }));
        Assert.Equal(new[] { "Q1", "Q4", "Q7" }, await Refs(new GrievanceFilter { Category = "revenue" }));
        Assert.Equal(new[] { "Q1", "Q2", "Q5", "Q7" }, await Refs(new GrievanceFilter { District = "Agra" }));
        Assert.Equal(new[] { "Q3", "Q4", "Q5" }, await Refs(new GrievanceFilter { RegisteredFrom = Start.AddMinutes(3), RegisteredBefore = Start.AddMinutes(6) }));
        Assert.Equal(new[] { "Q5" }, await Refs(new GrievanceFilter { District = "Agra", Channel = Channel.Helpline1076, Category = "electricity" }));

        // Overdue first: earliest deadline first, the id breaking the tie between Q1 and Q3; no officer clock, not listed.
        var q1q3 = new[] { byRef["Q1"], byRef["Q3"] }.OrderBy(g => g.Id.Value).Select(g => g.ReferenceNumber.Value);
        Assert.Equal(q1q3.Concat(new[] { "Q2", "Q0" }), await Refs(new GrievanceFilter { Status = GrievanceStatus.PendingWithOfficer, Order = GrievanceOrder.DueTime }));
        Assert.Equal(q1q3.Concat(new[] { "Q2" }), await Refs(GrievanceFilter.Defaulters(Start.AddHours(25))));
        Assert.Equal(new[] { "Q3", "Q0" }, await Refs(GrievanceFilter.OfficerQueue(new OfficerId("uppcl-l1")) with { District = "Lucknow" }));
        Assert.Equal(new[] { "Q7", "Q8" }, await Refs(GrievanceFilter.Triage));

        // The outbound feedback list: longest-waiting first (Q5 and Q6 disposed together: the id decides), closed ones left out.
        var q5q6 = new[] { byRef["Q5"], byRef["Q6"] }.OrderBy(g => g.Id.Value).Select(g => g.ReferenceNumber.Value);
        Assert.Equal(q5q6.Concat(new[] { "Q4" }), await Refs(GrievanceFilter.AwaitingFeedbackCalls, pageSize: 1));

        var wrongOrder = GrievancePageCursor.After(byRef["Q0"]);
        await Assert.ThrowsAsync<ArgumentException>(async () => await query.FindAsync(GrievanceFilter.Defaulters(Start), 5, wrongOrder, default));
    }
}
