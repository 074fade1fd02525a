namespace Grievance.Workflow.Demo.Simulation;

// The simulation's vocabulary: what a step does, what a complaint's story is, and one complaint's state.
public static partial class HelplineSimulator
{
    private enum StepKind
    {
        Arrive,
        Route,
        OfficerActs,
        ReviewDefaulter,
        Clarify,
        FeedbackCall,
        MarkDuplicate,
        Withdraw,
        Appeal,
        DecideAppeal,
    }

    private enum Plan
    {
        Normal,
        Reject,
        Transfer,
        Clarify,
        Extend,
        Withdraw,
        Duplicate,
    }

    private sealed record Step(Case Case, StepKind Kind);

    /// <summary>One complaint's story: its own random generator, what it holds for it, and where it stands.</summary>
    private sealed class Case(int index, int seed)
    {
        public int Index { get; } = index;

        public Random Random { get; } = new(seed);

        public string ComplainantId => $"citizen-{RepeatOf?.Index ?? Index}";

        /// <summary>Gets or sets the earlier complaint this one is the same complainant calling about again (intake mode), or <see langword="null"/>.</summary>
        public Case? RepeatOf { get; set; }

        /// <summary>Gets or sets the category and district the complaint was filed under (a repeat call files the same).</summary>
        public (string Category, string District)? Filed { get; set; }

        /// <summary>Gets or sets the grievance triage confirms this one duplicates, or <see langword="null"/> for the simulator's own pick.</summary>
        public ReferenceNumber? Original { get; set; }

        public GrievanceId Id { get; set; }

        public ReferenceNumber? Reference { get; set; }

        public Plan Plan { get; set; }

        public int Dissatisfied { get; set; }

        public GrievanceSnapshot? Last { get; set; }

        /// <summary>Gets or sets whether its complainant appealed against its closure (appeals mode).</summary>
        public bool Appealed { get; set; }
    }
}
