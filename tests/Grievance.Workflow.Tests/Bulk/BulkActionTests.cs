using FluentAssertions;
using Grievance.Workflow.Bulk;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Bulk;

/// <summary>One administrator's action on many grievances: per-item results, each its own command and entry, resumable.</summary>
public sealed class BulkActionTests
{
    private static IGrievanceBulkActions Bulk(Seed seed) => seed.Services.GetRequiredService<IGrievanceBulkActions>();

    private static BulkRequest Reject(string batch, IReadOnlyList<GrievanceId> ids)
        => new(batch, ids, id => new RejectGrievance(id, Seed.Admin, "not-maintainable", "Outside the state's jurisdiction."));

    [Fact]
    public async Task Each_grievance_gets_its_own_command_and_entry_with_an_id_from_the_batch_and_a_refusal_holds_up_no_other()
    {
        using var seed = new Seed();
        var pending = new List<GrievanceSnapshot>();
        for (var i = 0; i < 5; i++)
        {
            pending.Add(await seed.RegisterAsync());
        }

        var closed = await seed.FeedbackAsync(await seed.ReportAsync(await seed.RegisterAsync()), FeedbackResponse.Satisfied);
        var ids = pending.Select(g => g.Id).Append(closed.Id).ToList();

        var result = await Bulk(seed).ApplyAsync(Reject("jurisdiction-2026-11", ids) with { ChunkSize = 2 });

        result.Items.Select(i => (i.Grievance, i.Outcome)).Should().Equal(ids.Select(id => (id, id == closed.Id ? BulkItemOutcome.Refused : BulkItemOutcome.Applied)));
        (result.Applied, result.AlreadyApplied, result.Refused).Should().Be((5, 0, 1));
        result.Items[^1].Result.Error.Should().BeOfType<GrievanceActionNotAllowedException>();
        foreach (var g in pending)
        {
            var history = await seed.Workflow.GetHistoryAsync(g.Id);
            history.Should().HaveCount(2);
            history[^1].Should().BeEquivalentTo(new { Action = GrievanceAction.Reject, ReasonCode = "not-maintainable", CommandId = BulkRequest.CommandIdOf("jurisdiction-2026-11", g.Id) });
            (await seed.Workflow.GetAsync(g.Id)).Outcome.Should().Be(GrievanceOutcome.Rejected);
        }

        (await seed.Workflow.GetAsync(closed.Id)).Should().Be(closed, "a refused item stores nothing");
    }

    [Fact]
    public async Task Cut_off_mid_way_the_same_request_again_applies_the_rest_and_replays_the_rest_once()
    {
        using var seed = new Seed();
        var ids = new List<GrievanceId>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await seed.RegisterAsync()).Id);
        }

        using var crash = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Done >= 2)
            {
                crash.Cancel(); // the process "dies" after its first write
            }
        });
        var first = () => Bulk(seed).ApplyAsync(Reject("reorg", ids) with { ChunkSize = 2 }, progress, crash.Token).AsTask();
        await first.Should().ThrowAsync<OperationCanceledException>();

        var resumed = await Bulk(seed).ApplyAsync(Reject("reorg", ids) with { ChunkSize = 2 });

        resumed.Items.Select(i => i.Outcome).Should().Equal(
            BulkItemOutcome.AlreadyApplied, BulkItemOutcome.AlreadyApplied, BulkItemOutcome.Applied, BulkItemOutcome.Applied, BulkItemOutcome.Applied, BulkItemOutcome.Applied);
        foreach (var id in ids)
        {
            (await seed.Workflow.GetHistoryAsync(id)).Should().HaveCount(2, "each grievance is rejected exactly once");
        }
    }

    [Fact]
    public async Task The_same_batch_id_with_a_different_action_is_refused_item_by_item_and_changes_nothing()
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();
        await Bulk(seed).ApplyAsync(Reject("b-1", [g.Id]));
        var after = await seed.Workflow.GetAsync(g.Id);

        var other = await Bulk(seed).ApplyAsync(new BulkRequest("b-1", [g.Id], id => new RejectGrievance(id, Seed.Admin, "sub-judice")));

        other.Items.Single().Outcome.Should().Be(BulkItemOutcome.Refused);
        other.Items.Single().Result.Error.Should().BeOfType<CommandIdConflictException>();
        (await seed.Workflow.GetAsync(g.Id)).Should().Be(after);
    }

    [Fact]
    public async Task An_actor_the_authorization_refuses_is_refused_per_item()
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();

        var result = await Bulk(seed).ApplyAsync(new BulkRequest("agent-tries", [g.Id], id => new RejectGrievance(id, Seed.Agent, "not-maintainable")));

        result.Items.Single().Result.Error.Should().BeOfType<GrievanceAuthorizationException>();
    }

    [Theory]
    [InlineData("", 1, "*batch*")]
    [InlineData("b", 0, "*1 to 100,000 grievances*")]
    [InlineData("b", 2, "*names grievance * twice*")]
    public async Task A_bad_request_is_refused_before_anything_is_written(string batch, int count, string message)
    {
        using var seed = new Seed();
        var g = await seed.RegisterAsync();
        var ids = Enumerable.Repeat(g.Id, count).ToList();

        var apply = () => Bulk(seed).ApplyAsync(Reject(batch, ids)).AsTask();

        await apply.Should().ThrowAsync<ArgumentException>().WithMessage(message);
        (await seed.Workflow.GetAsync(g.Id)).Should().Be(g);
    }

    [Fact]
    public async Task A_command_made_for_another_grievance_or_with_its_own_command_id_is_refused_before_anything_is_written()
    {
        using var seed = new Seed();
        var a = await seed.RegisterAsync();
        var b = await seed.RegisterAsync();

        var wrongTarget = () => Bulk(seed).ApplyAsync(new BulkRequest("x", [a.Id], _ => new RejectGrievance(b.Id, Seed.Admin, "dup"))).AsTask();
        var ownId = () => Bulk(seed).ApplyAsync(new BulkRequest("x", [a.Id], id => new RejectGrievance(id, Seed.Admin, "dup") { CommandId = new CommandId("mine") })).AsTask();

        await wrongTarget.Should().ThrowAsync<ArgumentException>().WithMessage($"*made a command for grievance {b.Id} when asked for {a.Id}*");
        await ownId.Should().ThrowAsync<ArgumentException>().WithMessage("*with a command id of its own*");
        (await seed.Workflow.GetAsync(a.Id)).Should().Be(a);
    }

    private sealed class SynchronousProgress(Action<BulkProgress> report) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => report(value);
    }
}
