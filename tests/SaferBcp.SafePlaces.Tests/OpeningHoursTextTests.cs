using SaferBcp.SafePlaces.Models;
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

    [Fact]
    public void Special_hours_read_a_date_a_line_with_its_times_or_closed()
    {
        Assert.True(SpecialHoursText.TryParse("31/12/2026: 18:00-03:00\n24/12/2026 09:00-12:00, 13:00-14:00\n2026-12-26 closed", out var days, out _));
        Assert.Equal([new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 26), new DateOnly(2026, 12, 31)], days.Select(d => d.Date));
        Assert.Equal(2, days[0].Ranges.Count);
        Assert.Empty(days[1].Ranges);
        Assert.True(days[2].Ranges.Single().Overnight);
        Assert.Equal("24/12/2026 09:00-12:00, 13:00-14:00\n26/12/2026 closed\n31/12/2026 18:00-03:00", SpecialHoursText.Format(days));
    }

    [Theory]
    [InlineData("Christmas Eve 09:00-14:00", "\u2018Christmas Eve 09:00-14:00\u2019 does not start with a date")]
    [InlineData("24/12/2026", "24/12/2026: add that day's times, or closed")]
    [InlineData("24/12/2026 9am-2pm", "24/12/2026: Enter Thursday times like")]
    [InlineData("24/12/2026 09:00-14:00\n24/12/2026 15:00-16:00", "24/12/2026 is listed twice")]
    public void Special_hours_that_cannot_be_read_say_which_line_and_why(string text, string messageStart)
    {
        Assert.False(SpecialHoursText.TryParse(text, out var days, out var error));
        Assert.Empty(days);
        Assert.StartsWith(messageStart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_cannot_be_both_closed_and_have_special_hours()
    {
        var part = new SafePlacePart { ClosedDates = "25/12/2026", SpecialHours = "25/12/2026 10:00-12:00" };
        part.Hours.Monday = "09:00-17:00";
        var problems = SafePlaceRules.Check("A shop", part, new DateOnly(2026, 11, 27));
        Assert.Contains(problems, p => p.Field == "SafePlacePart.SpecialHours" && p.Message.StartsWith("25/12/2026 is also a date it is closed", StringComparison.Ordinal));
    }
}
