using System.Threading.Channels;

namespace SaferBcp.Surveys.Services;

/// <summary>A response to this survey, dated this day, has been committed: its mapped indicators need working out again.</summary>
public sealed record SurveyResponseArrived(string SurveyContentItemId, DateOnly Day);

/// <summary>
/// Wakes <see cref="SurveyIndicatorRefresher"/> (one per node). Never blocks the person submitting: the channel is
/// unbounded, and a burst of signals costs one recompute because the refresher takes them all at once.
/// </summary>
public sealed class SurveyIndicatorSignal
{
    private readonly Channel<SurveyResponseArrived> _channel = Channel.CreateUnbounded<SurveyResponseArrived>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<SurveyResponseArrived> Reader => _channel.Reader;

    public void Notify(string surveyContentItemId, DateOnly day) => _channel.Writer.TryWrite(new SurveyResponseArrived(surveyContentItemId, day));
}
