using SaferBcp.Forms.Services;
using SaferBcp.Reach.Models;

namespace SaferBcp.Reach.Services;

/// <summary>Counts form starts and completions per form: the form's id and the day, never an answer.</summary>
public sealed class FormReachObserver : IFormJourneyObserver
{
    private readonly ReachCounter _counter;

    public FormReachObserver(ReachCounter counter) => _counter = counter;

    public void Started(string formContentItemId) => _counter.Add(ReachMeasures.FormStart, formContentItemId);

    public void Completed(string formContentItemId) => _counter.Add(ReachMeasures.FormCompletion, formContentItemId);
}
