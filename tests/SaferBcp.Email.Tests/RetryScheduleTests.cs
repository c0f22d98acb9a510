using SaferBcp.Email.Services;

namespace SaferBcp.Email.Tests;

public sealed class RetryScheduleTests
{
    private readonly RetrySchedule _schedule = new(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));

    [Fact]
    public void The_wait_doubles_after_each_failure_up_to_the_maximum()
    {
        var ceilings = Enumerable.Range(1, 9).Select(n => _schedule.Ceiling(n).TotalMinutes).ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], ceilings);
    }

    [Fact]
    public void Jitter_shortens_the_wait_by_at_most_a_quarter_and_never_lengthens_it()
    {
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var ceiling = _schedule.Ceiling(attempt);
            Assert.Equal(ceiling, _schedule.Delay(attempt, 0));
            Assert.Equal(ceiling * 0.75, _schedule.Delay(attempt, 1));
            var random = _schedule.Delay(attempt, Random.Shared.NextDouble());
            Assert.InRange(random, ceiling * 0.75, ceiling);
        }
    }

    [Fact]
    public void A_huge_number_of_failures_does_not_overflow()
    {
        Assert.Equal(TimeSpan.FromHours(1), _schedule.Ceiling(10_000));
    }
}
