using FluentAssertions;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow.Tests.Model;

public sealed class SecureRandomBufferTests
{
    [Fact]
    public void Guids_are_version_7_with_the_RFC_variant_distinct_across_buffer_refills_and_ordered_by_their_millisecond()
    {
        var start = new DateTimeOffset(2026, 11, 30, 1, 2, 3, 456, TimeSpan.Zero);
        var guids = Enumerable.Range(0, 1000).Select(i => SecureRandomBuffer.NewVersion7Guid(start.AddMilliseconds(i / 10))).ToList();

        guids.Should().OnlyHaveUniqueItems();
        guids.Should().OnlyContain(g => g.ToString()[14] == '7', "the version nibble is 7");
        guids.Should().OnlyContain(g => "89ab".Contains(g.ToString()[19]), "the variant bits are 10xx");
        guids[0].ToString("N")[..12].Should().Be(start.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture), "the text starts with the millisecond, big-endian");
        guids.Select(g => g.ToString("N")[..12]).Should().BeInAscendingOrder(StringComparer.Ordinal);
        guids.Chunk(10).Select(c => c[0].ToString("N")).Should().BeInAscendingOrder(StringComparer.Ordinal, "ids of later milliseconds sort after earlier ones, in text as in the stores' indexes");
    }

    [Fact]
    public void A_new_grievance_id_is_version_7_and_sorts_after_one_made_a_millisecond_earlier()
    {
        var first = GrievanceId.New();
        Thread.Sleep(2);
        var second = GrievanceId.New();

        first.Value.ToString()[14].Should().Be('7');
        string.CompareOrdinal(first.ToString(), second.ToString()).Should().BeNegative();
    }

    [Fact]
    public void Consecutive_fills_never_repeat_bytes_from_the_buffer()
    {
        var seen = new HashSet<string>();
        var bytes = new byte[13];
        for (var i = 0; i < 2000; i++)
        {
            SecureRandomBuffer.Fill(bytes);
            seen.Add(Convert.ToHexString(bytes)).Should().BeTrue();
        }
    }
}
