using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Grievance.Workflow.Engine;

/// <summary>
/// A stable fingerprint of a whole command — action, grievance, actor and every payload field — stored beside its command id, so
/// that a command id used again for anything else is told apart from a retry of the same command (the semantics of payment
/// APIs' idempotency keys).
/// </summary>
/// <remarks>
/// The first 128 bits of a SHA-256 over a length-prefixed, versioned encoding of the fields, as 32 lower-case hex digits: the same
/// command gives the same fingerprint in every process, on every platform and in every later version of this library. The
/// expected version is left out: it is a precondition of the attempt, not part of what the command asks, so a retry that read the
/// grievance again is still the same command. Thread-safe.
/// </remarks>
internal static class CommandFingerprint
{
    private const string Format = "grievance-command/1";

    /// <summary>The fingerprint of a command on an existing grievance.</summary>
    public static string Of(GrievanceCommand command)
    {
        var w = new Writer(command.Action, command.GrievanceId, command.Actor);
        switch (command)
        {
            case RouteGrievance c:
                w.Add(c.Department.Value).Add(c.Officer?.Value);
                break;
            case ReportAction c:
                w.Add(c.Report);
                break;
            case RecordFeedback c:
                w.Add((int)c.Response).Add(c.Reason).Add(c.Rating ?? 0);
                break;
            case TransferGrievance c:
                w.Add(c.ToDepartment.Value).Add(c.Reason);
                break;
            case RejectGrievance c:
                w.Add(c.ReasonCode).Add(c.Remarks);
                break;
            case WithdrawGrievance c:
                w.Add(c.Reason);
                break;
            case MarkDuplicate c:
                w.Add(c.Original.Value).Add(c.Remarks);
                break;
            case AddNote c:
                w.Add(c.Text).Add(c.IsInternal ? 1 : 0);
                break;
            case RequestClarification c:
                w.Add(c.Question);
                break;
            case ProvideClarification c:
                w.Add(c.Answer);
                break;
            case ExtendDeadline c:
                w.Add(c.NewDueAt.UtcTicks).Add(c.Reason);
                break;
            case EscalateGrievance c:
                w.Add(c.Reason);
                break;
            case HandleDueWork c:
                w.Add((int)c.Kind).Add(c.TimerToken);
                break;
            default:
                throw new ArgumentException($"The command {command.GetType().Name} has no fingerprint: the set of commands is closed.", nameof(command));
        }

        return w.Finish();
    }

    /// <summary>The fingerprint of a registration: the grievance id it asks for (if any), the actor and everything it registers.</summary>
    public static string Of(RegisterGrievance command)
    {
        var contact = command.Complainant.Contact;
        return new Writer(GrievanceAction.Register, command.GrievanceId, command.Actor)
            .Add(command.Channel.Code)
            .Add(command.Category.Code).Add(command.Category.SubCategory)
            .Add(command.Location.District).Add(command.Location.Tehsil).Add(command.Location.Ward)
            .Add(command.Complainant.Id)
            .Add(contact is null ? 0 : 1).Add(contact?.Name).Add(contact?.Phone).Add(contact?.Email).Add(contact?.Address)
            .Add(command.Description)
            .Finish();
    }

    private sealed class Writer
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(256);

        public Writer(GrievanceAction action, GrievanceId? grievance, Actor actor)
        {
            Add(Format).Add((int)action).Add(grievance?.Value.ToString("N"));
            Add((int)actor.Role).Add(actor.Id).Add(actor.Department?.Value).Add(actor.Level ?? 0);
        }

        public Writer Add(string? value)
        {
            if (value is null)
            {
                return Add(-1L);
            }

            var count = Encoding.UTF8.GetByteCount(value);
            Add((long)count);
            _buffer.Advance(Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count)));
            return this;
        }

        public Writer Add(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(sizeof(long)), value);
            _buffer.Advance(sizeof(long));
            return this;
        }

        public string Finish()
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(_buffer.WrittenSpan, hash);
            return Convert.ToHexString(hash[..16]).ToLowerInvariant();
        }
    }
}
