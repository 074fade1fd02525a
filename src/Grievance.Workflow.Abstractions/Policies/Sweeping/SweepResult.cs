namespace Grievance.Workflow.Sweeping;

/// <summary>What one sweep did.</summary>
/// <param name="Examined">Due items found.</param>
/// <param name="Escalated">Grievances moved up a level on a breach.</param>
/// <param name="FlaggedOverdue">Grievances flagged as defaulters.</param>
/// <param name="ClosedNoFeedback">Grievances closed because the feedback window passed.</param>
/// <param name="FeedbackWindowsRearmed">Feedback windows the policy re-armed instead of closing.</param>
/// <param name="Skipped">Items another sweeper or command changed first (lost races and stale timers): nothing done.</param>
/// <param name="HasMore">Whether a kind filled its batch, so more may be due.</param>
public readonly record struct SweepResult(int Examined, int Escalated, int FlaggedOverdue, int ClosedNoFeedback, int FeedbackWindowsRearmed, int Skipped, bool HasMore);
