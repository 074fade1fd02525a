extern alias PostgreSqlAdapter;

using CsCheck;
using FluentAssertions;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using GroupedWrite = PostgreSqlAdapter::Grievance.Workflow.Storage.Sql.GroupedWrite;
using WriteGroups = PostgreSqlAdapter::Grievance.Workflow.Storage.Sql.WriteGroups;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// Group commit (source shared by the SQL adapters; PostgreSQL's copy is tested): a write that finds nothing at the server goes at
/// once and alone; writes that arrive while a group is at the server go together in the next, sent by the one that waited longest,
/// or, where there are more places, beside it as soon as they are two; each meets its own fate; a cancelled write still waiting is
/// never sent; a group held at the server holds nobody past patience.
/// </summary>
public sealed class WriteGroupsTests
{
    private static readonly TimeSpan Forever = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_write_that_finds_no_group_at_the_server_goes_alone_at_once_with_its_callers_token()
    {
        var groups = new WriteGroups(1, 64, Forever);
        var write = await WriteAsync();
        using var caller = new CancellationTokenSource();
        var sent = new List<(List<GroupedWrite> Group, CancellationToken Token)>();

        await groups.WriteAsync(write, (group, token) => { sent.Add((group.ToList(), token)); return default; }, caller.Token);

        sent.Should().ContainSingle();
        sent[0].Group.Should().Equal(write);
        sent[0].Token.Should().Be(caller.Token);
        groups.SharedGroups.Should().Be(0);
    }

    [Theory]
    [InlineData(64, new[] { 1, 3 })]
    [InlineData(2, new[] { 1, 2, 1 })]
    public async Task Writes_that_arrive_while_a_group_is_at_the_server_go_together_in_the_next_ones_no_larger_than_the_largest_without_a_callers_token(int largest, int[] sizes)
    {
        var groups = new WriteGroups(1, largest, Forever);
        using var server = new Server();
        var writes = await WritesAsync(4);

        var (first, rest) = await QueueBehindAHeldWriteAsync(groups, server, writes, 3);
        server.Release();
        await Task.WhenAll(rest.Append(first));

        server.Sent.Select(s => s.Group.Count).Should().Equal(sizes);
        server.Sent.SelectMany(s => s.Group).Should().Equal(writes, "in the order they came");
        server.Sent.Skip(1).Should().OnlyContain(s => s.Token == CancellationToken.None, "a group of several callers' writes is cancelled by none of them for the others");
        groups.SharedGroups.Should().Be(sizes.Count(n => n > 1));
    }

    [Fact]
    public async Task With_two_places_a_write_that_finds_a_group_at_the_server_waits_for_a_partner_and_the_pair_goes_beside_it()
    {
        var (groups, server, writes) = (new WriteGroups(2, 64, Forever), new Server(), await WritesAsync(3));
        using var _ = server;
        var first = await SentAndHeldAsync(groups, server, writes[0]);
        var second = groups.WriteAsync(writes[1], server.SendAsync, default).AsTask();
        await Poll.UntilAsync(() => groups.Waiting == 1);
        groups.AtServer.Should().Be(1, "a lone write does not go beside a group: it would share nothing");

        var third = groups.WriteAsync(writes[2], server.SendAsync, default).AsTask();
        await server.HeldAsync(1);
        (groups.AtServer, groups.Waiting).Should().Be((2, 0));
        server.Release();
        await Task.WhenAll(first, second, third);

        server.Sent.Select(s => s.Group).Should().BeEquivalentTo([new[] { writes[0] }, new[] { writes[1], writes[2] }], o => o.WithStrictOrdering());
        server.Sent[1].Token.Should().Be(CancellationToken.None);
        groups.SharedGroups.Should().Be(1);
    }

    [Fact]
    public async Task With_two_places_a_group_back_from_the_server_leaves_a_lone_waiting_write_waiting_until_the_other_is_back()
    {
        var groups = new WriteGroups(2, 64, Forever);
        var writes = await WritesAsync(4);
        var (releaseFirst, releasePair) = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var sent = new System.Collections.Concurrent.ConcurrentQueue<List<GroupedWrite>>();
        async ValueTask SendAsync(List<GroupedWrite> group, CancellationToken token)
        {
            sent.Enqueue(group.ToList());
            await (group.Contains(writes[0]) ? releaseFirst.Task : group.Contains(writes[1]) ? releasePair.Task : Task.CompletedTask);
        }

        var first = groups.WriteAsync(writes[0], SendAsync, default).AsTask();
        await Poll.UntilAsync(() => groups.AtServer == 1);
        var pair = new[] { groups.WriteAsync(writes[1], SendAsync, default).AsTask() };
        await Poll.UntilAsync(() => groups.Waiting == 1);
        pair = [.. pair, groups.WriteAsync(writes[2], SendAsync, default).AsTask()];
        await Poll.UntilAsync(() => groups.AtServer == 2);
        var last = groups.WriteAsync(writes[3], SendAsync, default).AsTask();
        await Poll.UntilAsync(() => groups.Waiting == 1);

        releasePair.SetResult();
        await Task.WhenAll(pair);
        (groups.AtServer, groups.Waiting).Should().Be((1, 1), "the pair's place went with it: the last write waits for a partner or the first group's place");
        sent.Should().HaveCount(2);

        releaseFirst.SetResult();
        await Task.WhenAll(first, last);
        sent.Should().BeEquivalentTo([new[] { writes[0] }, new[] { writes[1], writes[2] }, new[] { writes[3] }], o => o.WithStrictOrdering());
        (groups.AtServer, groups.Waiting).Should().Be((0, 0));
    }

    [Fact]
    public async Task With_two_places_the_writes_waiting_when_both_groups_are_back_go_in_one_group_made_as_the_first_hands_its_place_on()
    {
        var (groups, server, writes) = (new WriteGroups(2, 64, Forever), new Server(), await WritesAsync(7));
        using var _ = server;
        var first = await SentAndHeldAsync(groups, server, writes[0]);
        var pair = writes.Skip(1).Take(2).Select(w => groups.WriteAsync(w, server.SendAsync, default).AsTask()).ToList();
        await server.HeldAsync(1);
        var waiting = writes.Skip(3).Select(w => groups.WriteAsync(w, server.SendAsync, default).AsTask()).ToList();
        await Poll.UntilAsync(() => groups.Waiting == 4);

        server.Release(); // both groups come back at once
        await Task.WhenAll(pair.Concat(waiting).Append(first));

        server.Sent.Should().HaveCount(3, "the second group back found the queue taken: it does not split it");
        server.Sent[2].Group.Should().Equal(writes.Skip(3));
        (groups.AtServer, groups.Waiting).Should().Be((0, 0));
    }

    [Fact]
    public async Task Each_write_of_a_group_meets_its_own_fate()
    {
        var groups = new WriteGroups(1, 64, Forever);
        var writes = await WritesAsync(4);
        var refused = new InvalidOperationException("refused");
        using var server = new Server(group =>
        {
            foreach (var w in group.Where(w => w == writes[2]))
            {
                w.Error = refused;
            }
        });

        var (first, rest) = await QueueBehindAHeldWriteAsync(groups, server, writes, 3);
        server.Release();

        await first;
        await rest[0];
        (await rest[1].Invoking(t => t).Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(refused);
        await rest[2];
    }

    [Fact]
    public async Task A_group_whose_sending_throws_fails_every_write_of_it_and_the_next_group_still_goes()
    {
        var groups = new WriteGroups(1, 64, Forever);
        var writes = await WritesAsync(4);
        var broken = new InvalidOperationException("broken");
        using var server = new Server(group =>
        {
            if (group.Contains(writes[1]))
            {
                throw broken;
            }
        });

        var (first, rest) = await QueueBehindAHeldWriteAsync(groups, server, writes, 2);
        server.Release();
        await first;

        foreach (var failed in rest)
        {
            (await failed.Invoking(t => t).Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(broken);
        }

        await groups.WriteAsync(writes[3], server.SendAsync, default);
        server.Sent.Last().Group.Should().Equal(writes[3]);
    }

    [Fact]
    public async Task A_write_cancelled_while_it_waits_for_a_place_is_never_sent()
    {
        var groups = new WriteGroups(1, 64, Forever);
        using var server = new Server();
        var writes = await WritesAsync(3);
        using var cancel = new CancellationTokenSource();

        var first = groups.WriteAsync(writes[0], server.SendAsync, default).AsTask();
        await server.HeldAsync(1);
        var cancelled = groups.WriteAsync(writes[1], server.SendAsync, cancel.Token).AsTask();
        var last = groups.WriteAsync(writes[2], server.SendAsync, default).AsTask();
        await Poll.UntilAsync(() => groups.Waiting == 2);
        await cancel.CancelAsync();
        await cancelled.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        server.Release();
        await Task.WhenAll(first, last);

        server.Sent.SelectMany(s => s.Group).Should().Equal(writes[0], writes[2]);
    }

    [Fact]
    public async Task Out_of_patience_a_waiting_write_goes_beside_the_group_held_at_the_server()
    {
        var groups = new WriteGroups(1, 64, TimeSpan.FromMilliseconds(20));
        var writes = await WritesAsync(2);
        using var server = new Server(hold: g => g.Contains(writes[0])); // only the first group is held

        var held = groups.WriteAsync(writes[0], server.SendAsync, default).AsTask();
        await server.HeldAsync(1);
        await groups.WriteAsync(writes[1], server.SendAsync, default); // would wait for ever behind the held group

        held.IsCompleted.Should().BeFalse();
        server.Release();
        await held;
        server.Sent.Select(s => s.Group).Should().BeEquivalentTo([new[] { writes[0] }, new[] { writes[1] }]);
    }

    [Fact]
    public void Every_write_of_concurrent_writers_is_sent_once_in_groups_no_larger_than_the_largest_and_never_more_at_once_than_the_places()
    {
        Gen.Select(Gen.Int[1, 24], Gen.Int[1, 5], Gen.Int[1, 3]).Sample(
            (writers, largest, places) =>
            {
                var groups = new WriteGroups(places, largest, Forever);
                var writes = WritesAsync(writers).GetAwaiter().GetResult();
                var sent = new System.Collections.Concurrent.ConcurrentBag<GroupedWrite>();
                var atServer = 0;
                var most = 0;
                var tooLarge = false;
                async ValueTask SendAsync(List<GroupedWrite> group, CancellationToken token)
                {
                    var now = Interlocked.Increment(ref atServer);
                    InterlockedMax(ref most, now);
                    tooLarge |= group.Count > largest;
                    await Task.Yield();
                    foreach (var w in group)
                    {
                        sent.Add(w);
                    }

                    Interlocked.Decrement(ref atServer);
                }

                Task.WhenAll(writes.Select(w => Task.Run(() => groups.WriteAsync(w, SendAsync, default).AsTask()))).GetAwaiter().GetResult();

                return sent.Count == writers && sent.Distinct().Count() == writers && !tooLarge && most <= places;
            },
            seed: "0N0XIzNsQ0O2",
            iter: 60);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    /// <summary>Sends a write that finds nothing at the server, and waits until the server holds it; returns the write's task.</summary>
    private static async Task<Task> SentAndHeldAsync(WriteGroups groups, Server server, GroupedWrite write)
    {
        var sent = groups.WriteAsync(write, server.SendAsync, default).AsTask();
        await server.HeldAsync(1);
        return sent;
    }

    /// <summary>Sends the first write, which the server holds, and then the next <paramref name="behind"/>, which wait for its place.</summary>
    private static async Task<(Task First, List<Task> Behind)> QueueBehindAHeldWriteAsync(WriteGroups groups, Server server, List<GroupedWrite> writes, int behind)
    {
        var first = groups.WriteAsync(writes[0], server.SendAsync, default).AsTask();
        await server.HeldAsync(1);
        var rest = writes.Skip(1).Take(behind).Select(w => groups.WriteAsync(w, server.SendAsync, default).AsTask()).ToList();
        await Poll.UntilAsync(() => groups.Waiting == behind);
        return (first, rest);
    }

    private static async Task<GroupedWrite> WriteAsync() => (await WritesAsync(1))[0];

    /// <summary>Writes of registrations, each of a grievance of its own.</summary>
    private static async Task<List<GroupedWrite>> WritesAsync(int count)
    {
        using var seed = new Seed();
        var store = seed.Services.GetRequiredService<IGrievanceStore>();
        var g = await seed.RegisterAsync();
        var entry = (await store.GetHistoryAsync(g.Id, default))[0];
        return Enumerable.Range(0, count).Select(_ => GrievanceId.New()).Select(id => new GroupedWrite(new GrievanceCreation(g with { Id = id }, entry with { GrievanceId = id }, null))).ToList();
    }

    /// <summary>A server that records the groups sent to it, holds the ones it is told to until released, and may fail writes.</summary>
    private sealed class Server(Action<List<GroupedWrite>>? refuse = null, Func<List<GroupedWrite>, bool>? hold = null) : IDisposable
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _held = new(0);

        public List<(List<GroupedWrite> Group, CancellationToken Token)> Sent { get; } = new();

        public async ValueTask SendAsync(List<GroupedWrite> group, CancellationToken token)
        {
            lock (Sent)
            {
                Sent.Add((group.ToList(), token));
            }

            if (hold?.Invoke(group) ?? true)
            {
                _held.Release();
                await _released.Task;
            }

            refuse?.Invoke(group);
        }

        public async Task HeldAsync(int groups)
        {
            for (var i = 0; i < groups; i++)
            {
                (await _held.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("a group reaches the server");
            }
        }

        public void Release() => _released.TrySetResult();

        public void Dispose() => _held.Dispose();
    }
}
