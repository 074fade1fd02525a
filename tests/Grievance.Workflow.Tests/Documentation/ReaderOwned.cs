namespace Grievance.Workflow.Tests.Documentation;

/// <summary>
/// The reader's own pieces that documentation blocks name without declaring — their store, their SMS gateway, their HR
/// directory — declared for the compilation with just the shape the blocks rely on. A document that declares one itself keeps its own.
/// </summary>
internal static class ReaderOwned
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["HrmsOfficerDirectory"] = "public interface HrmsOfficerDirectory : global::Grievance.Workflow.Routing.IOfficerDirectory;",
        ["StateHolidayCalendar"] = "public interface StateHolidayCalendar : global::Grievance.Workflow.Clocks.IBusinessCalendar;",
        ["ISmsGateway"] = """
            public interface ISmsGateway
            {
                ValueTask SendToComplainantAsync(GrievanceId grievance, string text, CancellationToken cancellationToken);
            }
            """,
        ["SmsSubscriber"] = """
            public sealed class SmsSubscriber : global::Grievance.Workflow.Events.IGrievanceEventSubscriber
            {
                public string Name => "sms";
                public ValueTask HandleAsync(global::Grievance.Workflow.Events.GrievanceEvent grievanceEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
            }
            """,
        ["MyStore"] = """
            public sealed class MyStore(string database) : global::Grievance.Workflow.Storage.IGrievanceStore
            {
                public string Database => database;
                public ValueTask<GrievanceSnapshot?> FindAsync(GrievanceId id, CancellationToken cancellationToken) => throw new NotSupportedException();
                public ValueTask<GrievanceSnapshot?> FindByReferenceAsync(ReferenceNumber referenceNumber, CancellationToken cancellationToken) => throw new NotSupportedException();
                public ValueTask<IReadOnlyList<HistoryEntry>> GetHistoryAsync(GrievanceId id, CancellationToken cancellationToken) => throw new NotSupportedException();
                public ValueTask<HistoryEntry?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken) => throw new NotSupportedException();
                public ValueTask<ContactDetails?> GetContactDetailsAsync(GrievanceId id, CancellationToken cancellationToken) => throw new NotSupportedException();
                public ValueTask CreateAsync(global::Grievance.Workflow.Storage.GrievanceCreation creation, CancellationToken cancellationToken) => throw new NotSupportedException();
                public ValueTask SaveAsync(global::Grievance.Workflow.Storage.GrievanceChange change, CancellationToken cancellationToken) => throw new NotSupportedException();
            }
            """,
    };

    /// <summary>The source of the reader's pieces that <paramref name="declared"/> (the document's own types) leaves out, and their helpers.</summary>
    public static string Source(IReadOnlySet<string> declared) => $$"""
        global using static ReaderHelpers;
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Grievance.Workflow;

        {{string.Join(Environment.NewLine, Types.Where(t => !declared.Contains(t.Key)).Select(t => t.Value))}}

        public static class ReaderHelpers
        {
            public static string NewEmptyDatabase() => $"Data Source={Guid.NewGuid():N}.db";
            public static IAsyncEnumerable<global::Grievance.Workflow.Import.ImportedGrievance> ReadLegacyExport() => throw new NotSupportedException();
        }
        """;
}
