using System;

namespace Grievance.Workflow.Intake;

/// <summary>A question to the intake policy.</summary>
/// <remarks>Immutable and thread-safe. The default value is not a valid request.</remarks>
public readonly struct IntakeRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="registration">The registration command.</param>
    /// <param name="now">The engine's current time.</param>
    /// <exception cref="ArgumentNullException"><paramref name="registration"/> is <see langword="null"/>.</exception>
    public IntakeRequest(RegisterGrievance registration, DateTimeOffset now)
    {
        Registration = registration ?? throw new ArgumentNullException(nameof(registration));
        Now = now;
    }

    /// <summary>Gets the registration command.</summary>
    public RegisterGrievance Registration { get; }

    /// <summary>Gets the engine's current time.</summary>
    public DateTimeOffset Now { get; }
}
