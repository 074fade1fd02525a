using System;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Internal;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Registration;

/// <summary>
/// The default reference numbers: <c>PREFIX-yyMMdd-XXXXXXXX</c>, the registration date (UTC) and eight random Crockford base-32
/// characters (40 bits), for example <c>GRV-261128-7K3M9QXA</c>. Easy to read out on a phone call: no I, L, O or U.
/// </summary>
/// <remarks>
/// The randomness is cryptographically strong, so numbers cannot be guessed from one another. Collisions are very unlikely (about one in a trillion a pair on the same day) and are caught by the store's unique key, after
/// which the engine asks for another number. Thread-safe.
/// </remarks>
public sealed class RandomReferenceNumberGenerator : IReferenceNumberGenerator
{
    private readonly string _prefix;

    /// <summary>Creates the generator.</summary>
    /// <param name="options">The workflow options; <see cref="GrievanceWorkflowOptions.ReferenceNumberPrefix"/> is used.</param>
    public RandomReferenceNumberGenerator(IOptions<GrievanceWorkflowOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _prefix = options.Value.ReferenceNumberPrefix;
    }

    /// <inheritdoc />
    public ValueTask<ReferenceNumber> NextAsync(GrievanceId grievanceId, RegisterGrievance command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Span<byte> random = stackalloc byte[5];
        SecureRandomBuffer.Fill(random);
        ulong bits = 0;
        foreach (var b in random)
        {
            bits = (bits << 8) | b;
        }

        return new(ReferenceNumberFormat.Create(_prefix, now, bits));
    }
}
