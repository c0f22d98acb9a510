namespace SaferBcp.SafePlaces;

/// <summary>
/// The Safe Places locator's and place pages' interface strings (the search form, "open now", distances, opening hours
/// wording, postcode errors, no results), keyed by their English text. Translations are in SafePlacesText.{culture}.resx,
/// each with a comment recording its review against the English original. The places themselves are not translated.
/// </summary>
public sealed class SafePlacesText
{
}
