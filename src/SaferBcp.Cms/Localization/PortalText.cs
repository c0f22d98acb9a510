namespace SaferBcp.Cms.Localization;

/// <summary>
/// The kernel's and public theme's interface strings (layout, Exit this page, error pages), keyed by their English
/// text: IStringLocalizer&lt;PortalText&gt;["Exit this page"]. Translations are in PortalText.{culture}.resx next to
/// this file, each with a comment recording its review against the English original.
/// </summary>
public sealed class PortalText
{
}
