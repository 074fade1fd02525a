using System;

namespace Grievance.Workflow.Privacy;

/// <summary>What a retention run did.</summary>
/// <param name="ClosedBefore">The cut-off it used: grievances closed before it were anonymized.</param>
/// <param name="Anonymized">How many complainants it anonymized.</param>
/// <param name="EventsPruned">How many delivered events it deleted from the outbox.</param>
public readonly record struct RetentionResult(DateTimeOffset ClosedBefore, int Anonymized, int EventsPruned = 0);
