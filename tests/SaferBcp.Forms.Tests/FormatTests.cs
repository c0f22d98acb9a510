using SaferBcp.Forms.Services;

namespace SaferBcp.Forms.Tests;

public sealed class FormatTests
{
    [Theory]
    [InlineData("BH1 1AA", "BH1 1AA")]
    [InlineData("bh11aa", "BH1 1AA")]
    [InlineData("  bh1   1aa ", "BH1 1AA")]
    [InlineData("BH23 1AB", "BH23 1AB")]
    [InlineData("SW1A 2AA", "SW1A 2AA")]
    [InlineData("EC1A1BB", "EC1A 1BB")]
    [InlineData("W1A 0AX", "W1A 0AX")]
    [InlineData("M1 1AE", "M1 1AE")]
    [InlineData("gir 0aa", "GIR 0AA")]
    public void A_full_UK_postcode_is_accepted_and_written_with_one_space_in_capitals(string typed, string expected) =>
        Assert.Equal(expected, UkPostcode.Normalise(typed));

    [Theory]
    [InlineData("BH1")]
    [InlineData("BH1 1")]
    [InlineData("12345")]
    [InlineData("BH1 1CA")]
    [InlineData("QH1 1AA")]
    [InlineData("BH1 1AA X")]
    [InlineData("not a postcode")]
    [InlineData("")]
    public void A_part_postcode_or_anything_else_is_refused(string typed) => Assert.Null(UkPostcode.Normalise(typed));

    [Theory]
    [InlineData("01202 123456")]
    [InlineData("(01202) 123456")]
    [InlineData("+44 7700 900123")]
    [InlineData("+44 (0)7700 900123")]
    [InlineData("0044 7700 900123")]
    [InlineData("07700900123")]
    [InlineData("07700-900-123")]
    [InlineData("0300 123 4567")]
    public void UK_phone_numbers_as_people_write_them_are_accepted(string typed) => Assert.True(UkPhoneNumber.IsValid(typed));

    [Theory]
    [InlineData("07700 9OO123")]
    [InlineData("call me")]
    [InlineData("0770090")]
    [InlineData("077009001234567")]
    [InlineData("7700900123")]
    [InlineData("+33 1 23 45 67 89")]
    [InlineData("+44 0")]
    public void Letters_short_long_and_foreign_numbers_are_refused(string typed) => Assert.False(UkPhoneNumber.IsValid(typed));

    [Fact]
    public void A_phone_number_keeps_its_digits_with_spacing_tidied() =>
        Assert.Equal("01202 123456", UkPhoneNumber.Normalise("  01202   123456 "));
}
