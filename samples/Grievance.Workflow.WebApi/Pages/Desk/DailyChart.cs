using System.Globalization;
using System.Xml.Linq;

namespace Grievance.Workflow.WebApi.Pages.Desk;

/// <summary>
/// Registrations and disposals per day as an SVG bar chart drawn on the server: no chart library, no script, text and numbers
/// escaped by <see cref="XElement"/>. The page shows the same numbers as a table for screen readers.
/// </summary>
internal static class DailyChart
{
    private const int Width = 760, Height = 260, Left = 44, Right = 12, Top = 28, Bottom = 40;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static string Render(IReadOnlyList<DayCounts> days, string title)
    {
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => Math.Max(d.Received, d.Disposed)));
        var top = NiceCeiling(max);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = days.Count == 0 ? plotWidth : plotWidth / (double)days.Count;
        var bar = Math.Max(2, (slot - 6) / 2);

        var svg = new XElement(Svg + "svg",
            new XAttribute("viewBox", $"0 0 {Width} {Height}"),
            new XAttribute("class", "chart"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", "chart-title"),
            new XElement(Svg + "title", new XAttribute("id", "chart-title"), title));

        for (var i = 0; i <= 4; i++)
        {
            var value = top * i / 4;
            var y = Top + plotHeight - (plotHeight * i / 4.0);
            svg.Add(new XElement(Svg + "line", Attr("x1", Left), Attr("x2", Width - Right), Attr("y1", y), Attr("y2", y), new XAttribute("stroke", "#d6dbe3")));
            svg.Add(new XElement(Svg + "text", Attr("x", Left - 6), Attr("y", y + 4), new XAttribute("text-anchor", "end"), new XAttribute("font-size", "11"), value.ToString(CultureInfo.InvariantCulture)));
        }

        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var x = Left + (slot * i) + 3;
            svg.Add(Bar(x, day.Received, top, plotHeight, bar, "#0b5394", $"{day.Day:dd MMM}: {day.Received} registered"));
            svg.Add(Bar(x + bar, day.Disposed, top, plotHeight, bar, "#e69138", $"{day.Day:dd MMM}: {day.Disposed} disposed"));
            if (days.Count <= 16 || i % 2 == 0)
            {
                svg.Add(new XElement(Svg + "text", Attr("x", x + bar), Attr("y", Height - Bottom + 14), new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "10"),
                    day.Day.ToString("dd MMM", CultureInfo.InvariantCulture)));
            }
        }

        svg.Add(Legend(Left, 14, "#0b5394", "Registered"), Legend(Left + 110, 14, "#e69138", "Disposed"));
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Bar(double x, long value, long top, int plotHeight, double width, string color, string label)
    {
        var height = plotHeight * value / (double)top;
        return new XElement(Svg + "rect", Attr("x", x), Attr("y", Top + plotHeight - height), Attr("width", width), Attr("height", height), new XAttribute("fill", color),
            new XElement(Svg + "title", label));
    }

    private static XElement Legend(double x, double y, string color, string label) => new(Svg + "g",
        new XElement(Svg + "rect", Attr("x", x), Attr("y", y - 9), Attr("width", 10), Attr("height", 10), new XAttribute("fill", color)),
        new XElement(Svg + "text", Attr("x", x + 14), Attr("y", y), new XAttribute("font-size", "12"), label));

    private static XAttribute Attr(string name, double value) => new(name, Math.Round(value, 1).ToString(CultureInfo.InvariantCulture));

    private static long NiceCeiling(long max)
    {
        var step = (long)Math.Pow(10, Math.Floor(Math.Log10(max)));
        var top = (max + step - 1) / step * step;
        return top % 4 == 0 ? top : top + (4 - (top % 4));
    }

    /// <summary>One day's counts.</summary>
    internal readonly record struct DayCounts(DateOnly Day, long Received, long Disposed);
}
