using System;

namespace Grievance.Workflow.Authorization;

/// <summary>The authorization policy's answer.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct AuthorizationDecision
{
    private AuthorizationDecision(bool isAllowed, string? reason)
    {
        IsAllowed = isAllowed;
        Reason = reason;
    }

    /// <summary>Gets whether the action is allowed.</summary>
    public bool IsAllowed { get; }

    /// <summary>Gets why it was refused, or <see langword="null"/> when allowed.</summary>
    public string? Reason { get; }

    /// <summary>Gets the decision that allows the action.</summary>
    public static AuthorizationDecision Allow { get; } = new(true, null);

    /// <summary>Refuses the action.</summary>
    /// <param name="reason">Why, without personal data; not blank.</param>
    /// <returns>The decision.</returns>
    public static AuthorizationDecision Deny(string reason)
        => new(false, string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("A reason is required.", nameof(reason)) : reason);
}
