using System;

namespace Grievance.Workflow;

/// <summary>What an accepted command did: the history entry it appended and the grievance as stored now.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CommandResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="grievance">The grievance as stored after the command (for a replay: as stored now).</param>
    /// <param name="entry">The history entry the command appended (for a replay: the one it appended the first time).</param>
    /// <param name="isReplay">Whether the command had been applied before under the same command id.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CommandResult(GrievanceSnapshot grievance, HistoryEntry entry, bool isReplay)
    {
        Grievance = grievance ?? throw new ArgumentNullException(nameof(grievance));
        Entry = entry ?? throw new ArgumentNullException(nameof(entry));
        IsReplay = isReplay;
    }

    /// <summary>Gets the grievance as stored after the command; for a replay, as stored now.</summary>
    public GrievanceSnapshot Grievance { get; }

    /// <summary>Gets the history entry the command appended; for a replay, the entry of the first application.</summary>
    public HistoryEntry Entry { get; }

    /// <summary>Gets whether this was a replay of a command already applied under the same command id (nothing changed).</summary>
    public bool IsReplay { get; }

    /// <summary>Returns the entry and whether it was a replay.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => IsReplay ? $"{Entry} (replay)" : Entry.ToString();
}
