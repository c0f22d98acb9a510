namespace SaferBcp.Surveys;

/// <summary>
/// The public survey pages' own strings (the list, the start page, the closed page), keyed by their English text.
/// Translations are in SurveysText.{culture}.resx, each with a comment recording its review against the English
/// original. The questions go through the forms engine (FormsText); survey titles and introductions are content.
/// </summary>
public sealed class SurveysText
{
}
