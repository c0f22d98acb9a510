using SaferBcp.Cms.Content;
using SaferBcp.SafePlaces.Models;
using SaferBcp.Cms.Formats;

namespace SaferBcp.SafePlaces.Services;

/// <summary>
/// The seam for turning a venue's "apply to become a Safe Place" application into a draft place. The Referrals
/// form tags its answers; an officer's button passes them here and is sent to the draft's editor to complete it.
/// Only what the venue gave is copied: nothing is guessed (no coordinates, hours or verified date).
/// </summary>
public sealed class SafePlaceDraftFactory
{
    public const string NameTag = "venue-name";
    public const string AddressTag = "venue-address";
    public const string PostcodeTag = "postcode";
    public const string CategoryTag = "venue-category";
    public const string PhoneTag = "phone";
    public const string AreaTag = "area";

    private readonly ContentManager _content;

    public SafePlaceDraftFactory(ContentManager content) => _content = content;

    public async Task<ContentItem> CreateDraftAsync(IReadOnlyDictionary<string, string> valuesByTag, string? user = null, string source = "venue application")
    {
        string Value(string tag) => valuesByTag.TryGetValue(tag, out var v) ? (v ?? "").Trim() : "";

        var name = Value(NameTag);
        if (name.Length == 0)
        {
            name = "New Safe Place";
        }

        var postcode = Value(PostcodeTag);
        var item = _content.New(SafePlaceTypes.SafePlace);
        item.Apply(new TitlePart { Title = name.Length > 150 ? name[..150] : name });
        item.Apply(new AutoroutePart { Path = SafePlaceTypes.PathPrefix + ContentPath.Slugify(name) + "-" + item.ContentItemId[..6] });
        item.Apply(new SafePlacePart
        {
            Category = SafePlaceLabels.TryCategory(Value(CategoryTag), out var category) ? category : null,
            Area = SafePlaceLabels.TryArea(Value(AreaTag), out var area) ? area : null,
            Address = Value(AddressTag),
            Postcode = UkPostcode.Normalise(postcode) ?? "",
            Phone = new string(Value(PhoneTag).Where(c => char.IsDigit(c) || c is ' ' or '+' or '(' or ')').ToArray()).Trim(),
        });
        item.Apply(new SafePlaceApplicationPart { Source = source });
        return await _content.SaveDraftAsync(item, user);
    }
}
