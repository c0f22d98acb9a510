using SaferBcp.Surveys.Services.Results;

namespace SaferBcp.Surveys.Assisted;

/// <summary>The results filter "How the response was given" (query "how"); the selected value and any error.</summary>
public sealed record AssistedResultsFilterField(string? Selected, string? Error)
{
    public const string Name = "how";
}

/// <summary>
/// Narrows the results to responses given online, entered by staff, or entered by staff one way. For Analysts only,
/// like every filter (see <see cref="Controllers.AdminSurveyResultsController"/>): a smaller group beside everyone's
/// figures gives away hidden counts by subtraction.
/// </summary>
public static class AssistedResultsFilter
{
    public const string Online = "online";
    public const string Assisted = "assisted";

    public static readonly IReadOnlyList<(string Value, string Label)> Options =
    [
        (Online, "Online, by the person"),
        (Assisted, "Entered by staff (any way)"),
        .. AssistedChannel.All.Select(c => (c.Value, "Entered by staff: " + c.Label.ToLowerInvariant())),
    ];

    public static bool IsKnown(string? value) => Options.Any(o => o.Value == value);

    public static RowSelection Narrow(MatrixSnapshot snapshot, RowSelection selection, string how)
    {
        var code = AssistedChannel.Code(how);
        bool Keep(byte channel) => how switch
        {
            Online => channel == 0,
            Assisted => channel != 0,
            _ => channel == code,
        };

        var selected = new bool[snapshot.Count];
        var count = 0;
        for (var row = 0; row < selected.Length; row++)
        {
            var keep = (selection.Selected is null || selection.Selected[row]) && Keep(snapshot.Channels[row]);
            selected[row] = keep;
            count += keep ? 1 : 0;
        }

        return new RowSelection(selected, count);
    }
}
