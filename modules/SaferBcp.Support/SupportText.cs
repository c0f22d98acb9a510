namespace SaferBcp.Support;

/// <summary>
/// "Find support"'s interface strings (its three questions, their choices and messages, the emergency numbers' wording,
/// the result page), keyed by their English text. Translations are in SupportText.{culture}.resx, each with a comment
/// recording its review against the English original. The services themselves are content, translated as content.
/// </summary>
public sealed class SupportText
{
}
