extern alias PostgreSqlAdapter;

using CsCheck;
using FluentAssertions;
using RollupShards = PostgreSqlAdapter::Grievance.Workflow.Storage.Sql.RollupShards;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>
/// How a store hands the rollup rows' shards to its transactions (source shared by the SQL adapters; PostgreSQL's copy is tested):
/// transactions one after another share a shard, concurrent ones take shards of their own while there are free ones.
/// </summary>
public sealed class RollupShardsTests
{
    [Fact]
    public void Transactions_one_after_another_take_the_same_shard()
    {
        var shards = new RollupShards(8, new Random(3));
        var first = shards.Rent();
        shards.Return(first);
        for (var i = 0; i < 100; i++)
        {
            var shard = shards.Rent();
            shard.Should().Be(first);
            shards.Return(shard);
        }
    }

    [Fact]
    public void Concurrent_transactions_hold_distinct_shards_while_one_is_free_then_share_the_least_held()
    {
        var shards = new RollupShards(8, new Random(5));
        var held = Enumerable.Range(0, 8).Select(_ => shards.Rent()).ToList();
        held.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(Enumerable.Range(0, 8));

        var ninth = shards.Rent();
        var tenth = shards.Rent();
        tenth.Should().NotBe(ninth, "the ninth's shard is held twice now, every other once");
        var freed = held.First(s => s != ninth && s != tenth);
        shards.Return(freed);
        shards.Rent().Should().Be(freed, "a shard no one holds comes before any held one");
    }

    [Fact]
    public void Whatever_the_order_of_transactions_starting_and_ending_those_at_once_hold_distinct_shards_while_there_are_enough()
    {
        // true: a transaction starts; false: the oldest one still running ends.
        Gen.Bool.Array[1, 200].Sample(steps =>
        {
            var shards = new RollupShards(8, new Random(11));
            var running = new Queue<int>();
            foreach (var starts in steps)
            {
                if (starts && running.Count < 8)
                {
                    running.Enqueue(shards.Rent());
                }
                else if (!starts && running.Count > 0)
                {
                    shards.Return(running.Dequeue());
                }

                running.Should().OnlyHaveUniqueItems();
            }
        }, seed: "0000000410S0", iter: 500, threads: 1);
    }

    [Fact]
    public void The_start_moves_after_a_run_of_transactions_so_two_stores_whose_starts_met_part()
    {
        var shards = new RollupShards(8, new Scripted(3, 6));
        for (var i = 1; i < RollupShards.RentsPerStart; i++)
        {
            Rent(shards).Should().Be(3);
        }

        Rent(shards).Should().Be(6, "the {0}th transaction takes its shard from a new start", RollupShards.RentsPerStart);
        Rent(shards).Should().Be(6);

        static int Rent(RollupShards shards)
        {
            var shard = shards.Rent();
            shards.Return(shard);
            return shard;
        }
    }

    [Fact]
    public void A_shard_given_back_more_often_than_it_was_taken_is_refused()
    {
        var shards = new RollupShards(8, new Random(1));
        var shard = shards.Rent();
        shards.Return(shard);
        var giveBack = () => shards.Return(shard);
        giveBack.Should().Throw<InvalidOperationException>().WithMessage($"Rollup shard {shard} of 8 was given back more often than it was taken.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void A_number_of_shards_out_of_range_is_refused(int shards)
    {
        var create = () => new RollupShards(shards);
        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("count");
    }

    /// <summary>Gives the starts in the order written.</summary>
    private sealed class Scripted(params int[] starts) : Random
    {
        private int _next;

        public override int Next(int maxValue) => starts[_next++] % maxValue;
    }
}
