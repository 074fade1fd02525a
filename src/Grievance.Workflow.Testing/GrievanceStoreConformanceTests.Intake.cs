using System;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Intake;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

// Intake through the real engine on the store: the index by complainant, and what intake records on a registration.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>
    /// A complainant's grievances are found newest first from a registration time, at most the limit, and never another
    /// complainant's nor, once anonymized, by the old id; a registration's likely duplicates and intake flag read back as intake
    /// recorded them.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_complainants_grievances_are_found_newest_first_and_a_registrations_likely_duplicates_and_flag_read_back()
    {
        if (Store is not IComplainantGrievanceQuery query)
        {
            Optional(nameof(IComplainantGrievanceQuery));
            return;
        }

        var (workflow, clock, provider) = Engine(Store, build: b => b.Configure(o => (o.Intake.Enabled, o.Intake.MaxPerDay, o.Intake.AtLimit) = (true, 2, IntakeLimitAction.Flag)));
        await using (provider.ConfigureAwait(false))
        {
            var first = (await workflow.RegisterAsync(ElectricityComplaint("No supply."))).Grievance;
            clock.Advance(TimeSpan.FromHours(1));
            await workflow.RegisterAsync(ElectricityComplaint("Street light out.", "citizen-77"));
            var second = (await workflow.RegisterAsync(ElectricityComplaint("No supply, again."))).Grievance;
            clock.Advance(TimeSpan.FromHours(1));

            var third = (await workflow.RegisterAsync(ElectricityComplaint("Still no supply."))).Grievance;

            Assert.Equal([second.ReferenceNumber, first.ReferenceNumber], third.LikelyDuplicates);
            Assert.Equal(IntakeLimit.PerDay, third.IntakeFlag);
            Assert.Equal(third, await Store.FindAsync(third.Id, default));
            Assert.Equal([third.Id, second.Id, first.Id], (await query.FindByComplainantAsync("citizen-42", Start, 10, default)).Select(g => g.Id));
            Assert.Equal([third.Id, second.Id], (await query.FindByComplainantAsync("citizen-42", second.RegisteredAt, 10, default)).Select(g => g.Id));
            Assert.Equal([third.Id], (await query.FindByComplainantAsync("citizen-42", Start, 1, default)).Select(g => g.Id));
            Assert.Empty(await query.FindByComplainantAsync("citizen-99", Start, 10, default));

            if (Store is IComplainantAnonymizer anonymizer)
            {
                await workflow.ExecuteAsync(new WithdrawGrievance(first.Id, Actor.Administrator("admin-1"), "Filed twice."));
                clock.Advance(TimeSpan.FromDays(1));
                Assert.Equal(1, await anonymizer.AnonymizeClosedBeforeAsync(clock.GetUtcNow(), 10, default));
                Assert.Equal([third.Id, second.Id], (await query.FindByComplainantAsync("citizen-42", Start, 10, default)).Select(g => g.Id));
            }
        }
    }
}
