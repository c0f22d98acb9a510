using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Admin;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Modules;
using SaferBcp.Cms.Recipes;
using SaferBcp.Dataset.Services;
using SaferBcp.Forms;
using SaferBcp.Forms.Services;
using SaferBcp.Surveys.Coding;
using SaferBcp.Surveys.Recipes;
using SaferBcp.Surveys.Services;
using SaferBcp.Surveys.Services.Results;

namespace SaferBcp.Surveys;

/// <summary>
/// Anonymous surveys built on the forms engine: the "survey" form kind served at /surveys/{slug}, the public
/// list at /surveys, the survey fields in the form editor, the gate that refuses answers outside the survey's
/// dates, anonymous storage encrypted with Data Protection (responses to the day; contact details apart, to the month,
/// deleted after the survey's retention period) and the back office at /admin/surveys with streamed CSV/XLSX exports,
/// single raw responses and contact details (on request, audited) for Analysts.
/// Results at /admin/surveys/{id}/results (counts, charts, filters, cross-tabs) and the public "You said, we did"
/// page at /surveys/{slug}/results read a per-survey in-memory <see cref="ResponseMatrix"/> (<see cref="SurveyResultsCache"/>).
/// It also supplies the dataset's survey-mapped indicators (<see cref="SurveyIndicatorSource"/>,
/// <see cref="SurveyQuestionDirectory"/>) and recomputes them in the background when responses arrive.
/// </summary>
public sealed class Startup : ModuleStartup
{
    /// <summary>After Forms, whose editor it wraps.</summary>
    public override int Order => 210;

    /// <summary>Surveys are a Forms kind, and their responses feed the dataset's survey-mapped indicators.</summary>
    public override IEnumerable<string> Dependencies => ["SaferBcp.Forms", "SaferBcp.Dataset"];

    public override IEnumerable<Cms.Security.Permission> Permissions => SaferBcp.Surveys.Permissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPortalDbContext<SurveysDbContext>("Surveys");
        services.AddSurveyCoding();
        services.AddFormKind(SurveyKind.Kind);
        services.AddScoped<IFormSubmissionHandler, SurveySubmissionHandler>();
        services.AddScoped<SurveyCatalog>();
        services.AddScoped<SurveyResponseStore>();
        services.AddSingleton<SurveyProtector>();
        services.AddScoped<SurveyContactFiling>();
        services.AddScoped<SurveyContactRetention>();
        services.Configure<SurveyOptions>(configuration.GetSection("Surveys"));
        services.AddHostedService<SurveyContactRetentionJob>();

        // Answers and contact details written before they were encrypted are encrypted once, at start.
        services.AddSingleton<SurveyDataEncryption>();
        services.AddHostedService(sp => sp.GetRequiredService<SurveyDataEncryption>());
        services.AddScoped<SurveyGateFilter>();
        services.AddScoped<IRecipeStep, SurveyResponsesStep>();
        services.AddSingleton<SurveyResultsCache>();

        // The dataset's survey-mapped indicators: counts, the questions that can be mapped, and the recompute when responses arrive.
        services.AddScoped<ISurveyIndicatorSource, SurveyIndicatorSource>();
        services.AddScoped<ISurveyQuestionDirectory, SurveyQuestionDirectory>();
        services.AddSingleton<SurveyIndicatorSignal>();
        services.AddHostedService<SurveyIndicatorRefresher>();
        services.Configure<MvcOptions>(o => o.Filters.AddService<SurveyGateFilter>());

        // One editor per content type: the survey editor wraps the forms engine's, so it takes its place.
        var formEditor = services.FirstOrDefault(d => d.ServiceType == typeof(IContentEditor) && d.ImplementationType == typeof(FormEditor));
        if (formEditor is not null)
        {
            services.Remove(formEditor);
        }

        services.AddScoped<FormEditor>();
        services.AddScoped<SurveyFormEditor>();
        services.AddScoped<IContentEditor>(sp => sp.GetRequiredService<SurveyFormEditor>());
        services.AddScoped<IContentValidator, SurveyValidator>();

        // Assisted responses: staff answer a survey with someone, or import a file of paper responses.
        services.AddScoped<Assisted.AssistedTickets>();
        services.AddScoped<Assisted.AssistedSubmission>();
        services.AddScoped<Assisted.AssistedEntryFilter>();
        services.AddScoped<Assisted.PaperBatchReader>();
        services.AddScoped<Assisted.PaperBatchImporter>();
        services.Configure<MvcOptions>(o => o.Filters.AddService<Assisted.AssistedEntryFilter>());
        services.AddSingleton(new AdminMenuItem("Enter responses", "/admin/surveys/assisted", SaferBcp.Surveys.Permissions.EnterResponses, 46));

        services.AddSingleton(new AdminMenuItem("Surveys", "/admin/surveys", SaferBcp.Surveys.Permissions.ViewSurveyResponses, 45));
    }
}
