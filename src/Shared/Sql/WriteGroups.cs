using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// Group commit for a store's writers: a few groups of writes at the server at a time, and the writes that arrive while they
/// are there go together in the next, one transaction. A write that finds nothing at the server goes at once, alone, as it would
/// without groups; with more writers at once, the per-transaction work — the round trip, the commit and its flush to disk, the
/// rollup rows of the same keys — is shared by a group. Source shared by the adapters, not a public API. Thread-safe.
/// </summary>
/// <remarks>
/// A place beyond the first is for a group of two or more: a write that finds a group at the server and a place free goes there
/// with the writes waiting, if any, and otherwise waits for a partner or a place handed on — a lone write beside a group would
/// cost the server a transaction of its own and share nothing. Each group is sent by one of its own writers (no thread of its
/// own, no waiting for a group to fill): the one that waited longest when a place is handed on — the group made as it is, from
/// the writes waiting then — the one that completes a group of two when it takes a place beyond the first. The writer whose
/// group was at the server hands its place on when it is back, so no writer sends more than one group.
/// Who sends decides nothing of another write's fate: <c>send</c> sets each write's <see cref="GroupedWrite.Error"/>. A group
/// held at the server (a row another transaction locks) holds only its own writes: a write that has waited
/// <see cref="Patience"/> for a place goes in a group of its own making, beside those at the server. A write still waiting
/// when its caller cancels leaves the queue and is never sent; once in a group it is carried through.
/// </remarks>
internal sealed class WriteGroups
{
    /// <summary>How long a write waits for a group's place, by default, before it goes beside the groups at the server.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromMilliseconds(50);

    private readonly object _gate = new();
    private readonly List<GroupedWrite> _waiting = new();
    private readonly int _largest;
    private readonly int _places;
    private int _atServer; // groups at the server: up to _places, more only when writes ran out of patience
    private long _sharedGroups;

    /// <summary>Creates the groups of a store.</summary>
    /// <param name="places">How many groups may be at the server at once: the first of any size, the others of two writes or more.</param>
    /// <param name="largest">The most writes a group takes; the rest wait for the next.</param>
    /// <param name="patience">How long a write waits for a place before it goes beside the groups at the server; <see cref="DefaultPatience"/> when not given.</param>
    public WriteGroups(int places, int largest, TimeSpan? patience = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(places, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(largest, 1);
        (_places, _largest, Patience) = (places, largest, patience ?? DefaultPatience);
    }

    /// <summary>Gets or sets how long a write waits for a place before it goes beside the groups at the server.</summary>
    /// <value>The default is <see cref="DefaultPatience"/>, 50 ms: many times a group's time at the server, far below a lock wait's.</value>
    public TimeSpan Patience { get; set; }

    /// <summary>Gets how many groups are at the server: for tests.</summary>
    public int AtServer
    {
        get
        {
            lock (_gate)
            {
                return _atServer;
            }
        }
    }

    /// <summary>Gets how many groups may be at the server at once: for tests.</summary>
    public int Places => _places;

    /// <summary>Gets how many writes wait for a place: for tests.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Gets how many groups of more than one write were sent: for tests.</summary>
    public long SharedGroups => Interlocked.Read(ref _sharedGroups);

    /// <summary>Writes <paramref name="write"/>, in a group of its own or with others, and throws what it failed with.</summary>
    /// <param name="write">The write.</param>
    /// <param name="send">
    /// Sends a group: sets the <see cref="GroupedWrite.Error"/> of each write that failed and does not throw. Given the caller's
    /// token when the group is the caller's write alone, else none: one caller's cancellation is not another's.
    /// </param>
    /// <param name="cancellationToken">Cancels the wait of a write not yet in a group.</param>
    public async ValueTask WriteAsync(GroupedWrite write, Func<List<GroupedWrite>, CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        List<GroupedWrite>? group = null;
        lock (_gate)
        {
            if (_atServer == 0)
            {
                _atServer++; // nothing at the server: this write's group is itself
                group = [write];
            }
            else if (_atServer < _places && _waiting.Count > 0)
            {
                // A place beside the groups at the server, taken by a group of two or more: those waiting and this write, sent by it.
                _atServer++;
                group = TakeWaiting(_largest - 1);
                group.Add(write);
            }
            else
            {
                _waiting.Add(write);
            }
        }

        if (group is null)
        {
            if (!await TurnAsync(write, cancellationToken).ConfigureAwait(false))
            {
                Rethrow(write);
                return;
            }

            // Handed a place, with the group made then: it and those behind it, taken off the queue together, so that two groups
            // back at once do not split the queue between them. Out of patience, it makes its group now.
            group = write.Group;
            if (group is null)
            {
                lock (_gate)
                {
                    group = [write, .. TakeWaiting(_largest - 1)];
                }
            }
        }

        try
        {
            if (group.Count > 1)
            {
                Interlocked.Increment(ref _sharedGroups);
            }

            await send(group, group.Count == 1 ? cancellationToken : CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // send sets each write's error and does not throw: if it did, no write of the group is known to be written.
            foreach (var w in group)
            {
                w.Error ??= ex;
            }
        }
        finally
        {
            foreach (var other in group)
            {
                if (!ReferenceEquals(other, write))
                {
                    other.Turn.TrySetResult(false); // carried by this write's group
                }
            }

            lock (_gate)
            {
                // A place made beyond the number goes with its group; so does one that would leave a lone write beside another
                // group (it waits for a partner, or for the place the last group at the server hands on).
                if (_waiting.Count == 0 || _atServer > _places || (_atServer > 1 && _waiting.Count < 2))
                {
                    _atServer--;
                }
                else
                {
                    var next = _waiting[0];
                    next.Group = TakeWaiting(_largest); // the next group: it and those behind it
                    next.Turn.TrySetResult(true);
                }
            }
        }

        Rethrow(write);
    }

    /// <summary>
    /// Waits for a queued write's turn: <see langword="true"/> to send the next group. Out of patience, it takes a place beyond the
    /// number; cancelled before it is taken, it leaves the queue and throws.
    /// </summary>
    private async ValueTask<bool> TurnAsync(GroupedWrite write, CancellationToken cancellationToken)
    {
        try
        {
            return await write.Turn.Task.WaitAsync(Patience, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                if (_waiting.Remove(write))
                {
                    _atServer++;
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (_waiting.Remove(write))
                {
                    throw; // never sent
                }
            }
        }

        // Taken already, into a group or to send the next one: carried through whatever the caller wants now (a turn to send
        // must be taken, or the writes behind it would wait for ever).
        return await write.Turn.Task.ConfigureAwait(false);
    }

    /// <summary>Takes the first writes waiting, at most <paramref name="most"/>, off the queue, in the order they came. The caller holds the gate.</summary>
    private List<GroupedWrite> TakeWaiting(int most)
    {
        var taken = _waiting.GetRange(0, Math.Min(_waiting.Count, most));
        _waiting.RemoveRange(0, taken.Count);
        return taken;
    }

    private static void Rethrow(GroupedWrite write)
    {
        if (write.Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }
}
