using System;
using System.Diagnostics.CodeAnalysis;

namespace Grievance.Workflow;

/// <summary>
/// The result of a <c>Try…</c> call: either the <see cref="CommandResult"/> of an accepted command or the typed error that
/// the throwing call would have raised. Input that is invalid in itself (null, empty, too long) still throws.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly struct WorkflowResult
{
    private readonly CommandResult? _value;
    private readonly GrievanceWorkflowException? _error;

    private WorkflowResult(CommandResult? value, GrievanceWorkflowException? error)
    {
        _value = value;
        _error = error;
    }

    /// <summary>Gets whether the command was accepted.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => _value is not null;

    /// <summary>Gets the result, or <see langword="null"/> when the command was refused.</summary>
    public CommandResult? Value => _value;

    /// <summary>Gets the error, or <see langword="null"/> when the command was accepted.</summary>
    /// <exception cref="InvalidOperationException">This is the default value of the struct, which holds neither.</exception>
    public GrievanceWorkflowException? Error => _value is null ? _error ?? throw new InvalidOperationException("This WorkflowResult is the default value: it holds neither a result nor an error.") : null;

    /// <summary>Makes a successful result.</summary>
    /// <param name="value">The command's result.</param>
    /// <returns>The result.</returns>
    public static WorkflowResult Success(CommandResult value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>Makes a failed result.</summary>
    /// <param name="error">The typed error.</param>
    /// <returns>The result.</returns>
    public static WorkflowResult Failure(GrievanceWorkflowException error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Gets the result when the command was accepted.</summary>
    /// <param name="value">The result, when accepted.</param>
    /// <returns><see langword="true"/> when the command was accepted.</returns>
    public bool TryGetValue([NotNullWhen(true)] out CommandResult? value)
    {
        value = _value;
        return value is not null;
    }

    /// <summary>Returns the result, or throws the error.</summary>
    /// <returns>The result.</returns>
    /// <exception cref="GrievanceWorkflowException">The command was refused; the exception is the typed error.</exception>
    public CommandResult GetValueOrThrow() => _value ?? throw Error!;
}
