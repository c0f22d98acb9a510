using System.Text.RegularExpressions;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Referrals.Tests;

public sealed class ReferenceGeneratorTests
{
    [Fact]
    public void References_look_like_SB_four_characters_two_characters()
    {
        for (var i = 0; i < 500; i++)
        {
            var reference = ReferenceGenerator.Next();
            Assert.Matches(new Regex("^SB-[2-9A-Z]{4}-[2-9A-Z]{2}$"), reference);
            Assert.True(ReferenceGenerator.IsValid(reference), reference);
        }
    }

    [Fact]
    public void The_alphabet_has_no_characters_that_are_confused_over_the_phone()
    {
        foreach (var confusing in "01OIL")
        {
            Assert.DoesNotContain(confusing, ReferenceGenerator.Alphabet);
        }

        Assert.Equal(ReferenceGenerator.Alphabet.Length, ReferenceGenerator.Alphabet.Distinct().Count());
        Assert.Equal(31, ReferenceGenerator.Alphabet.Length);
    }

    [Fact]
    public void References_are_random_enough_not_to_repeat()
    {
        var seen = Enumerable.Range(0, 10_000).Select(_ => ReferenceGenerator.Next()).ToHashSet();
        Assert.True(seen.Count > 9_990);
    }

    [Theory]
    [InlineData("sb 7k4m q9", "SB-7K4M-Q9")]
    [InlineData("SB-7K4M-Q9", "SB-7K4M-Q9")]
    [InlineData("7k4mq9", "SB-7K4M-Q9")]
    public void What_an_officer_types_is_read_as_a_reference(string typed, string expected) =>
        Assert.Equal(expected, ReferenceGenerator.Normalize(typed));

    [Theory]
    [InlineData("SB-7K4M-Q0")]
    [InlineData("SB-7K4M-QI")]
    [InlineData("XX-7K4M-Q9")]
    [InlineData("SB-7K4MQ9")]
    public void Malformed_references_are_not_valid(string text) => Assert.False(ReferenceGenerator.IsValid(text));
}
