using System.Globalization;
using Microsoft.AspNetCore.Http;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Support.Models;

namespace SaferBcp.Support.Services;

/// <summary>Reads a service's fields from the back-office editor: plain boxes and tick boxes.</summary>
public sealed class ServiceEditor : IContentEditor
{
    public bool Handles(string contentType) => contentType == SupportTypes.Service;

    public string PartialViewName => "~/Views/SupportService/_ServiceEditor.cshtml";

    public void Bind(ContentItem item, IFormCollection form)
    {
        // An officer types just the last part ("refuge") or leaves it blank; services live under support/services/.
        var path = ContentPath.Normalize(item.As<AutoroutePart>().Path);
        if (path.Length > 0 && !path.Contains('/', StringComparison.Ordinal))
        {
            item.Apply(new AutoroutePart { Path = SupportTypes.PathPrefix + path });
        }

        item.Apply(new ServicePart
        {
            Summary = Text(form, "Summary") ?? "",
            Description = (form["ServicePart.Description"].ToString()).Replace("\r\n", "\n", StringComparison.Ordinal),
            Audiences = Codes(form, "Audiences", ServiceOptions.Audiences.Select(o => o.Code)),
            Topics = Codes(form, "Topics", ServiceOptions.Topics.Select(o => o.Code)),
            Areas = Codes(form, "Areas", ServiceOptions.Areas.Select(o => o.Code)),
            Phone = Text(form, "Phone"),
            TextNumber = Text(form, "TextNumber"),
            Email = Text(form, "Email"),
            Website = Text(form, "Website"),
            Address = Text(form, "Address"),
            OpenAllHours = form["ServicePart.OpenAllHours"].ToString() == "true",
            Hours = Text(form, "Hours"),
            Languages = Text(form, "Languages"),
            MinimumAge = Age(form, "MinimumAge"),
            MaximumAge = Age(form, "MaximumAge"),
            Cost = Text(form, "Cost"),
            ReferralFormSlug = Text(form, "ReferralFormSlug")?.ToLowerInvariant(),
        });
    }

    private static string? Text(IFormCollection form, string name)
    {
        var value = form["ServicePart." + name].ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    private static List<string> Codes(IFormCollection form, string name, IEnumerable<string> known)
    {
        var posted = form["ServicePart." + name].Select(v => v ?? "").ToHashSet(StringComparer.Ordinal);
        return known.Where(posted.Contains).ToList();
    }

    // A number that does not parse is kept out of range so the validator reports it rather than silently dropping it.
    private static int? Age(IFormCollection form, string name)
    {
        var value = Text(form, name);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age <= 999 ? age : -1;
    }
}
