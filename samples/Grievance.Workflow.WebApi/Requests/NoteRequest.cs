namespace Grievance.Workflow.WebApi.Requests;

/// <summary>Adds a note; an internal one never reaches the complainant.</summary>
internal sealed record NoteRequest(string Text, bool IsInternal);
