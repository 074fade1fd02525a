using Grievance.Workflow.WebApi.Authentication;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.WebApi.Pages;

/// <summary>What every page needs: the signed-in actor, the desk's time zone for dates, and the words in the request's language.</summary>
internal sealed class DeskView(IHttpContextAccessor http, IOptions<GrievanceWorkflowOptions> options, TimeProvider? time = null)
{
    /// <summary>The desk's time zone (<see cref="GrievanceWorkflowOptions.Calendar"/>): days and dates are the desk's local ones.</summary>
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.Calendar.TimeZoneId);

    /// <summary>The signed-in actor (the page cookie's claims), or <see langword="null"/>.</summary>
    public Actor? Actor => ActorClaims.From(http.HttpContext?.User);

    /// <summary>The present time.</summary>
    public DateTimeOffset Now => (time ?? TimeProvider.System).GetUtcNow();

    /// <summary>The text in the request's language.</summary>
    public static string T(string english) => DeskText.T(english);

    /// <summary>A time in the desk's time zone, or a dash.</summary>
    public string Time(DateTimeOffset? at) => at is { } value ? TimeZoneInfo.ConvertTime(value, Zone).ToString("dd MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "—";

    /// <summary>An enum value in words: <c>PendingWithOfficer</c> → "Pending with officer".</summary>
    public static string Words(Enum value)
    {
        var text = value.ToString();
        var words = new System.Text.StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            words.Append(i > 0 && char.IsUpper(text[i]) ? " " + char.ToLowerInvariant(text[i]) : text[i].ToString());
        }

        return words.ToString();
    }
}
