using Microsoft.AspNetCore.Http;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.SafePlaces.Models;
using SaferBcp.Cms.Formats;

namespace SaferBcp.SafePlaces.Services;

/// <summary>Reads the Safe Place fields from the back-office editor form.</summary>
public sealed class SafePlaceEditor : IContentEditor
{
    public bool Handles(string contentType) => contentType == SafePlaceTypes.SafePlace;

    public string PartialViewName => "~/Views/SafePlaces/_SafePlaceEditor.cshtml";

    public void Bind(ContentItem item, IFormCollection form)
    {
        string Text(string name) => form["SafePlacePart." + name].ToString().Trim();

        var hours = new WeekHours();
        foreach (var day in WeekHours.WeekdaysFromMonday)
        {
            hours[day] = Text("Hours." + day);
        }

        var facilities = SafePlaceFacilities.None;
        foreach (var code in form["SafePlacePart.Facilities"])
        {
            facilities |= SafePlaceLabels.Facilities.FirstOrDefault(f => f.Code == code).Value;
        }

        var schemes = SafePlaceSchemes.None;
        foreach (var code in form["SafePlacePart.Schemes"])
        {
            schemes |= SafePlaceLabels.Schemes.FirstOrDefault(f => f.Code == code).Value;
        }

        var postcode = Text("Postcode");
        item.Apply(new SafePlacePart
        {
            Category = SafePlaceLabels.TryCategory(Text("Category"), out var category) ? category : null,
            Address = form["SafePlacePart.Address"].ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
            Postcode = UkPostcode.Normalise(postcode) ?? postcode,
            Area = SafePlaceLabels.TryArea(Text("Area"), out var area) ? area : null,
            Locality = Text("Locality"),
            Latitude = Text("Latitude"),
            Longitude = Text("Longitude"),
            Hours = hours,
            ClosedDates = form["SafePlacePart.ClosedDates"].ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
            SpecialHours = form["SafePlacePart.SpecialHours"].ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
            Facilities = facilities,
            Schemes = schemes,
            Phone = Text("Phone"),
            Description = Text("Description"),
            LastVerified = Text("LastVerified"),
        });

        WithPrefixedPath(item);

        // Once an officer has edited a draft made from an application, it is checked like any other place.
        item.Content.Remove(nameof(SafePlaceApplicationPart));
    }

    /// <summary>Puts the place's address under /safe-places/, where the locator serves it.</summary>
    public static void WithPrefixedPath(ContentItem item)
    {
        var path = ContentPath.Normalize(item.As<AutoroutePart>().Path);
        if (path.Length == 0)
        {
            path = ContentPath.Slugify(item.As<TitlePart>().Title);
        }

        if (!path.StartsWith(SafePlaceTypes.PathPrefix, StringComparison.Ordinal) && path.Length > 0)
        {
            path = SafePlaceTypes.PathPrefix + path;
        }

        item.Apply(new AutoroutePart { Path = path });
    }
}
