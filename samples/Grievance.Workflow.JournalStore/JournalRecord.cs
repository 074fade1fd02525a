using System.Text.Json;
using Grievance.Workflow.Events;
using Grievance.Workflow.Storage;

namespace Grievance.Workflow.JournalStore;

/// <summary>
/// One line of the journal: a write, as the store was asked for it. Creations and changes carry the snapshot, its history entry and
/// its events (and a creation the contact details); the outbox and retention writes carry their arguments, which replayed on the
/// same state give the same result.
/// </summary>
internal sealed record JournalRecord
{
    public required string Op { get; init; }

    public GrievanceSnapshot? Grievance { get; init; }

    public GrievanceSnapshot? Previous { get; init; }

    public HistoryEntry? Entry { get; init; }

    public ContactDetails? Contact { get; init; }

    public IReadOnlyList<GrievanceEvent>? Events { get; init; }

    public string? Handler { get; init; }

    public IReadOnlyList<OutboxDelivery>? Deliveries { get; init; }

    public long UpToPosition { get; init; }

    public DateTimeOffset Before { get; init; }

    public int Limit { get; init; }

    public static JournalRecord Create(GrievanceCreation c) => new() { Op = "create", Grievance = c.Grievance, Entry = c.Entry, Contact = c.Contact, Events = c.Events };

    public static JournalRecord Save(GrievanceChange c) => new() { Op = "save", Grievance = c.Grievance, Previous = c.Previous, Entry = c.Entry, Events = c.Events };

    public static JournalRecord Delivered(string handler, IReadOnlyList<OutboxDelivery> deliveries) => new() { Op = "deliveries", Handler = handler, Deliveries = deliveries };

    public static JournalRecord Prune(long upToPosition, DateTimeOffset recordedBefore, int limit) => new() { Op = "prune", UpToPosition = upToPosition, Before = recordedBefore, Limit = limit };

    public static JournalRecord Forget(string handler) => new() { Op = "forget", Handler = handler };

    public static JournalRecord Anonymize(DateTimeOffset closedBefore, int limit) => new() { Op = "anonymize", Before = closedBefore, Limit = limit };

    /// <summary>Applies the record to the in-memory state, as the store applied it when it was written.</summary>
    public async ValueTask ApplyAsync(InMemoryGrievanceStore memory, CancellationToken cancellationToken)
    {
        switch (Op)
        {
            case "create":
                await memory.CreateAsync(new GrievanceCreation(Grievance!, Entry!, Contact, Events), cancellationToken);
                break;
            case "save":
                await memory.SaveAsync(new GrievanceChange(Grievance!, Entry!, Events) { Previous = Previous }, cancellationToken);
                break;
            case "deliveries":
                await memory.RecordDeliveriesAsync(Handler!, Deliveries!, cancellationToken);
                break;
            case "prune":
                await memory.PruneAsync(UpToPosition, Before, Limit, cancellationToken);
                break;
            case "forget":
                await memory.ForgetHandlerAsync(Handler!, cancellationToken);
                break;
            case "anonymize":
                await memory.AnonymizeClosedBeforeAsync(Before, Limit, cancellationToken);
                break;
            default:
                throw new InvalidDataException($"A journal record with the unknown operation '{Op}'.");
        }
    }

    public byte[] ToLine() => [.. JsonSerializer.SerializeToUtf8Bytes(this), (byte)'\n'];

    public static JournalRecord? FromLine(ReadOnlySpan<byte> line) => JsonSerializer.Deserialize<JournalRecord>(line);
}
