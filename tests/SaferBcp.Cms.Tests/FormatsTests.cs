using MimeKit;
using SaferBcp.Cms.Formats;

namespace SaferBcp.Cms.Tests;

public sealed class FormatsTests
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
    [InlineData("BH1 AAA")]
    [InlineData("not a postcode")]
    [InlineData("")]
    public void A_part_postcode_or_anything_else_is_not_a_full_postcode(string typed) => Assert.Null(UkPostcode.Normalise(typed));

    [Theory]
    [InlineData("BH1", "BH1")]
    [InlineData("bh15", "BH15")]
    [InlineData("bh1 1aa", "BH1 1AA")]
    public void A_district_alone_is_accepted_only_where_asked_for(string typed, string expected)
    {
        Assert.True(UkPostcode.TryParse(typed, allowDistrict: true, out var postcode));
        Assert.Equal(expected, postcode.ToString());
        Assert.Equal(expected.Split(' ')[0], postcode.District);
        Assert.Equal(expected.Contains(' ', StringComparison.Ordinal), UkPostcode.IsValid(typed));
    }

    [Theory]
    [InlineData("01202 123456", "01202 123456")]
    [InlineData("(01202) 123456", "01202 123456")]
    [InlineData("+44 7700 900123", "07700 900123")]
    [InlineData("+44 (0)7700 900123", "07700 900123")]
    [InlineData("0044 7700 900123", "07700 900123")]
    [InlineData("07700900123", "07700 900123")]
    [InlineData("07700-900-123", "07700 900123")]
    [InlineData("0300 123 4567", "0300 123 4567")]
    [InlineData("0808 2000 247", "0808 200 0247")]
    [InlineData("0800 1111", "0800 1111")]
    [InlineData("020 7946 0000", "020 7946 0000")]
    public void UK_phone_numbers_as_people_write_them_are_accepted_and_shown_in_the_national_format(string typed, string display)
    {
        Assert.True(UkPhoneNumber.TryParse(typed, out var number));
        Assert.Equal(display, number.Display);
        Assert.Equal(display.Replace(" ", "", StringComparison.Ordinal), number.Digits);
    }

    [Theory]
    [InlineData("07700 9OO123")]
    [InlineData("call me")]
    [InlineData("0770090")]
    [InlineData("077009001234567")]
    [InlineData("7700900123")]
    [InlineData("+33 1 23 45 67 89")]
    [InlineData("+1 202 555 0100")]
    [InlineData("+44 0")]
    [InlineData("01202 12345")]
    [InlineData("0800 FLOWERS")]
    [InlineData("0808 2000 247 ext 5")]
    [InlineData("116 123")]
    [InlineData("999")]
    public void Letters_short_long_foreign_and_unallocated_numbers_and_short_codes_are_not_a_persons_number(string typed) =>
        Assert.False(UkPhoneNumber.IsValid(typed));

    [Theory]
    [InlineData("116 123", "116 123")]
    [InlineData("116123", "116 123")]
    [InlineData("101", "101")]
    [InlineData("85258", "85258")]
    public void Short_codes_are_accepted_where_a_caller_allows_them(string typed, string display)
    {
        Assert.True(UkPhoneNumber.TryParse(typed, allowShortCodes: true, out var number));
        Assert.True(number.IsShortCode);
        Assert.Equal(display, number.Display);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("0808 2000 24799")]
    public void Numbers_that_are_neither_full_nor_short_codes_are_refused_even_where_short_codes_are_allowed(string typed) =>
        Assert.False(UkPhoneNumber.IsValid(typed, allowShortCodes: true));

    [Fact]
    public void Mobiles_are_told_apart_from_landlines()
    {
        Assert.True(UkPhoneNumber.TryParse("07911 123456", out var mobile) && mobile.IsMobile);
        Assert.True(UkPhoneNumber.TryParse("01202 123456", out var landline) && !landline.IsMobile);
    }

    [Theory]
    [InlineData("name@example.com")]
    [InlineData("o'brien+referral@example.co.uk")]
    [InlineData("\"jo smith\"@example.org")]
    [InlineData("  name@example.org ")]
    [InlineData("josé@example.org")]
    public void Email_addresses_are_read_as_MimeKit_reads_them(string typed)
    {
        Assert.True(EmailAddress.TryParse(typed, out var address));
        Assert.True(address.IsInternetAddress);
        Assert.Equal(typed.Trim(), address.Value);
    }

    [Theory]
    [InlineData("jo(home@example.org")]
    [InlineData("jo..smith@example.org")]
    [InlineData(".jo@example.org")]
    [InlineData("jo;smith@example.org")]
    [InlineData("jo,smith@example.org")]
    [InlineData("jo\"smith@example.org")]
    [InlineData("jo<smith@example.org")]
    [InlineData("Jo <jo@example.org>")]
    [InlineData("jo@example.org.")]
    [InlineData("a@b@c.com")]
    [InlineData("not an email")]
    [InlineData("")]
    public void Anything_but_one_bare_address_is_refused(string typed) => Assert.False(EmailAddress.TryParse(typed, out _));

    [Theory]
    [InlineData("name@localhost")]
    [InlineData("name@[192.168.0.1]")]
    public void An_address_without_an_internet_domain_is_read_but_not_valid_for_people_or_teams(string typed)
    {
        Assert.True(EmailAddress.TryParse(typed, out var address));
        Assert.False(address.IsInternetAddress);
        Assert.False(EmailAddress.IsValid(typed));
    }

    /// <summary>The promise the forms rely on: whatever passes here, the outbox (MimeKit) accepts and can address a message to.</summary>
    [Theory]
    [InlineData("name@example.com")]
    [InlineData("o'brien+referral@example.co.uk")]
    [InlineData("\"jo smith\"@example.org")]
    [InlineData("josé@bücher.example")]
    public void Every_valid_address_is_one_the_outbox_accepts(string typed)
    {
        Assert.True(EmailAddress.TryParse(typed, out var address));
        Assert.True(MailboxAddress.TryParse(address.Value, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal));
        var message = new MimeMessage();
        message.To.Add(MailboxAddress.Parse(mailbox.Address));
        Assert.Equal(address.Value, message.To.Mailboxes.Single().Address);
    }
}
