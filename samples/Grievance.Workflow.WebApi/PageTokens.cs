using System.Buffers.Text;
using System.Text.Json;
using Grievance.Workflow.Queries;

namespace Grievance.Workflow.WebApi;

/// <summary>The opaque page tokens of keyset-paged lists: the library's <see cref="GrievancePageCursor"/> as base64url JSON.</summary>
internal static class PageTokens
{
    /// <summary>Reads a token this API gave; <see langword="false"/> for anything else.</summary>
    public static bool TryRead(string token, out GrievancePageCursor? cursor)
    {
        try
        {
            cursor = JsonSerializer.Deserialize<GrievancePageCursor>(Base64Url.DecodeFromChars(token));
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            cursor = null;
            return false;
        }
    }

    /// <summary>The next page's token, or <see langword="null"/> when a page shorter than <paramref name="size"/> was the last.</summary>
    public static string? Next(IReadOnlyList<GrievanceSnapshot> items, int size, GrievanceFilter filter)
        => items.Count == size ? Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(GrievancePageCursor.After(items[^1], filter))) : null;
}
