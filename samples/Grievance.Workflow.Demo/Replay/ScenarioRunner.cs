using Grievance.Workflow.Bulk;
using System.Globalization;
using System.Text.Json;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Intake;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Sweeping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grievance.Workflow.Demo.Replay;

/// <summary>
/// Replays a scenario on an in-memory workflow, the clock set to each command's time, and returns every grievance's final state
/// and history. A command the workflow refuses stops the replay with the command's line and the workflow's reason.
/// </summary>
public static class ScenarioRunner
{
    private static readonly string[] Actions =
        ["register", "route", "report", "feedback", "transfer", "reject", "withdraw", "duplicate", "note", "request-clarification", "provide-clarification", "extend", "escalate", "reopen", "propose-special-closure", "accept-special-closure", "reject-special-closure", "appeal", "uphold-closure", "allow-appeal", "bulk-reject", "sweep"];

    /// <summary>Replays a scenario.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="cancellationToken">Cancels the replay.</param>
    /// <returns>Each grievance, in the order they were registered, with its final state and history.</returns>
    /// <exception cref="ScenarioException">A command is malformed or refused.</exception>
    public static async Task<IReadOnlyList<ReplayedGrievance>> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var clock = new FakeTimeProvider(scenario.Start);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        services.AddGrievanceWorkflow(o =>
        {
            o.Levels = scenario.Levels;
            if (scenario.ReopenWindowDays is { } days)
            {
                (o.Reopen.Enabled, o.Reopen.Window) = (true, TimeSpan.FromDays(days));
            }

            o.SpecialClosure.Enabled = scenario.SpecialClosure;
            foreach (var (department, ladder) in scenario.Departments ?? new Dictionary<string, ScenarioLadder>())
            {
                o.Departments[department] = new DepartmentLadderOptions
                {
                    Levels = ladder.Levels,
                    SlaDays = ladder.SlaDays,
                    OnBreach = ladder.EscalateOnBreach is { } escalate ? (escalate ? BreachAction.EscalateToNextLevel : BreachAction.FlagDefaulter) : null,
                };
            }
            if (scenario.AppealWindowDays is { } appealDays)
            {
                (o.Appeals.Enabled, o.Appeals.Window) = (true, TimeSpan.FromDays(appealDays));
            }
            if (scenario.Intake is { } intake)
            {
                (o.Intake.Enabled, o.Intake.MaxPerDay, o.Intake.MaxPerCategoryPerDay) = (true, intake.MaxPerDay, intake.MaxPerCategoryPerDay);
                (o.Intake.AtLimit, o.Intake.DuplicateWindow) = (intake.Flag ? IntakeLimitAction.Flag : IntakeLimitAction.Refuse, TimeSpan.FromDays(intake.DuplicateWindowDays));
            }

            o.Calendar.TimeZoneId = "Asia/Kolkata";
            foreach (var route in scenario.Routes)
            {
                o.Routing.CategoryDepartments[route.Category] = route.Department;
                for (var level = 1; level <= route.Officers.Count; level++)
                {
                    o.Routing.Officers.Add(new OfficerAssignment { Department = route.Department, District = route.District, Level = level, Officer = route.Officers[level - 1] });
                }
            }
        }).UseInMemoryStore(); // a replay checks a scenario; nothing is kept
        await using var provider = services.BuildServiceProvider();
        var workflow = provider.GetRequiredService<IGrievanceWorkflow>();
        var aliases = new Dictionary<string, (GrievanceId Id, ReferenceNumber Reference)>(StringComparer.Ordinal);
        var now = scenario.Start;
        foreach (var command in scenario.Commands)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = new Step(scenario.File, command);
            var at = ScenarioReader.Time(scenario.File, command.Line, command.Json, "at", now) ?? step.Fail("\"at\" is required: an ISO 8601 time or a step such as \"+2d\".");
            if (at < now)
            {
                step.Fail($"\"at\" {at:O} is before the previous command's {now:O}; commands must be in time order.");
            }

            clock.SetUtcNow(now = at);
            var action = step.Text("do");
            if (!Actions.Contains(action))
            {
                step.Fail($"\"do\": '{action}' is not an action; use {string.Join(", ", Actions)}.");
            }

            if (action == "sweep")
            {
                SweepResult sweep;
                do
                {
                    sweep = await provider.GetRequiredService<IGrievanceSweeper>().SweepAsync(now, 1_000, cancellationToken);
                }
                while (sweep.HasMore);
                continue;
            }

            if (action == "bulk-reject")
            {
                // One administrator's rejection of many grievances: each its own command, the batch's id derived per grievance.
                var names = step.Names("grievances");
                var ids = names.Select(n => aliases.TryGetValue(n, out var known) ? known.Id : step.Fail<GrievanceId>($"grievance '{n}' is not registered yet.")).ToList();
                var (admin, reason, remarks) = (step.Actor(), step.Text("reason"), step.Optional("text"));
                var bulk = await provider.GetRequiredService<IGrievanceBulkActions>().ApplyAsync(
                    new BulkRequest(step.Text("batch"), ids, id => new RejectGrievance(id, admin, reason, remarks)), cancellationToken: cancellationToken);
                foreach (var (item, name) in bulk.Items.Zip(names))
                {
                    if (item.Outcome == BulkItemOutcome.Refused)
                    {
                        step.Fail($"'bulk-reject' on grievance '{name}' was refused: {item.Result.Error!.Message}");
                    }
                }

                continue;
            }

            var alias = step.Text("grievance");
            var actor = step.Actor();
            WorkflowResult result;
            if (action == "register")
            {
                if (aliases.ContainsKey(alias))
                {
                    step.Fail($"grievance '{alias}' is already registered; give each new grievance its own name.");
                }

                result = await workflow.TryRegisterAsync(
                    new RegisterGrievance(actor, new Channel(step.Text("channel")), new GrievanceCategory(step.Text("category")), new GrievanceLocation(step.Text("district")),
                        new Complainant(step.Text("complainant")), step.Text("text")),
                    cancellationToken);
                if (result.TryGetValue(out var registered))
                {
                    aliases[alias] = (registered.Grievance.Id, registered.Grievance.ReferenceNumber);
                }
            }
            else
            {
                var id = aliases.TryGetValue(alias, out var known) ? known.Id : step.Fail<GrievanceId>($"grievance '{alias}' is not registered yet; register it first (\"do\": \"register\").");
                result = await workflow.TryExecuteAsync(step.Command(action, id, actor, aliases), cancellationToken);
            }

            // A command the file expects refused ("expect": "refused") must be refused, and the replay goes on; any other must succeed.
            var expectRefusal = step.Optional("expect") switch
            {
                null => false,
                "refused" => true,
                var other => step.Fail<bool>($"\"expect\": '{other}' must be \"refused\" (or left out: the command must succeed)."),
            };
            if (result.Succeeded == expectRefusal)
            {
                step.Fail(expectRefusal ? $"'{action}' on grievance '{alias}' was expected to be refused, but it was taken." : $"'{action}' on grievance '{alias}' was refused: {result.Error!.Message}");
            }
        }

        var replayed = new List<ReplayedGrievance>();
        foreach (var (alias, (id, _)) in aliases)
        {
            replayed.Add(ReplayedGrievance.From(alias, await workflow.GetAsync(id, cancellationToken), await workflow.GetHistoryAsync(id, cancellationToken), scenario.Start.Offset));
        }

        return replayed;
    }

    /// <summary>One command being read: its fields, with errors that name its line.</summary>
    private readonly struct Step(string file, ScenarioCommand command)
    {
        public string Text(string property) => ScenarioReader.Text(file, command.Line, command.Json, property, required: true)!;

        public string? Optional(string property) => ScenarioReader.Text(file, command.Line, command.Json, property, required: false);

        public IReadOnlyList<string> Names(string property)
            => command.Json.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
                ? list.EnumerateArray().Select(n => n.GetString() ?? string.Empty).ToList()
                : Fail<IReadOnlyList<string>>($"\"{property}\" must list the grievances by name.");

        public DateTimeOffset Fail(string problem) => throw new ScenarioException(file, command.Line, $"commands[{command.Index}]: {problem}");

        public T Fail<T>(string problem) => throw new ScenarioException(file, command.Line, $"commands[{command.Index}]: {problem}");

        // "agent:ID", "officer:ID@DEPARTMENT/L1", "complainant:ID", "admin:ID" or "system".
        public Actor Actor()
        {
            var text = Text("by");
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var (kind, id) = colon < 0 ? (text, string.Empty) : (text[..colon], text[(colon + 1)..]);
            try
            {
                switch (kind)
                {
                    case "system":
                        return Workflow.Actor.System;
                    case "agent":
                        return Workflow.Actor.HelplineAgent(id);
                    case "complainant":
                        return Workflow.Actor.Complainant(id);
                    case "admin":
                        return Workflow.Actor.Administrator(id);
                    case "officer":
                        var at = id.IndexOf('@', StringComparison.Ordinal);
                        var slash = id.LastIndexOf('/');
                        if (at > 0 && slash > at && int.TryParse(id[(slash + 1)..].TrimStart('L', 'l'), NumberStyles.None, CultureInfo.InvariantCulture, out var level))
                        {
                            return Workflow.Actor.Officer(new OfficerId(id[..at]), new DepartmentId(id[(at + 1)..slash]), level);
                        }

                        break;
                }
            }
            catch (ArgumentException ex)
            {
                return Fail<Actor>($"\"by\": '{text}': {ex.Message}");
            }

            return Fail<Actor>($"\"by\": '{text}' is not an actor; write \"agent:ID\", \"officer:ID@DEPARTMENT/L1\", \"complainant:ID\", \"admin:ID\" or \"system\".");
        }

        public GrievanceCommand Command(string action, GrievanceId id, Actor actor, IReadOnlyDictionary<string, (GrievanceId Id, ReferenceNumber Reference)> aliases) => action switch
        {
            "route" => new RouteGrievance(id, actor, new DepartmentId(Text("department"))),
            "report" => new ReportAction(id, actor, Text("text")),
            "feedback" => Text("response") switch
            {
                "satisfied" => new RecordFeedback(id, actor, FeedbackResponse.Satisfied, Optional("text"), Rating()),
                "dissatisfied" => new RecordFeedback(id, actor, FeedbackResponse.Dissatisfied, Text("text"), Rating()),
                "unreachable" => new RecordFeedback(id, actor, FeedbackResponse.NotReachable),
                var other => Fail<GrievanceCommand>($"\"response\": '{other}' must be satisfied, dissatisfied or unreachable."),
            },
            "transfer" => new TransferGrievance(id, actor, new DepartmentId(Text("department")), Text("text")),
            "reject" => new RejectGrievance(id, actor, Text("reason"), Optional("text")),
            "withdraw" => new WithdrawGrievance(id, actor, Optional("text")),
            "duplicate" => new MarkDuplicate(id, actor, Original(aliases), Optional("text")),
            "note" => new AddNote(id, actor, Text("text")) { IsInternal = command.Json.TryGetProperty("internal", out var i) && i.ValueKind == JsonValueKind.True },
            "request-clarification" => new RequestClarification(id, actor, Text("text")),
            "provide-clarification" => new ProvideClarification(id, actor, Text("text")),
            "extend" => new ExtendDeadline(id, actor, ScenarioReader.Time(file, command.Line, command.Json, "until", null) ?? Fail("\"until\" is required: the new deadline."), Text("text")),
            "escalate" => new EscalateGrievance(id, actor, Text("text")),
            "reopen" => new ReopenGrievance(id, actor, Text("text")),
            "propose-special-closure" => new ProposeSpecialClosure(id, actor, Text("reason"), Text("text")),
            "accept-special-closure" => new AcceptSpecialClosure(id, actor, Optional("text")),
            "reject-special-closure" => new RejectSpecialClosure(id, actor, Text("text")),
            "appeal" => new AppealGrievance(id, actor, Text("text")),
            "uphold-closure" => new UpholdClosure(id, actor, Text("text")),
            "allow-appeal" => new AllowAppeal(id, actor, Level(), Text("text")),
            _ => Fail<GrievanceCommand>($"\"do\": '{action}' is not an action."),
        };

        private int Level() => command.Json.TryGetProperty("level", out var l) && l.TryGetInt32(out var level) && level is >= 1 and <= GrievanceLimits.MaxLevels
            ? level
            : Fail<int>($"\"level\" is required: the level of the ladder that acts again, from 1 to {GrievanceLimits.MaxLevels}.");

        private int? Rating() => command.Json.TryGetProperty("rating", out var r) ? (r.TryGetInt32(out var value) ? value : Fail<int>("\"rating\" must be a whole number.")) : null;

        private ReferenceNumber Original(IReadOnlyDictionary<string, (GrievanceId Id, ReferenceNumber Reference)> aliases)
        {
            var original = Text("original");
            return aliases.TryGetValue(original, out var known) ? known.Reference : Fail<ReferenceNumber>($"\"original\": grievance '{original}' is not registered.");
        }
    }
}
