using FluentAssertions;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow.Tests.Model;

public sealed class SecureRandomBufferTests
{
    [Fact]
    public void Guids_are_version_4_with_the_RFC_variant_and_distinct_across_buffer_refills()
    {
        var guids = Enumerable.Range(0, 1000).Select(_ => SecureRandomBuffer.NewGuid()).ToList();

        guids.Should().OnlyHaveUniqueItems();
        guids.Should().OnlyContain(g => g.ToString()[14] == '4', "the version nibble is 4");
        guids.Should().OnlyContain(g => "89ab".Contains(g.ToString()[19]), "the variant bits are 10xx");
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
