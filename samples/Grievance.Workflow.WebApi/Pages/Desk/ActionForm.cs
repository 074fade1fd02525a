using System.Globalization;

namespace Grievance.Workflow.WebApi.Pages.Desk;

/// <summary>
/// One form for every action a desk user takes on a grievance: which fields an action asks for, their labels, and the library
/// command the filled form makes. The command's own checks (lengths, required text) are the validation; their messages are shown
/// beside the field they name.
/// </summary>
internal sealed class ActionForm
{
    public GrievanceAction Action { get; set; }

    /// <summary>The version the form was made from; the command's expected version, so a stale form is refused.</summary>
    public long Version { get; set; }

    public string? Text { get; set; }

    public string? Department { get; set; }

    public string? ReasonCode { get; set; }

    public string? Original { get; set; }

    public bool IsInternal { get; set; }

    public int? Rating { get; set; }

    public int? Level { get; set; }

    /// <summary>The new due date, as the date input sends it (the desk's local day; due at its end).</summary>
    public DateOnly? NewDueDate { get; set; }

    /// <summary>The fields an action's form has.</summary>
    [Flags]
    public enum Fields
    {
        None = 0,
        Text = 1,
        Department = 2,
        ReasonCode = 4,
        Original = 8,
        Internal = 16,
        Rating = 32,
        Level = 64,
        NewDueDate = 128,
        TextOptional = 256,
    }

    /// <summary>The actions a page offers (the system's own — registration, breaches, expiries — are not a person's).</summary>
    public static bool IsOffered(GrievanceAction action) => FieldsOf(action) != Fields.None;

    public static Fields FieldsOf(GrievanceAction action) => action switch
    {
        GrievanceAction.ReportAction or GrievanceAction.RequestClarification or GrievanceAction.ProvideClarification or GrievanceAction.Escalate
            or GrievanceAction.ReopenByComplainant or GrievanceAction.RejectSpecialClosure or GrievanceAction.Appeal or GrievanceAction.UpholdClosure => Fields.Text,
        GrievanceAction.RecordSatisfied or GrievanceAction.RecordDissatisfied => Fields.Rating | Fields.TextOptional,
        GrievanceAction.RecordUnreachable or GrievanceAction.Withdraw or GrievanceAction.AcceptSpecialClosure => Fields.TextOptional,
        GrievanceAction.Transfer => Fields.Department | Fields.Text,
        GrievanceAction.Route => Fields.Department,
        GrievanceAction.Reject => Fields.ReasonCode | Fields.TextOptional,
        GrievanceAction.ProposeSpecialClosure => Fields.ReasonCode | Fields.Text,
        GrievanceAction.MarkDuplicate => Fields.Original | Fields.TextOptional,
        GrievanceAction.AddNote => Fields.Text | Fields.Internal,
        GrievanceAction.ExtendDeadline => Fields.NewDueDate | Fields.Text,
        GrievanceAction.AllowAppeal => Fields.Level | Fields.Text,
        _ => Fields.None,
    };

    /// <summary>The label of an action's text field.</summary>
    public static string TextLabel(GrievanceAction action) => action switch
    {
        GrievanceAction.ReportAction => DeskText.T("Report (aakhya)"),
        GrievanceAction.RequestClarification => "Question for the complainant",
        GrievanceAction.ProvideClarification => "Answer",
        GrievanceAction.AddNote => "Note",
        GrievanceAction.RecordSatisfied or GrievanceAction.RecordDissatisfied => "What the complainant said",
        _ => "Reason or remarks",
    };

    /// <summary>The label of an action's button.</summary>
    public static string ButtonLabel(GrievanceAction action) => action switch
    {
        GrievanceAction.ReportAction => "Report action taken",
        GrievanceAction.RecordSatisfied => "Record satisfied",
        GrievanceAction.RecordDissatisfied => "Record dissatisfied",
        GrievanceAction.RecordUnreachable => "Record not reachable",
        GrievanceAction.MarkDuplicate => "Close as duplicate",
        GrievanceAction.ExtendDeadline => "Give interim reply with new date",
        GrievanceAction.ReopenByComplainant => "Reopen",
        _ => DeskView.Words(action),
    };

    /// <summary>The library command the form makes; a value the command refuses throws <see cref="ArgumentException"/>.</summary>
    public GrievanceCommand ToCommand(GrievanceId id, Actor actor, TimeZoneInfo zone)
    {
        var text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim();
        string Required(string? value, string name) => value ?? throw Missing(name);
        GrievanceCommand command = Action switch
        {
            GrievanceAction.ReportAction => new ReportAction(id, actor, Required(text, nameof(Text))),
            GrievanceAction.RecordSatisfied => new RecordFeedback(id, actor, FeedbackResponse.Satisfied, text, Rating),
            GrievanceAction.RecordDissatisfied => new RecordFeedback(id, actor, FeedbackResponse.Dissatisfied, text, Rating),
            GrievanceAction.RecordUnreachable => new RecordFeedback(id, actor, FeedbackResponse.NotReachable, text),
            GrievanceAction.Transfer => new TransferGrievance(id, actor, new DepartmentId(Required(Department, nameof(Department))), Required(text, nameof(Text))),
            GrievanceAction.Route => new RouteGrievance(id, actor, new DepartmentId(Required(Department, nameof(Department)))),
            GrievanceAction.Reject => new RejectGrievance(id, actor, Required(ReasonCode, nameof(ReasonCode)), text),
            GrievanceAction.Withdraw => new WithdrawGrievance(id, actor, text),
            GrievanceAction.MarkDuplicate => new MarkDuplicate(id, actor, new ReferenceNumber(Required(Original?.Trim(), nameof(Original))), text),
            GrievanceAction.AddNote => new AddNote(id, actor, Required(text, nameof(Text))) { IsInternal = IsInternal },
            GrievanceAction.RequestClarification => new RequestClarification(id, actor, Required(text, nameof(Text))),
            GrievanceAction.ProvideClarification => new ProvideClarification(id, actor, Required(text, nameof(Text))),
            GrievanceAction.ExtendDeadline => new ExtendDeadline(id, actor, EndOf(NewDueDate ?? throw Missing(nameof(NewDueDate)), zone), Required(text, nameof(Text))),
            GrievanceAction.Escalate => new EscalateGrievance(id, actor, Required(text, nameof(Text))),
            GrievanceAction.ReopenByComplainant => new ReopenGrievance(id, actor, Required(text, nameof(Text))),
            GrievanceAction.ProposeSpecialClosure => new ProposeSpecialClosure(id, actor, Required(ReasonCode, nameof(ReasonCode)), Required(text, nameof(Text))),
            GrievanceAction.AcceptSpecialClosure => new AcceptSpecialClosure(id, actor, text),
            GrievanceAction.RejectSpecialClosure => new RejectSpecialClosure(id, actor, Required(text, nameof(Text))),
            GrievanceAction.Appeal => new AppealGrievance(id, actor, Required(text, nameof(Text))),
            GrievanceAction.UpholdClosure => new UpholdClosure(id, actor, Required(text, nameof(Text))),
            GrievanceAction.AllowAppeal => new AllowAppeal(id, actor, Level ?? throw Missing(nameof(Level)), Required(text, nameof(Text))),
            _ => throw Missing(nameof(Action)),
        };
        return command with { ExpectedVersion = Version };
    }

    /// <summary>The form field a command's refused argument belongs to.</summary>
    public static string FieldOf(string? parameter) => parameter?.ToLowerInvariant() switch
    {
        "department" or "todepartment" => nameof(Department),
        "reasoncode" => nameof(ReasonCode),
        "original" => nameof(Original),
        "level" => nameof(Level),
        "newduedate" or "newdueat" => nameof(NewDueDate),
        "rating" => nameof(Rating),
        _ => nameof(Text),
    };

    private static ArgumentException Missing(string field) => new(field == nameof(Action) ? "Choose an action this page offers." : DeskText.T("This field is required."), field);

    private static DateTimeOffset EndOf(DateOnly day, TimeZoneInfo zone)
    {
        var end = day.ToDateTime(new TimeOnly(23, 59));
        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }

    /// <summary>The form's fields as text, for a test's or a log's eyes (no complainant data: the form has none).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Action} at version {Version}");
}
