using System;
using System.Collections.Generic;
using System.Globalization;

namespace Grievance.Workflow.Import;

/// <summary>
/// The checks an imported record passes before it is stored: what a command would have been held to, so that whatever is imported
/// reads back, replays through the lifecycle's next command and counts in the scorecards like a grievance registered here. Each
/// reason names the field (and, for text, the character position), never the text.
/// </summary>
internal static class ImportChecks
{
    /// <summary>The most history entries one imported grievance may have.</summary>
    public const int MaxHistoryEntries = 10_000;

    /// <summary>Returns why the record cannot be imported, or <see langword="null"/> when it can.</summary>
    public static string? Problem(ImportedGrievance? record)
    {
        if (record?.Grievance is not { } g || record.History is not { } history)
        {
            return "the record has no grievance or no history";
        }

        if (Text(g.Description, "grievance.description", required: true) is { } description)
        {
            return description;
        }

        if ((Identifier(g.ComplainantId, "grievance.complainantId", required: true) ?? Identifier(g.RejectionReasonCode, "grievance.rejectionReasonCode", required: false)
            ?? Identifier(g.SpecialClosureReasonCode, "grievance.specialClosureReasonCode", required: false)
            ?? Identifier(g.IntakeFlag, "grievance.intakeFlag", required: false)) is { } identifier)
        {
            return identifier;
        }

        if (!Enum.IsDefined(g.Status) || !Enum.IsDefined(g.Outcome) || g.Level is < 1 or > GrievanceLimits.MaxLevels)
        {
            return $"grievance status {(int)g.Status}, outcome {(int)g.Outcome} or level {g.Level} is not defined";
        }

        if (history.Count is 0 or > MaxHistoryEntries || g.Version != history.Count)
        {
            return $"the history has {history.Count} entries and the snapshot version is {g.Version}; they must be equal, from 1 to {MaxHistoryEntries}";
        }

        if (g.UpdatedAt < g.RegisteredAt)
        {
            return "grievance.updatedAt is before grievance.registeredAt";
        }

        if (g.IsClosed && (g.DueAt is not null || g.FeedbackDueAt is not null))
        {
            // As the engine leaves it: closure stops every clock, and the stores answer "closed, in due order" from that.
            return "a closed grievance has a due time or a feedback deadline; closure ends both";
        }

        foreach (var e in record.Events)
        {
            if (e is null || e.GrievanceId != g.Id || e.ReferenceNumber != g.ReferenceNumber)
            {
                return "an event is not the grievance's own";
            }
        }

        return HistoryProblem(g, history);
    }

    private static string? HistoryProblem(GrievanceSnapshot g, IReadOnlyList<HistoryEntry> history)
    {
        HistoryEntry? previous = null;
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            var at = $"history[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (e is null || e.GrievanceId != g.Id || e.Sequence != i + 1)
            {
                return $"{at} is not entry {i + 1} of grievance {g.Id}";
            }

            if (!Enum.IsDefined(e.Action) || !Enum.IsDefined(e.FromStatus) || !Enum.IsDefined(e.ToStatus) || !Enum.IsDefined(e.Outcome)
                || e.ToLevel is < 1 or > GrievanceLimits.MaxLevels || e.Rating is < 1 or > 5)
            {
                return $"{at} has an action, status, outcome, level or rating that is not defined";
            }

            if (e.CommandId is not null || e.CommandFingerprint is not null)
            {
                return $"{at} carries a command id; imported history has none (command ids are this store's idempotency keys)";
            }

            if ((Text(e.Text, at + ".text", required: false) ?? Identifier(e.ReasonCode, at + ".reasonCode", required: false)) is { } text)
            {
                return text;
            }

            if (previous is null)
            {
                if (e.Action != GrievanceAction.Register || e.FromStatus != GrievanceStatus.Registered || e.OccurredAt != g.RegisteredAt)
                {
                    return $"{at} must be the registration, from status Registered, at grievance.registeredAt";
                }
            }
            else if (e.FromStatus != previous.ToStatus || e.FromLevel != previous.ToLevel)
            {
                return $"{at} starts from status {e.FromStatus} at level {e.FromLevel}, but the entry before left it {previous.ToStatus} at level {previous.ToLevel}";
            }
            else if (e.OccurredAt < previous.OccurredAt)
            {
                return $"{at} occurred before the entry before it";
            }

            previous = e;
        }

        var last = previous!;
        return last.ToStatus != g.Status || last.Outcome != g.Outcome || last.ToLevel != g.Level || last.OccurredAt > g.UpdatedAt
            ? $"the snapshot (status {g.Status}, outcome {g.Outcome}, level {g.Level}) is not where the last entry left it (status {last.ToStatus}, outcome {last.Outcome}, level {last.ToLevel}), or the last entry is after grievance.updatedAt"
            : null;
    }

    private static string? Text(string? value, string field, bool required)
    {
        if (value is null)
        {
            return required ? $"{field} is missing" : null;
        }

        if (required && string.IsNullOrWhiteSpace(value))
        {
            return $"{field} is blank";
        }

        if (value.Length > GrievanceLimits.MaxTextLength)
        {
            return $"{field} has {value.Length} characters; at most {GrievanceLimits.MaxTextLength}";
        }

        var bad = GrievanceText.FindInvalidTextCharacter(value);
        return bad < 0 ? null : $"{field} has a control character or a broken surrogate at position {bad}";
    }

    private static string? Identifier(string? value, string field, bool required)
    {
        if (value is null)
        {
            return required ? $"{field} is missing" : null;
        }

        if (string.IsNullOrWhiteSpace(value) || value.Length > GrievanceLimits.MaxIdentifierLength)
        {
            return $"{field} must be 1 to {GrievanceLimits.MaxIdentifierLength} characters, not blank";
        }

        var bad = GrievanceText.FindInvalidIdentifierCharacter(value);
        return bad < 0 ? null : $"{field} has a character an identifier does not allow at position {bad}";
    }
}
