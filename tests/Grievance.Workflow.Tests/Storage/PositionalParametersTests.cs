using CsCheck;
using FluentAssertions;
using Grievance.Workflow.PostgreSql;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>The PostgreSQL store's statements made positional once per text, so that Npgsql sends them as they are.</summary>
public sealed class PositionalParametersTests
{
    [Fact]
    public void Each_name_becomes_its_place_among_the_bound_names()
    {
        var positional = new PositionalParameters();

        positional.Of("INSERT INTO t (a, b, c) VALUES (@c, @a, @b)", ["a", "b", "c"])
            .Should().Be("INSERT INTO t (a, b, c) VALUES ($3, $1, $2)");
    }

    [Fact]
    public void A_name_used_twice_gets_its_place_twice()
    {
        new PositionalParameters().Of("SELECT 1 FROM t WHERE id = @id OR parent = @id AND v = @v::bigint", ["id", "v"])
            .Should().Be("SELECT 1 FROM t WHERE id = $1 OR parent = $1 AND v = $2::bigint");
    }

    [Fact]
    public void A_name_that_begins_another_is_not_read_in_it()
    {
        new PositionalParameters().Of("VALUES (@id, @id_card, @id)", ["id_card", "id"])
            .Should().Be("VALUES ($2, $1, $2)");
    }

    [Fact]
    public void A_name_not_bound_is_refused_with_the_name_and_the_statement()
    {
        var act = () => new PositionalParameters().Of("UPDATE t SET a = @a WHERE id = @identifier", ["a", "id"]);

        act.Should().Throw<ArgumentException>().WithMessage("*'@identifier'*2 bound*UPDATE t SET a = @a WHERE id = @identifier*");
    }

    [Fact]
    public void A_text_is_rewritten_once_and_its_rewriting_reused()
    {
        var positional = new PositionalParameters();
        var sql = "DELETE FROM t WHERE id = @id";

        var first = positional.Of(sql, ["id"]);
        var second = positional.Of(sql, ["id"]);

        second.Should().BeSameAs(first);
        positional.Count.Should().Be(1);
    }

    [Fact]
    public void Any_order_of_distinct_names_maps_each_placeholder_to_its_name_s_place()
    {
        var names = Gen.Int[0, 9_999].Select(n => "p" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)).HashSet[1, 30].Select(set => set.ToList());
        Gen.Select(names, Gen.Int[0, int.MaxValue]).Sample((bound, seed) =>
        {
            var random = new Random(seed);
            var used = bound.OrderBy(_ => random.Next()).ToList();
            var sql = "VALUES (" + string.Join(", ", used.Select(n => "@" + n)) + ")";

            var expected = "VALUES (" + string.Join(", ", used.Select(n => "$" + (bound.IndexOf(n) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
            new PositionalParameters().Of(sql, bound).Should().Be(expected);
        }, seed: "0N0XIzNsQ0O2");
    }
}
