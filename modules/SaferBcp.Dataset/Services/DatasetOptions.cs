namespace SaferBcp.Dataset.Services;

/// <summary>Configuration section "Dataset".</summary>
public sealed class DatasetOptions
{
    /// <summary>Counts below this are shown as "[c]" in public and non-Analyst views.</summary>
    public int SuppressionThreshold { get; set; } = DisclosureControl.DefaultThreshold;
}
