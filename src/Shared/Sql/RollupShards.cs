using System;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// The shards of the rollup rows, handed out to one store's writing transactions. Shards exist so that concurrent writers rarely
/// wait on one row of a busy key; they need not spread the rows of writers that come one after another. So a transaction takes
/// the first shard no other transaction of the store holds, counting from a start of the store's own, and gives it back once it
/// has committed or rolled back: one writer at a time — a sweep's pages one after another, a quiet node's commands — keeps
/// writing into the same rows, which then change in place. Round-robin shards gave every transaction the next one, so each key
/// spread over every shard, most writes to a freshly loaded database inserted a row instead of changing one, and scorecards read
/// up to one row per shard where one would do. The start is random and moves to another random shard every
/// <see cref="RentsPerStart"/> transactions, so that the stores of two nodes whose starts met do not keep meeting on the same
/// rows. Source shared by the adapters, not a public API. Thread-safe.
/// </summary>
internal sealed class RollupShards
{
    /// <summary>The most shards a dialect may have.</summary>
    public const int Max = 64;

    /// <summary>How many transactions take their shard from one start before it moves.</summary>
    public const int RentsPerStart = 256;

    private readonly int[] _holders;
    private readonly Random _random;
    private int _start;
    private long _rents;

    /// <summary>Creates a store's shards.</summary>
    /// <param name="count">The dialect's number of shards (<see cref="SqlDialect.RollupShards"/>), 1 to <see cref="Max"/>.</param>
    /// <param name="random">Where the starts come from. The default is <see cref="Random.Shared"/>.</param>
    public RollupShards(int count, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Max);
        (_holders, _random) = (new int[count], random ?? Random.Shared);
        _start = _random.Next(count);
    }

    /// <summary>
    /// Takes a shard for a transaction: the first no one holds from the store's start, or, when all are held, the one the fewest
    /// hold. Give it back with <see cref="Return"/>.
    /// </summary>
    /// <returns>The shard, from 0 to the number of shards − 1.</returns>
    public int Rent()
    {
        lock (_holders)
        {
            if (++_rents % RentsPerStart == 0)
            {
                _start = _random.Next(_holders.Length);
            }

            var best = _start;
            for (var i = 1; i < _holders.Length && _holders[best] > 0; i++)
            {
                var shard = (_start + i) % _holders.Length;
                best = _holders[shard] < _holders[best] ? shard : best;
            }

            _holders[best]++;
            return best;
        }
    }

    /// <summary>Gives back a shard <see cref="Rent"/> handed out.</summary>
    /// <param name="shard">The shard.</param>
    /// <exception cref="InvalidOperationException">The shard is held by no one.</exception>
    public void Return(int shard)
    {
        lock (_holders)
        {
            if (_holders[shard] == 0)
            {
                throw new InvalidOperationException($"Rollup shard {shard} of {_holders.Length} was given back more often than it was taken.");
            }

            _holders[shard]--;
        }
    }
}
