using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SaferBcp.Forms.Tests;

/// <summary>The forms engine's real resource files, read as the portal reads them (in the test's current UI culture).</summary>
public static class FormsTextLocalizer
{
    public static IStringLocalizer<FormsText> Create() =>
        new StringLocalizer<FormsText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
}
