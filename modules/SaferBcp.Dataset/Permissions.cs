using SaferBcp.Cms.Security;

namespace SaferBcp.Dataset;

/// <summary>
/// Viewing (small numbers hidden) is for any staff role that needs it; managing and the full, unsuppressed export are
/// for Analysts. Administrators hold every permission by the kernel's rule.
/// </summary>
public static class Permissions
{
    public const string ViewDataset = "ViewDataset";
    public const string ManageDataset = "ManageDataset";
    public const string ExportDataset = "ExportDataset";

    public static readonly Permission[] All =
    [
        new(ViewDataset, "See the partnership dataset in the back office, with small numbers hidden", "Partnership dataset"),
        new(ManageDataset, "Edit and publish indicators, import partner figures and correct single values", "Partnership dataset"),
        new(ExportDataset, "See and export the full dataset, small numbers included", "Partnership dataset"),
    ];
}
