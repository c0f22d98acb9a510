using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Tests;

public sealed class PersonalDataMaskerTests
{
    [Theory]
    [InlineData("Email me at jane.smith+dv@example.co.uk please", "Email me at [removed] please")]
    [InlineData("Call 07700 900123 after 6", "Call [removed] after 6")]
    [InlineData("my number is +44 7700 900 123.", "my number is [removed].")]
    [InlineData("Ring (01202) 123456 any time", "Ring [removed] any time")]
    [InlineData("I live near BH1 1AA and it is noisy", "I live near [removed] and it is noisy")]
    [InlineData("postcode bh151aa", "postcode [removed]")]
    [InlineData("Hello, my name is Jane Smith and I want help", "Hello, my name is [removed] and I want help")]
    [InlineData("I am called Sam.", "I am called [removed].")]
    [InlineData("I'm Priya, I was helped a lot", "I'm [removed], I was helped a lot")]
    public void Likely_personal_data_is_replaced_with_removed(string text, string expected) =>
        Assert.Equal(expected, PersonalDataMasker.Mask(text));

    [Theory]
    [InlineData("The police came quickly and the refuge was kind.")]
    [InlineData("I'm worried about going out at night")]
    [InlineData("It took 3 weeks to hear back, in 2023")]
    [InlineData("")]
    public void Ordinary_answers_are_left_as_they_are(string text) =>
        Assert.Equal(text, PersonalDataMasker.Mask(text));

    [Fact]
    public void Several_details_in_one_answer_are_all_removed()
    {
        var masked = PersonalDataMasker.Mask("My name is Alex. Write to alex@example.com or call 01202 654321, I live at BH23 1AA.");
        Assert.Equal("My name is [removed]. Write to [removed] or call [removed], I live at [removed].", masked);
    }
}
