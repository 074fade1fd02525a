using System;

namespace Grievance.Workflow.Import;

/// <summary>An import stopped at a record its checks refused (<see cref="ImportOptions.StopOnInvalidRecord"/>). The message names the record's position, reference number and the reason, never its text.</summary>
public sealed class ImportRecordException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="rejection">The refused record.</param>
    public ImportRecordException(ImportRejection rejection)
        : base($"Import record {rejection.Index} ({rejection.ReferenceNumber}) was refused: {rejection.Reason}")
        => Rejection = rejection;

    /// <summary>Gets the refused record.</summary>
    public ImportRejection Rejection { get; }
}
