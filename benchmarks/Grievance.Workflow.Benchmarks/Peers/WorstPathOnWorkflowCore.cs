using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Grievance.Workflow.Benchmarks.Peers;

/// <summary>
/// The seed's worst path written for WorkflowCore as its documentation teaches: a loop of "wait for the disposal report, wait for
/// the feedback call, apply the feedback" until closed — reopen at L1 once, then escalate to L2, close at the final level or when
/// satisfied — with a history list in the workflow's data. Each wait's event key is the instance id and round, so a round's events
/// can be published before the workflow reaches it (WorkflowCore delivers an event published before the subscription).
/// </summary>
internal sealed class WorstPathOnWorkflowCore : IWorkflow<WorstPathOnWorkflowCore.Data>
{
    public const string Name = "grievance-worst-path";

    public string Id => Name;

    public int Version => 1;

    public static string Key(string workflowId, int round) => $"{workflowId}/{round}";

    public void Build(IWorkflowBuilder<Data> builder) => builder
        .StartWith(context => ((Data)context.Workflow.Data).Record("registered and routed to L1"))
        .While(data => !data.Closed).Do(round => round
            .WaitFor("report", (data, context) => Key(context.Workflow.Id, data.Round))
                .Output(data => data.Report, step => step.EventData)
            .WaitFor("feedback", (data, context) => Key(context.Workflow.Id, data.Round))
                .Output(data => data.Feedback, step => step.EventData)
            .Then(context => ((Data)context.Workflow.Data).ApplyFeedback()));

    /// <summary>The workflow's data: the grievance's level, reopens and history.</summary>
    internal sealed class Data
    {
        public int Level { get; set; } = 1;

        public int Reopens { get; set; }

        public int Round { get; set; } = 1;

        public bool Closed { get; set; }

        public object? Report { get; set; }

        public object? Feedback { get; set; }

        public List<string> History { get; } = new(8);

        public ExecutionResult Record(string what)
        {
            History.Add(what);
            return ExecutionResult.Next();
        }

        public ExecutionResult ApplyFeedback()
        {
            History.Add($"report at L{Level}: {Report}");
            if (Equals(Feedback, "satisfied"))
            {
                Closed = true;
                return Record("closed: resolved");
            }

            Round++;
            if (Level == 1 && Reopens < 1)
            {
                Reopens++;
                return Record("dissatisfied: reopened at L1");
            }

            if (Level < 2)
            {
                Level++;
                return Record("dissatisfied: escalated to L2");
            }

            Closed = true;
            return Record("dissatisfied: closed at the final level");
        }
    }
}
