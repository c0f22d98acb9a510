using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using SaferBcp.Cms;
using SaferBcp.Cms.Data;

namespace SaferBcp.Surveys.Coding;

/// <summary>
/// Free-text analysis (Analysts): per-question codebooks, the coding screen at /admin/surveys/{id}/coding, quotes
/// approved by a second Analyst, theme tables and filters on the results, theme columns in the exports.
/// </summary>
public static class CodingServices
{
    public static IServiceCollection AddSurveyCoding(this IServiceCollection services)
    {
        services.AddPortalDbContext<SurveyCodingDbContext>("SurveysCoding");
        services.AddScoped<CodebookStore>();
        services.AddScoped<AnswerCodingStore>();

        // Themes as a source for dataset indicators: the counts, and mappings that follow a merged theme.
        services.AddScoped<ThemeShareCounter>();
        services.AddScoped<ThemeMappingFollower>();

        // Number keys tick themes on the coding screen (the form works without it).
        services.AddSingleton(new StaticAssetFolder("/survey-coding-assets", new EmbeddedFileProvider(typeof(CodingServices).Assembly, "SaferBcp.Surveys.Coding.Assets")));
        return services;
    }
}
