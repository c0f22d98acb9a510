using SaferBcp.SafePlaces.Models;
using SaferBcp.SafePlaces.Services;

namespace SaferBcp.SafePlaces.Tests;

public class OpeningHoursCalculatorTests
{
    // 27 November 2026 is a Friday; the UK is on GMT (UTC+0) then. 29 March and 25 October 2026 are the last Sundays.
    private static OpeningHours Hours(string? closed = null, params (DayOfWeek Day, string Text)[] days) => Hours(closed, "", days);

    private static OpeningHours Hours(string? closed, string special, params (DayOfWeek Day, string Text)[] days)
    {
        var part = new SafePlacePart { ClosedDates = closed ?? "", SpecialHours = special };
        foreach (var (day, text) in days)
        {
            part.Hours[day] = text;
        }

        return OpeningHours.From(part);
    }

    private static OpeningHours Weekdays9To1730 => Hours(null,
        (DayOfWeek.Monday, "09:00-17:30"), (DayOfWeek.Tuesday, "09:00-17:30"), (DayOfWeek.Wednesday, "09:00-17:30"),
        (DayOfWeek.Thursday, "09:00-17:30"), (DayOfWeek.Friday, "09:00-17:30"));

    private static OpeningStatus At(OpeningHours hours, string utc) => OpeningHoursCalculator.StatusAt(hours, DateTimeOffset.Parse(utc + "Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Open_one_minute_before_closing_and_closed_at_the_closing_minute()
    {
        Assert.Equal(new OpeningStatus(true, "Open now \u2014 closes 17:30"), At(Weekdays9To1730, "2026-11-27T17:29:00"));
        Assert.Equal(new OpeningStatus(false, "Closed \u2014 opens Monday 09:00"), At(Weekdays9To1730, "2026-11-27T17:30:00"));
    }

    [Fact]
    public void Opens_at_the_opening_minute_and_says_when_it_opens_later_today_or_tomorrow()
    {
        Assert.Equal(new OpeningStatus(false, "Closed \u2014 opens at 09:00"), At(Weekdays9To1730, "2026-11-26T08:59:00"));
        Assert.True(At(Weekdays9To1730, "2026-11-26T09:00:00").IsOpen);
        Assert.Equal("Closed \u2014 opens tomorrow 09:00", At(Weekdays9To1730, "2026-11-26T18:00:00").Text);
    }

    [Fact]
    public void Several_ranges_in_a_day_close_for_lunch()
    {
        var hours = Hours(null, (DayOfWeek.Friday, "09:00-12:00, 13:00-17:00"));
        Assert.Equal("Open now \u2014 closes 12:00", At(hours, "2026-11-27T11:00:00").Text);
        Assert.Equal("Closed \u2014 opens at 13:00", At(hours, "2026-11-27T12:30:00").Text);
        Assert.Equal("Closed \u2014 opens Friday 4 December 09:00", At(hours, "2026-11-27T17:00:00").Text);
    }

    [Fact]
    public void A_friday_night_opening_until_two_is_open_at_half_past_one_on_saturday()
    {
        var hours = Hours(null, (DayOfWeek.Friday, "22:00-02:00"));
        Assert.Equal("Open now \u2014 closes 02:00", At(hours, "2026-11-28T01:30:00").Text);
        Assert.Equal("Open now \u2014 closes 02:00 tomorrow", At(hours, "2026-11-27T23:00:00").Text);
        Assert.False(At(hours, "2026-11-28T02:00:00").IsOpen);
        Assert.False(At(hours, "2026-11-27T21:59:00").IsOpen);
    }

    [Fact]
    public void Open_all_day_every_day_says_open_24_hours_and_until_midnight_says_midnight()
    {
        var always = Hours(null, WeekHours.WeekdaysFromMonday.Select(d => (d, "00:00-24:00")).ToArray());
        Assert.Equal("Open now \u2014 open 24 hours", At(always, "2026-11-27T03:00:00").Text);
        var lateFriday = Hours(null, (DayOfWeek.Friday, "18:00-24:00"));
        Assert.Equal("Open now \u2014 closes midnight", At(lateFriday, "2026-11-27T20:00:00").Text);
    }

    [Fact]
    public void A_closed_date_overrides_the_weekly_hours_but_not_an_opening_running_on_from_the_night_before()
    {
        var hours = Hours("2026-11-27\n28/11/2026", (DayOfWeek.Thursday, "22:00-02:00"), (DayOfWeek.Friday, "09:00-17:30"), (DayOfWeek.Monday, "09:00-17:30"));
        Assert.Equal(new OpeningStatus(false, "Closed \u2014 opens Monday 09:00"), At(hours, "2026-11-27T12:00:00"));
        Assert.True(At(hours, "2026-11-27T01:00:00").IsOpen);
    }

    [Fact]
    public void Special_hours_replace_that_days_usual_hours_and_only_that_days()
    {
        // Christmas Eve 2026 is a Thursday: open 09:00-14:00 instead of 09:00-17:30; the Thursday before keeps its hours.
        var hours = Hours(null, "24/12/2026 09:00-14:00", (DayOfWeek.Thursday, "09:00-17:30"), (DayOfWeek.Friday, "09:00-17:30"));
        Assert.Equal(new OpeningStatus(true, "Open now \u2014 closes 14:00"), At(hours, "2026-12-24T13:00:00"));
        Assert.Equal(new OpeningStatus(false, "Closed \u2014 opens tomorrow 09:00"), At(hours, "2026-12-24T15:00:00"));
        Assert.False(OpeningHoursCalculator.IsOpenAt(hours, DateTimeOffset.Parse("2026-12-24T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("Open now \u2014 closes 17:30", At(hours, "2026-12-17T15:00:00").Text);
    }

    [Fact]
    public void Special_hours_can_open_a_usually_closed_day_past_midnight_or_close_a_usually_open_one()
    {
        // New Year's Eve 2026 is a Thursday, usually closed here; 1 January 2027 is a Friday, usually 09:00-17:30.
        var hours = Hours(null, "31/12/2026 18:00-03:00\n2027-01-01 closed", (DayOfWeek.Friday, "09:00-17:30"), (DayOfWeek.Monday, "09:00-17:30"));
        Assert.Equal(new OpeningStatus(true, "Open now \u2014 closes 03:00 tomorrow"), At(hours, "2026-12-31T20:00:00"));
        Assert.True(At(hours, "2027-01-01T02:30:00").IsOpen);
        Assert.Equal(new OpeningStatus(false, "Closed \u2014 opens Monday 09:00"), At(hours, "2027-01-01T12:00:00"));
        Assert.Equal(new OpeningStatus(false, "Closed \u2014 opens Thursday 18:00"), At(hours, "2026-12-28T18:00:00"));
    }

    [Fact]
    public void On_the_last_sunday_of_march_hours_follow_the_clocks_after_they_go_forward()
    {
        // 29 March 2026: at 01:00 UTC the clocks go from 01:00 GMT to 02:00 BST.
        var sunday = Hours(null, (DayOfWeek.Sunday, "09:00-17:30"));
        Assert.Equal("Open now \u2014 closes 17:30", At(sunday, "2026-03-29T08:00:00").Text); // 09:00 BST
        Assert.True(At(sunday, "2026-03-29T16:29:00").IsOpen); // 17:29 BST
        Assert.False(At(sunday, "2026-03-29T16:30:00").IsOpen); // 17:30 BST
        Assert.Equal("Closed \u2014 opens at 09:00", At(sunday, "2026-03-29T07:59:00").Text);

        // Open Saturday 22:00 to Sunday 02:00: the night is an hour shorter.
        var saturdayNight = Hours(null, (DayOfWeek.Saturday, "22:00-02:00"));
        Assert.True(At(saturdayNight, "2026-03-29T00:59:00").IsOpen); // 00:59 GMT
        Assert.False(At(saturdayNight, "2026-03-29T01:00:00").IsOpen); // 02:00 BST
    }

    [Fact]
    public void On_the_last_sunday_of_october_hours_follow_the_clocks_after_they_go_back()
    {
        // 25 October 2026: at 01:00 UTC the clocks go from 02:00 BST back to 01:00 GMT.
        var sunday = Hours(null, (DayOfWeek.Sunday, "09:00-17:30"));
        Assert.False(At(sunday, "2026-10-25T08:59:00").IsOpen); // 08:59 GMT
        Assert.True(At(sunday, "2026-10-25T09:00:00").IsOpen); // 09:00 GMT
        Assert.Equal("Open now \u2014 closes 17:30", At(sunday, "2026-10-25T17:29:00").Text);
        Assert.False(At(sunday, "2026-10-25T17:30:00").IsOpen);

        // The day before, still on BST: 09:00 local is 08:00 UTC.
        var saturday = Hours(null, (DayOfWeek.Saturday, "09:00-17:30"));
        Assert.True(At(saturday, "2026-10-24T08:00:00").IsOpen);
        Assert.False(At(saturday, "2026-10-24T16:30:00").IsOpen);

        // Open Saturday 22:00 to Sunday 02:00: open through both 01:30s, closed at 02:00 GMT.
        var saturdayNight = Hours(null, (DayOfWeek.Saturday, "22:00-02:00"));
        Assert.True(At(saturdayNight, "2026-10-25T00:30:00").IsOpen); // 01:30 BST
        Assert.True(At(saturdayNight, "2026-10-25T01:30:00").IsOpen); // 01:30 GMT
        Assert.False(At(saturdayNight, "2026-10-25T02:00:00").IsOpen); // 02:00 GMT
    }

    [Fact]
    public void No_hours_at_all_reads_closed()
    {
        Assert.Equal(new OpeningStatus(false, "Closed"), At(OpeningHours.None, "2026-11-27T12:00:00"));
    }

    [Theory]
    [InlineData("2026-03-25T00:00:00")]
    [InlineData("2026-10-21T00:00:00")]
    [InlineData("2026-11-23T00:00:00")]
    public void The_quick_open_now_check_agrees_with_the_status_every_quarter_hour_for_a_week(string fromUtc)
    {
        var hours = Hours("2026-03-27\n2026-10-23\n2026-11-27", "2026-03-29 00:30-02:30\n2026-10-25 01:00-01:30\n2026-11-28 23:00-01:00",
            (DayOfWeek.Monday, "09:00-17:30"), (DayOfWeek.Tuesday, "00:00-24:00"), (DayOfWeek.Wednesday, "00:00-02:00, 22:00-02:00"),
            (DayOfWeek.Thursday, "09:00-12:00, 13:00-17:00"), (DayOfWeek.Friday, "22:00-02:00"), (DayOfWeek.Saturday, "01:00-03:00, 22:00-02:00"),
            (DayOfWeek.Sunday, "09:00-17:30"));
        var start = DateTimeOffset.Parse(fromUtc + "Z", System.Globalization.CultureInfo.InvariantCulture);
        for (var t = start; t < start.AddDays(8); t = t.AddMinutes(15))
        {
            Assert.True(OpeningHoursCalculator.StatusAt(hours, t).IsOpen == OpeningHoursCalculator.IsOpenAt(hours, t), $"They disagree at {t:u}");
        }
    }
}
