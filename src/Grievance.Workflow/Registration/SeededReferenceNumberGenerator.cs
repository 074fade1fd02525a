using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Registration;

/// <summary>
/// Reference numbers that are the same on every run with one seed: the default's format (<c>PREFIX-yyMMdd-XXXXXXXX</c>), the
/// eight characters drawn from a hash of the seed and the registration (complainant, channel, description and time), whatever
/// order registrations arrive in. For simulations, demos and tests whose output is diffed between runs.
/// </summary>
/// <remarks>
/// <para>Not for production: anyone who knows the seed and a registration can work out its number, which the tracking page treats
/// as a secret. Use <see cref="RandomReferenceNumberGenerator"/> (the default) there.</para>
/// <para>When the engine asks again for the same registration (the store reported a collision), the next number in that
/// registration's own sequence is given, so a retry still terminates and stays reproducible; for that the generator keeps a small
/// counter per registration it has numbered. Thread-safe.</para>
/// </remarks>
public sealed class SeededReferenceNumberGenerator : IReferenceNumberGenerator
{
    private readonly int _seed;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<ulong, int> _issued = new();

    /// <summary>Creates the generator.</summary>
    /// <param name="seed">The seed: the same seed and registrations give the same numbers.</param>
    /// <param name="prefix">The numbers' prefix, 1 to 16 ASCII letters or digits, as <see cref="GrievanceWorkflowOptions.ReferenceNumberPrefix"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> is empty, longer than 16 characters, or not ASCII letters and digits.</exception>
    public SeededReferenceNumberGenerator(int seed, string prefix = "GRV")
    {
        if (!ReferenceNumberFormat.IsValidPrefix(prefix))
        {
            throw new ArgumentException($"A reference number prefix is 1 to 16 ASCII letters or digits; got '{prefix}'.", nameof(prefix));
        }

        _seed = seed;
        _prefix = prefix;
    }

    /// <inheritdoc />
    public ValueTask<ReferenceNumber> NextAsync(GrievanceId grievanceId, RegisterGrievance command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var registration = Hash($"{_seed}\u001f{command.Complainant.Id}\u001f{command.Channel.Code}\u001f{now.UtcTicks}\u001f{command.Description}");
        var attempt = _issued.AddOrUpdate(registration, 0, (_, n) => n + 1);
        return new(ReferenceNumberFormat.Create(_prefix, now, attempt == 0 ? registration : Hash($"{registration}\u001f{attempt}")));
    }

    private static ulong Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }
}
