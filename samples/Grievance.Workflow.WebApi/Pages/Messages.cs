namespace Grievance.Workflow.WebApi.Pages;

/// <summary>What a page says when the workflow refuses a form.</summary>
internal static class Messages
{
    public static string Of(GrievanceWorkflowException error) => error switch
    {
        GrievanceConcurrencyException stale =>
            $"This grievance changed while you had it open (your form was for version {stale.ExpectedVersion}; it is now at version {stale.ActualVersion}). Nothing was saved: review the latest and try again.",
        _ => error.Message,
    };
}
