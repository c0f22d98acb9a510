namespace SaferBcp.Forms.Models;

/// <summary>
/// The answers given so far, by question id. Every answer is a list of strings (one for most questions,
/// several for multiple choice). Dates are stored as yyyy-MM-dd, yes/no as "yes"/"no", choices by option value.
/// </summary>
public sealed class FormAnswers
{
    public Dictionary<string, List<string>> Values { get; init; } = new(StringComparer.Ordinal);

    public string? First(string questionId) =>
        Values.TryGetValue(questionId, out var values) && values.Count > 0 ? values[0] : null;

    public IReadOnlyList<string> All(string questionId) =>
        Values.TryGetValue(questionId, out var values) ? values : [];

    public void Set(string questionId, IEnumerable<string> values) => Values[questionId] = [.. values];

    public void Remove(string questionId) => Values.Remove(questionId);
}
