using System;

namespace Grievance.Workflow.Intake;

/// <summary>An intake policy's answer: take the registration (flagged or not, with its likely duplicates) or refuse it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class IntakeDecision
{
    private IntakeDecision(IntakeLimit? refusedBy, string? flag, ReferenceNumberList likelyDuplicates)
        => (RefusedBy, Flag, LikelyDuplicates) = (refusedBy, flag, likelyDuplicates);

    /// <summary>Gets the decision to take a registration, flagging nothing and finding no likely duplicates.</summary>
    public static IntakeDecision Accept { get; } = new(null, null, ReferenceNumberList.Empty);

    /// <summary>Gets the limit that refuses the registration, or <see langword="null"/> when it is taken.</summary>
    public IntakeLimit? RefusedBy { get; }

    /// <summary>Gets the reason code the grievance is flagged with for triage, or <see langword="null"/>.</summary>
    public string? Flag { get; }

    /// <summary>Gets the earlier grievances the registration likely duplicates, newest first, for triage to confirm.</summary>
    public ReferenceNumberList LikelyDuplicates { get; }

    /// <summary>Takes the registration, recording its likely duplicates (none is closed automatically).</summary>
    /// <param name="likelyDuplicates">The earlier grievances it likely duplicates, newest first.</param>
    /// <returns>The decision.</returns>
    public static IntakeDecision Take(ReferenceNumberList likelyDuplicates) => likelyDuplicates.Count == 0 ? Accept : new(null, null, likelyDuplicates);

    /// <summary>Takes the registration but flags it for triage.</summary>
    /// <param name="flag">The flag's reason code, for example a limit's <see cref="IntakeLimit.Code"/>; at most <see cref="GrievanceLimits.MaxIdentifierLength"/> characters.</param>
    /// <param name="likelyDuplicates">The earlier grievances it likely duplicates, newest first.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException"><paramref name="flag"/> is blank, too long or holds a control character.</exception>
    public static IntakeDecision TakeFlagged(string flag, ReferenceNumberList likelyDuplicates)
        => new(null, Internal.Guard.Identifier(flag, nameof(flag)), likelyDuplicates);

    /// <summary>Refuses the registration: the engine answers with <see cref="IntakeLimitExceededException"/> naming the limit.</summary>
    /// <param name="limit">The limit reached.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="limit"/> is <see langword="null"/>.</exception>
    public static IntakeDecision Refuse(IntakeLimit limit) => new(limit ?? throw new ArgumentNullException(nameof(limit)), null, ReferenceNumberList.Empty);
}
