namespace SaferBcp.Surveys.Assisted;

/// <summary>How a response entered by staff reached them. The values are what the exports and the import use.</summary>
public static class AssistedChannel
{
    public const string Paper = "paper";
    public const string Phone = "phone";
    public const string InPerson = "in-person";

    /// <summary>In order: the byte code the results use for each is its index + 1 (0 = answered online).</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> All =
    [
        (Paper, "On paper"),
        (Phone, "By phone"),
        (InPerson, "In person, with a support worker"),
    ];

    public static bool IsKnown(string? value) => All.Any(c => c.Value == value);

    public static string Label(string value) => All.FirstOrDefault(c => c.Value == value).Label ?? value;

    /// <summary>0 for a response given online, otherwise the channel's position + 1.</summary>
    public static byte Code(string? value)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Value == value)
            {
                return (byte)(i + 1);
            }
        }

        return 0;
    }
}
