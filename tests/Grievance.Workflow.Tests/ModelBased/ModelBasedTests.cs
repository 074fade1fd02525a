using CsCheck;
using FluentAssertions;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Sqlite;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Storage;
using Npgsql;
using Xunit.Abstractions;

namespace Grievance.Workflow.Tests.ModelBased;

/// <summary>
/// Random sequences of every kind of command — valid and invalid, by the right actor or any other, with reused command ids, stale
/// and current expected versions and clock moves — run on the in-memory, SQLite and (when GRIEVANCE_POSTGRES is set, as in CI)
/// PostgreSQL stores at once and checked after every step against <see cref="LifecycleModel"/>: the model's answer and error type;
/// version equal to the history's length with sequences 1..n; a refusal changes nothing (snapshot, history, outbox); closed stays
/// closed; every cap holds; an outcome set exactly when closed; history never goes back in time; and all stores agree.
/// </summary>
/// <remarks>
/// Sequences come from CsCheck generators driven by fixed seeds (sequence i uses seed i), so a failure names its seed and replays
/// exactly. CI runs <see cref="DefaultSequences"/> sequences; set GRIEVANCE_MODEL_SEQUENCES (and GRIEVANCE_MODEL_FIRST_SEED) to run
/// more locally.
/// </remarks>
public sealed class ModelBasedTests(ITestOutputHelper output)
{
    public const int DefaultSequences = 150;

    private static readonly DateTimeOffset Start = new(2026, 11, 2, 4, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Random_command_sequences_match_the_model_on_every_store()
    {
        var sequences = int.TryParse(Environment.GetEnvironmentVariable("GRIEVANCE_MODEL_SEQUENCES"), out var n) ? n : DefaultSequences;
        var firstSeed = ulong.TryParse(Environment.GetEnvironmentVariable("GRIEVANCE_MODEL_FIRST_SEED"), out var s) ? s : 1076UL;
        var stores = await OpenStoresAsync();
        var steps = 0;
        var seen = new Dictionary<string, int>();
        try
        {
            for (var i = 0UL; i < (ulong)sequences; i++)
            {
                var seed = firstSeed + i;
                var sequence = ModelStep.Sequence.Generate(new PCG(1076, seed), null, out _);
                try
                {
                    steps += await RunAsync(stores, sequence, seed, seen);
                }
                catch (Exception ex)
                {
                    throw new Xunit.Sdk.XunitException($"Sequence with seed {seed} failed: {ex.Message}\n{string.Join("\n", sequence.Select((st, k) => $"{k,3}: {st}"))}");
                }
            }
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }

        output.WriteLine($"{sequences} sequences, {steps} steps, on {string.Join(", ", stores.Select(st => st.Name))}");
        output.WriteLine(string.Join(Environment.NewLine, seen.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}")));
        seen.Keys.Should().Contain(
            ["applied", "replayed", nameof(CommandIdConflictException), nameof(GrievanceConcurrencyException), nameof(GrievanceAuthorizationException),
             nameof(GrievanceActionNotAllowedException), nameof(TransferLimitExceededException), nameof(ExtensionLimitExceededException),
             nameof(DeadlineExtensionOutOfRangeException)],
            "the sequences reach every answer, or they prove little");
        // Special closures are off with the default options the sequences run with; their own suite covers them.
        seen.Keys.Should().Contain(Enum.GetValues<GrievanceOutcome>().Where(o => o is not (GrievanceOutcome.None or GrievanceOutcome.SpecialClosed)).Select(o => $"outcome {o}"), "the sequences reach every outcome");
        seen.Keys.Should().Contain(["reopened at L1", "escalated to L2"]);
    }

    private static async Task<int> RunAsync(IReadOnlyList<StoreUnderTest> stores, ModelStep[] sequence, ulong seed, Dictionary<string, int> seen)
    {
        var model = new LifecycleModel();
        var ids = new[] { new GrievanceId(new Guid((int)seed, 1, 0, new byte[8])), new GrievanceId(new Guid((int)seed, 2, 0, new byte[8])) };
        var references = new ReferenceNumber[stores.Count][];
        for (var s = 0; s < stores.Count; s++)
        {
            references[s] = new ReferenceNumber[2];
            for (var t = 0; t < 2; t++)
            {
                var registered = await stores[s].Workflow.RegisterAsync(new RegisterGrievance(
                    LifecycleModel.Actors[0], Channel.Helpline1076, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"),
                    new Complainant("citizen-42"), "बिजली का बिल गलत आया है।") { GrievanceId = ids[t] });
                references[s][t] = registered.Grievance.ReferenceNumber;
            }
        }

        var closedOnce = new bool[2];
        foreach (var step in sequence)
        {
            var g = model.Grievances[step.Target];
            var actor = step.RightActor ? LifecycleModel.RightActorFor(step.Kind, g) : LifecycleModel.Actors[step.Actor];
            var answers = new List<string>();
            foreach (var store in stores)
            {
                store.Clock.Advance(TimeSpan.FromMinutes(step.ClockMinutes));
            }

            var transferTo = LifecycleModel.TransferTarget(step, g); // read before the model moves on
            Expectation? expected = null;
            for (var s = 0; s < stores.Count; s++)
            {
                var store = stores[s];
                var before = await store.TraceAsync(ids[step.Target]);
                var (command, payload) = Build(step, transferTo, seed, actor, ids[step.Target], before.Grievance, references[s][1 - step.Target], store.Clock.GetUtcNow());
                expected ??= model.Apply(step, actor, payload);

                var result = await store.Workflow.TryExecuteAsync(command);
                var after = await store.TraceAsync(ids[step.Target]);

                var actual = result.Succeeded
                    ? new Expectation(result.Value!.IsReplay ? "replayed" : "applied", result.Value.Entry.Sequence, null)
                    : new Expectation(result.Error!.GetType().Name, null, (result.Error as CommandIdConflictException)?.Differences);
                actual.Should().Be(expected, $"{store.Name} answers {step} by {actor} as the model does ({(result.Succeeded ? "ok" : result.Error!.Message)})");
                CheckInvariants(store.Name, before, after, expected.Kind == "applied", model.Grievances[step.Target]);
                answers.Add(Project(after.Grievance));
            }

            answers.Distinct().Should().ContainSingle($"every store agrees after {step}");
            Count(seen, expected!.Kind);
            var moved = model.Grievances[step.Target];
            if (expected.Kind == "applied" && moved.Outcome != GrievanceOutcome.None && moved.Status == GrievanceStatus.Closed && !closedOnce[step.Target])
            {
                Count(seen, $"outcome {moved.Outcome}");
            }

            if (expected.Kind == "applied" && step.Kind == StepKind.Dissatisfied && moved.Status == GrievanceStatus.PendingWithOfficer)
            {
                Count(seen, moved.Level == 1 ? "reopened at L1" : "escalated to L2");
            }
            for (var t = 0; t < 2; t++)
            {
                closedOnce[t] |= model.Grievances[t].Status == GrievanceStatus.Closed;
                (model.Grievances[t].Status == GrievanceStatus.Closed).Should().Be(closedOnce[t], "closed stays closed");
            }
        }

        return sequence.Length;
    }

    private static void Count(Dictionary<string, int> seen, string key) => seen[key] = seen.GetValueOrDefault(key) + 1;

    private static void CheckInvariants(
        string store, (GrievanceSnapshot Grievance, IReadOnlyList<HistoryEntry> History, int Events) before,
        (GrievanceSnapshot Grievance, IReadOnlyList<HistoryEntry> History, int Events) after, bool applied, ModelGrievance model)
    {
        var g = after.Grievance;
        g.Version.Should().Be(after.History.Count, $"{store}: version equals the history's length");
        after.History.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, after.History.Count).Select(i => (long)i), $"{store}: sequences are 1..n");
        after.History.Select(e => e.OccurredAt).Should().BeInAscendingOrder($"{store}: history never goes back in time");
        if (applied)
        {
            g.Version.Should().Be(before.Grievance.Version + 1);
            after.Events.Should().BeGreaterThan(before.Events, $"{store}: an applied command records its events");
        }
        else
        {
            g.Should().Be(before.Grievance, $"{store}: a refusal or replay changes nothing");
            after.History.Should().Equal(before.History);
            after.Events.Should().Be(before.Events, $"{store}: a refusal or replay records no event");
        }

        (g.Status == GrievanceStatus.Closed).Should().Be(g.Outcome != GrievanceOutcome.None, $"{store}: an outcome is set exactly when closed");
        (g.Status, g.Outcome, g.Level, g.Department?.Value, g.TransferCount, g.ExtensionCount, g.UnreachableAttempts, g.Version)
            .Should().Be((model.Status, model.Outcome, model.Level, model.Department, model.Transfers, model.Extensions, model.Unreachable, model.Version), $"{store} matches the model");
        g.TransferCount.Should().BeLessThanOrEqualTo(LifecycleModel.MaxTransfers);
        g.ExtensionCount.Should().BeLessThanOrEqualTo(LifecycleModel.MaxExtensions);
        g.UnreachableAttempts.Should().BeLessThanOrEqualTo(LifecycleModel.MaxUnreachable);
        g.Level.Should().BeInRange(1, LifecycleModel.Levels);
        g.ReopenCounts.At(1).Should().BeLessThanOrEqualTo(1);
        g.ReopenCounts.At(2).Should().Be(0);
    }

    private static (GrievanceCommand Command, string Payload) Build(ModelStep step, string transferTo, ulong seed, Actor actor, GrievanceId id, GrievanceSnapshot current, ReferenceNumber other, DateTimeOffset now)
    {
        var text = step.Text switch { 0 => "मीटर बदला गया।", 1 => "Visited the site; meter replaced.", _ => "tab\tand\nnewline" };
        var dueOrNow = current.DueAt is { } due && due > now ? due : now;
        var (command, payload) = step.Kind switch
        {
            StepKind.Report => ((GrievanceCommand)new ReportAction(id, actor, text), text),
            StepKind.Satisfied => (new RecordFeedback(id, actor, FeedbackResponse.Satisfied, rating: 1 + step.Text), $"{step.Text}"),
            StepKind.Dissatisfied => (new RecordFeedback(id, actor, FeedbackResponse.Dissatisfied, text), text),
            StepKind.Unreachable => (new RecordFeedback(id, actor, FeedbackResponse.NotReachable), string.Empty),
            StepKind.Transfer => (new TransferGrievance(id, actor, new DepartmentId(transferTo), text), transferTo + text),
            StepKind.Reject => (new RejectGrievance(id, actor, "not-maintainable", text), text),
            StepKind.Withdraw => (new WithdrawGrievance(id, actor, text), text),
            StepKind.Note => (new AddNote(id, actor, text) { IsInternal = step.Flag && actor.Role != ActorRole.Complainant }, text + (step.Flag && actor.Role != ActorRole.Complainant)),
            StepKind.RequestClarification => (new RequestClarification(id, actor, text), text),
            StepKind.ProvideClarification => (new ProvideClarification(id, actor, text), text),
            StepKind.ExtendWithinRange => (new ExtendDeadline(id, actor, dueOrNow.AddHours(1), text), $"{dueOrNow.AddHours(1).UtcTicks}{text}"),
            StepKind.ExtendForever => (new ExtendDeadline(id, actor, DateTimeOffset.MaxValue, text), $"max{text}"),
            StepKind.ExtendBackwards => (new ExtendDeadline(id, actor, now.AddDays(-1), text), $"{now.AddDays(-1).UtcTicks}{text}"),
            StepKind.Escalate => (new EscalateGrievance(id, actor, text), text),
            StepKind.MarkDuplicateOfOther => (new MarkDuplicate(id, actor, other, text), $"dup{text}"),
            StepKind.StaleSweep => (new HandleDueWork(id, actor, GrievanceAction.SlaBreach, current.TimerToken + 1000), $"{current.TimerToken + 1000}"),
            _ => (new RouteGrievance(id, actor, new DepartmentId("uppcl")), "uppcl"),
        };

        command = command with
        {
            CommandId = step.CommandId is { } c ? new CommandId($"seq-{seed}-cmd-{c}") : null, // ids are shared within a sequence only
            ExpectedVersion = step.Version switch
            {
                VersionChoice.Current => current.Version,
                VersionChoice.Stale => current.Version > 1 ? current.Version - 1 : current.Version + 1,
                _ => null,
            },
        };
        return (command, payload);
    }

    // What every store must agree on: everything but the reference numbers, which each store's generator draws at random.
    private static string Project(GrievanceSnapshot g) => (g with { ReferenceNumber = new ReferenceNumber("R"), DuplicateOf = g.DuplicateOf is null ? null : new ReferenceNumber("D") }).ToString();

    private static async Task<IReadOnlyList<StoreUnderTest>> OpenStoresAsync()
    {
        var sqlite = Path.Combine(Path.GetTempPath(), $"grievance-model-{Guid.NewGuid():N}.db");
        var stores = new List<StoreUnderTest>
        {
            new("in-memory", new InMemoryGrievanceStore(), Start, () => default),
            new("SQLite", new SqliteGrievanceStore($"Data Source={sqlite}"), Start, () =>
            {
                SqliteFile.Delete(sqlite);
                return default;
            }),
        };
        if (Environment.GetEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable) is { Length: > 0 } postgres)
        {
            var schema = $"model_{Guid.NewGuid():N}";
            await ExecuteAsync(postgres, $"CREATE SCHEMA {schema}");
            stores.Add(new("PostgreSQL", new PostgreSqlGrievanceStore(new NpgsqlConnectionStringBuilder(postgres) { SearchPath = schema }.ConnectionString), Start,
                async () => await ExecuteAsync(postgres, $"DROP SCHEMA IF EXISTS {schema} CASCADE")));
        }

        return stores;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
