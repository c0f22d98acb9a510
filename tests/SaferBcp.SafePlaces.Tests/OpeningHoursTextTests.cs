using SaferBcp.SafePlaces.Services;

namespace SaferBcp.SafePlaces.Tests;

public class OpeningHoursTextTests
{
    [Theory]
    [InlineData("09:00-17:30", "09:00-17:30")]
    [InlineData("9:00 - 17:30", "09:00-17:30")]
    [InlineData("09.00\u201317.30", "09:00-17:30")]
    [InlineData("09:00-12:00, 13:00-17:00", "09:00-12:00, 13:00-17:00")]
    [InlineData("22:00-02:00", "22:00-02:00")]
    [InlineData("00:00-24:00", "00:00-24:00")]
    [InlineData("24 hours", "00:00-24:00")]
    [InlineData("", "")]
    [InlineData("Closed", "")]
    public void Reads_the_times_staff_type(string text, string expected)
    {
        Assert.True(OpeningHoursText.TryParse(DayOfWeek.Monday, text, out var ranges, out var error), error);
        Assert.Equal(expected, OpeningHoursText.Format(ranges));
    }

    [Theory]
    [InlineData("9am-5pm", "Enter Monday times like 09:00-17:30")]
    [InlineData("09:00-25:00", "Enter Monday times between 00:00 and 24:00")]
    [InlineData("09:00-09:00", "Monday: the opening and closing times are the same")]
    [InlineData("09:00-13:00, 12:00-17:00", "Monday: the times overlap")]
    [InlineData("22:00-02:00, 23:00-23:30", "Monday: the times overlap")]
    public void Says_plainly_what_is_wrong(string text, string messageStart)
    {
        Assert.False(OpeningHoursText.TryParse(DayOfWeek.Monday, text, out _, out var error));
        Assert.StartsWith(messageStart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Closed_dates_read_both_date_styles_and_reject_anything_else()
    {
        Assert.True(ClosedDatesText.TryParse("2026-12-25\n26/12/2026", out var dates, out _));
        Assert.Equal([new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 26)], dates);
        Assert.False(ClosedDatesText.TryParse("Christmas Day", out _, out var error));
        Assert.Contains("is not a date", error, StringComparison.Ordinal);
    }
}
