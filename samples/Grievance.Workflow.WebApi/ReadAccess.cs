using Grievance.Workflow.Queries;

namespace Grievance.Workflow.WebApi;

/// <summary>
/// Who may read what. The library authorizes commands; reads are the host's rule, and this sample's is: administrators and
/// helpline agents read every grievance; an officer the grievances of their department or held by them, their own queue, and
/// searches and defaulters narrowed to their department; a complainant only their own grievances, without internal notes.
/// A grievance a caller may not read answers 404, exactly like an unknown one.
/// </summary>
internal static class ReadAccess
{
    public static bool CanRead(Actor actor, GrievanceSnapshot grievance) => actor.Role switch
    {
        ActorRole.Administrator or ActorRole.HelplineAgent => true,
        ActorRole.Officer => grievance.Department == actor.Department || grievance.Officer?.Value == actor.Id,
        ActorRole.Complainant => grievance.ComplainantId == actor.Id,
        _ => false,
    };

    /// <summary>The history a caller sees: a complainant's lacks the internal notes.</summary>
    public static IReadOnlyList<HistoryEntry> History(Actor actor, IReadOnlyList<HistoryEntry> history)
        => actor.Role == ActorRole.Complainant ? history.Where(e => !e.IsInternal).ToList() : history;

    /// <summary>Whether the caller may read an officer's work queue: the officer and administrators.</summary>
    public static bool CanReadQueueOf(Actor actor, OfficerId officer)
        => actor.Role == ActorRole.Administrator || (actor.Role == ActorRole.Officer && actor.Id == officer.Value);

    /// <summary>Whether the caller may read the feedback-call queue: helpline agents and administrators.</summary>
    public static bool CanReadFeedbackCalls(Actor actor) => actor.Role is ActorRole.HelplineAgent or ActorRole.Administrator;

    /// <summary>Whether the caller may read scorecards, rankings and flows: officers and administrators.</summary>
    public static bool CanReadStatistics(Actor actor) => actor.Role is ActorRole.Officer or ActorRole.Administrator;

    /// <summary>
    /// Narrows a search or the defaulters to what the caller may read: an officer's to their department. Returns
    /// <see langword="null"/> when the caller may not search at all, or asked for another department.
    /// </summary>
    public static GrievanceFilter? Scope(Actor actor, GrievanceFilter filter) => actor.Role switch
    {
        ActorRole.Administrator or ActorRole.HelplineAgent => filter,
        ActorRole.Officer when filter.Department is null || filter.Department == actor.Department => filter with { Department = actor.Department },
        _ => null,
    };
}
