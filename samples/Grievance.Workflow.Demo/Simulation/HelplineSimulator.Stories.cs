namespace Grievance.Workflow.Demo.Simulation;

// The complaints' stories: arrival, the officers' steps, the feedback calls, the CM office's review and appeals.
public static partial class HelplineSimulator
{
    private sealed partial class Run
    {
        private async Task<(StepKind, TimeSpan)?> ArriveAsync(Case c, CancellationToken ct)
        {
            var r = c.Random;
            var channel = HelplineDesk.Pick(r, HelplineDesk.Channels, x => x.Share).Channel;
            var (_, category, _) = HelplineDesk.Pick(r, HelplineDesk.Departments, x => x.Share);
            var (district, _, _) = HelplineDesk.Pick(r, HelplineDesk.Districts, x => x.Share);
            (category, district) = c.RepeatOf?.Filed ?? (category, district); // calling again about the same thing
            c.Filed = (category, district);
            c.Plan = PickPlan(r, c.Index);
            var result = await _workflow.TryRegisterAsync(
                new RegisterGrievance(_agent, channel, new GrievanceCategory(category), new GrievanceLocation(district),
                    new Complainant(c.ComplainantId, new ContactDetails($"Complainant {c.Index}", $"+91-9{c.Index:D9}")), $"Simulated complaint {c.Index} about {category}."),
                ct);
            Interlocked.Increment(ref _commands);
            if (!result.TryGetValue(out var registered))
            {
                // Intake refused a caller past the day's limit for the category: nothing is stored, the story ends.
                Interlocked.Increment(ref result.Error is IntakeLimitExceededException ? ref _intakeRefused : ref _refused);
                return null;
            }

            if (registered.Grievance.LikelyDuplicates.Count > 0)
            {
                // Triage confirms what intake found: the newest earlier complaint is the original.
                Interlocked.Increment(ref _likelyDuplicates);
                (c.Plan, c.Original) = (Plan.Duplicate, registered.Grievance.LikelyDuplicates[0]);
            }

            Interlocked.Increment(ref _registered);
            c.Id = registered.Grievance.Id;
            c.Reference = registered.Grievance.ReferenceNumber;
            c.Last = registered.Grievance;
            if (registered.Grievance.Status == GrievanceStatus.Registered)
            {
                return (StepKind.Route, TimeSpan.FromHours(2 + r.Next(4)));
            }

            return c.Plan switch
            {
                Plan.Duplicate => (StepKind.MarkDuplicate, TimeSpan.FromHours(1 + r.Next(6))),
                Plan.Withdraw => (StepKind.Withdraw, Days(r, 1, 3)),
                _ => FirstOfficerStep(c, registered.Grievance),
            };
        }

        // The appellate authority upholds most closures; the others go back to L1 (or to triage, never having had a department).
        private async Task<(StepKind, TimeSpan)?> DecideAppealAsync(Case c, CancellationToken ct)
        {
            if (c.Random.NextDouble() < 0.6)
            {
                await ExecuteAsync(c, new UpholdClosure(c.Id, _appellate, "The disposal was proper; reasons on record."), ct);
                return null;
            }

            var g = await ExecuteAsync(c, new AllowAppeal(c.Id, _appellate, 1, "Not addressed: act again."), ct);
            return g.Status == GrievanceStatus.Registered ? (StepKind.Route, TimeSpan.FromHours(2)) : FirstOfficerStep(c, g);
        }

        // Most officers act within their time limit; some are late: the sweeper flags them defaulters, and the CM office reviews
        // the defaulter list the day after and escalates a share of them to L2 by hand.
        private (StepKind, TimeSpan) FirstOfficerStep(Case c, GrievanceSnapshot g)
        {
            var r = c.Random;
            var now = _clock.GetUtcNow();
            var due = g.DueAt ?? now.AddDays(7);
            var late = HelplineDesk.Performance.GetValueOrDefault(g.Department?.Value ?? string.Empty, (Late: 0.12, Dissatisfaction: 1.0)).Late * HelplineDesk.DistrictDiscipline.GetValueOrDefault(g.Location.District, 1.0);
            if (r.NextDouble() < late)
            {
                return r.NextDouble() < 0.4 ? (StepKind.ReviewDefaulter, due - now + TimeSpan.FromDays(1)) : (StepKind.OfficerActs, due - now + Days(r, 1, 5));
            }

            var limit = Math.Max((due - now).TotalHours * 0.9, 6);
            return (StepKind.OfficerActs, TimeSpan.FromHours(4 + (r.NextDouble() * (limit - 4))));
        }

        private async Task<(StepKind, TimeSpan)?> ReviewDefaulterAsync(Case c, CancellationToken ct)
        {
            var g = c.Last = await _workflow.GetAsync(c.Id, ct); // the sweeper's flag is news to the case
            if (g.Status == GrievanceStatus.PendingWithOfficer && g.IsOverdue && g.Level == 1)
            {
                await ExecuteAsync(c, new EscalateGrievance(c.Id, _cmOffice, "Defaulter list review: the L1 officer missed the time limit."), ct);
            }

            return (StepKind.OfficerActs, Days(c.Random, 1, 3));
        }

        private async Task<(StepKind, TimeSpan)?> OfficerActsAsync(Case c, CancellationToken ct)
        {
            var g = c.Last!;
            if (g.Status != GrievanceStatus.PendingWithOfficer)
            {
                return null; // closed meanwhile, or waiting for a clarification that will call the officer again
            }

            var r = c.Random;
            var officer = Actor.Officer(g.Officer!.Value, g.Department!.Value, g.Level);
            var plan = c.Plan;
            c.Plan = Plan.Normal;
            switch (plan)
            {
                case Plan.Reject:
                    await ExecuteAsync(c, new RejectGrievance(c.Id, officer, RejectionCodes[r.Next(RejectionCodes.Length)], "Not maintainable under the grievance rules."), ct);
                    return null;
                case Plan.Transfer when g.TransferCount == 0:
                    var others = HelplineDesk.RealDepartments.Where(d => d != g.Department!.Value.Value).ToArray();
                    await ExecuteAsync(c, new TransferGrievance(c.Id, officer, new DepartmentId(others[r.Next(others.Length)]), "Concerns another department."), ct);
                    return (StepKind.OfficerActs, Days(r, 1, 5));
                case Plan.Clarify:
                    await ExecuteAsync(c, new RequestClarification(c.Id, officer, "Please give the khasra number and the date of the application."), ct);
                    return (StepKind.Clarify, Days(r, 1, 3));
                case Plan.Extend when g.DueAt is { } due:
                    await ExecuteAsync(c, new ExtendDeadline(c.Id, officer, due.AddDays(5), "Interim reply: a site inspection is scheduled."), ct);
                    return (StepKind.OfficerActs, Days(r, 3, 6));
                default:
                    await ExecuteAsync(c, new ReportAction(c.Id, officer, $"Action taken at L{g.Level}; disposal report attached."), ct);
                    return (StepKind.FeedbackCall, TimeSpan.FromHours(4 + r.Next(44)));
            }
        }

        private async Task<(StepKind, TimeSpan)?> FeedbackCallAsync(Case c, CancellationToken ct)
        {
            var g = c.Last!;
            if (g.Status != GrievanceStatus.AwaitingFeedback)
            {
                return null;
            }

            var r = c.Random;
            if (r.NextDouble() < 0.10)
            {
                var after = await ExecuteAsync(c, new RecordFeedback(c.Id, _agent, FeedbackResponse.NotReachable), ct);
                return after.Status == GrievanceStatus.AwaitingFeedback ? (StepKind.FeedbackCall, TimeSpan.FromHours(20 + r.Next(8))) : null;
            }

            double[] dissatisfaction = [0.24, 0.42, 0.38, 0.38];
            var factor = HelplineDesk.Performance.GetValueOrDefault(g.Department?.Value ?? string.Empty, (Late: 0.12, Dissatisfaction: 1.0)).Dissatisfaction;
            if (r.NextDouble() >= dissatisfaction[Math.Min(c.Dissatisfied, dissatisfaction.Length - 1)] * factor)
            {
                await ExecuteAsync(c, new RecordFeedback(c.Id, _agent, FeedbackResponse.Satisfied, rating: 4 + r.Next(2)), ct);
                return null;
            }

            c.Dissatisfied++;
            var next = await ExecuteAsync(c, new RecordFeedback(c.Id, _agent, FeedbackResponse.Dissatisfied, "The problem is not solved.", rating: 1 + r.Next(2)), ct);
            return next.Status == GrievanceStatus.PendingWithOfficer ? (StepKind.OfficerActs, Days(r, 1, 5)) : null;
        }

        // The case keeps the snapshot its last command returned, so a step needs no read first. Only the due-work sweeper changes a
        // grievance behind the simulated people's backs: it flags defaulters (status, level and officer unchanged), and could close
        // one whose feedback window passed — then the refused command is re-read and let go.
    }
}
