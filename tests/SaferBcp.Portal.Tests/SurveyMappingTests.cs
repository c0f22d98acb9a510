using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Dataset;
using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>The portal with an open knife-worry survey and a published survey-mapped indicator not yet mapped; threshold 3.</summary>
public sealed class SurveyMappingPortal : IAsyncLifetime
{
    public const string Base = "/surveys/knife-worry";
    public const string Code = "KNIFE-TEST";

    public SurveyMappingPortal()
    {
        Portal = new PortalFactory().With("Forms:RateLimitPermits", "1000").With("Dataset:SuppressionThreshold", "3").WithServices(services =>
        {
            services.AddScoped<SurveyIndicatorSource>();
            services.Replace(ServiceDescriptor.Scoped<ISurveyIndicatorSource>(provider => new HeldSurveyIndicatorSource(provider.GetRequiredService<SurveyIndicatorSource>(), Hold)));
        });
    }

    public PortalFactory Portal { get; }

    /// <summary>Lets a test hold one recompute after it has counted, as if the count took that long.</summary>
    public CountHold Hold { get; } = new();

    public string SurveyId { get; private set; } = "";

    public int IndicatorId { get; private set; }

    public int PartnerIndicatorId { get; private set; }

    public async Task InitializeAsync()
    {
        SurveyId = await Portal.PublishFormAsync("Knife worry survey", new FormPart
        {
            Slug = "knife-worry",
            Kind = "survey",
            IntroMarkdown = "Tell us how safe you feel.",
            WhatHappensNextMarkdown = "We read every answer.",
            Pages =
            [
                new FormPage
                {
                    Id = "worry",
                    Questions =
                    [
                        new FormQuestion
                        {
                            Id = "worry", Type = QuestionType.SingleChoice, Label = "How worried are you about people carrying knives in your area?", Required = false,
                            Options = [new() { Value = "very-worried", Label = "Very worried" }, new() { Value = "fairly-worried", Label = "Fairly worried" }, new() { Value = "not-very-worried", Label = "Not very worried" }, new() { Value = "not-at-all-worried", Label = "Not at all worried" }],
                        },
                    ],
                },
                new FormPage { Id = "story", Questions = [new FormQuestion { Id = "story", Type = QuestionType.LongText, Label = "Tell us more", Required = false, Personal = true }] },
            ],
        }, new SurveyPart { OpensOn = new DateOnly(2026, 11, 1), ClosesOn = new DateOnly(2026, 12, 31) });

        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DatasetDbContext>();
        var indicator = new Indicator
        {
            Code = Code, Name = "Test residents worried about knives", Description = "Survey", Unit = IndicatorUnit.Percentage, Direction = Direction.LowerIsBetter,
            Source = IndicatorSource.SurveyMapping, Geographies = Geographies.Bcp, Published = true, SourceNote = "Knife worry survey", SortOrder = 999,
        };
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync();
        IndicatorId = indicator.Id;
        PartnerIndicatorId = (await db.Indicators.FirstAsync(i => i.Code == "KNIFE-CRIME")).Id;
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    public string MappingUrl => $"/admin/dataset/{IndicatorId}/mapping";

    public async Task<HttpClient> StaffAsync(string userName, string role)
    {
        await Portal.CreateStaffAsync(userName, role);
        var client = Portal.Browser();
        await PortalFactory.SignInAsync(client, userName, PortalFactory.StaffPassword);
        return client;
    }

    public async Task<T> QueryAsync<T>(Func<DatasetDbContext, CmsDbContext, Task<T>> query)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DatasetDbContext>(), scope.ServiceProvider.GetRequiredService<CmsDbContext>());
    }

    public async Task<HttpResponseMessage> PostMappingAsync(HttpClient client, string survey, string? question, params string[] counted)
    {
        var page = await client.GetStringAsync($"{MappingUrl}/question?survey={Uri.EscapeDataString(SurveyId)}");
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(page)), new("survey", survey) };
        if (question is not null)
        {
            fields.Add(new("question", question));
        }

        fields.AddRange(counted.Select(c => new KeyValuePair<string, string>("counted", c)));
        return await client.PostAsync(MappingUrl, new FormUrlEncodedContent(fields));
    }

    /// <summary>A resident answers the survey (null: skips the question) and sends it.</summary>
    public async Task AnswerAsync(string? worry)
    {
        using var client = Portal.Browser();
        async Task<string> Post(string page, params (string Name, string Value)[] answers)
        {
            var html = await client.GetStringAsync(page);
            var values = answers.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)).Append(new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(html)));
            using var response = await client.PostAsync(page, new FormUrlEncodedContent(values));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location!.ToString();
        }

        Assert.Equal(SurveyMappingPortal.Base + "/story", await Post(SurveyMappingPortal.Base + "/worry", worry is null ? [] : [("worry", worry)]));
        Assert.Equal(SurveyMappingPortal.Base + "/check", await Post(SurveyMappingPortal.Base + "/story"));
        Assert.Equal(SurveyMappingPortal.Base + "/confirmation", await Post(SurveyMappingPortal.Base + "/check"));
    }

    /// <summary>Waits (at most 20 seconds) for the background recompute to store the figure for the period out of this many answers.</summary>
    public async Task<DataValue> FigureOutOfAsync(string period, int answered)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await QueryAsync((db, _) => db.Values.AsNoTracking().FirstOrDefaultAsync(v => v.IndicatorId == IndicatorId && v.Period!.Code == period));
            if (value?.Denominator == answered)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < until, $"{period}: after 20 seconds the figure is {value?.Numerator} of {value?.Denominator}, not out of {answered}");
            await Task.Delay(50);
        }
    }
}

public sealed class SurveyMappingTests : IClassFixture<SurveyMappingPortal>
{
    private readonly SurveyMappingPortal _fixture;

    public SurveyMappingTests(SurveyMappingPortal fixture) => _fixture = fixture;

    private string MappingUrl => _fixture.MappingUrl;

    [Fact]
    public async Task Answers_arriving_update_the_figure_which_shows_as_c_until_enough_people_have_answered()
    {
        using var analyst = await _fixture.StaffAsync("mapping-analyst-values", PortalRoles.Analyst);
        using (var saved = await _fixture.PostMappingAsync(analyst, _fixture.SurveyId, "worry", "worry:very-worried", "worry:fairly-worried"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // 27 November 2026: financial year 2026/27, quarter 3.
        await _fixture.AnswerAsync("very-worried");
        await _fixture.AnswerAsync("not-at-all-worried");
        await _fixture.AnswerAsync(null);
        var small = await _fixture.FigureOutOfAsync("2026/27 Q3", 2);
        Assert.Equal((50m, 1), (small.Value, small.Numerator));
        using var visitor = _fixture.Portal.Browser();
        var hidden = await visitor.GetStringAsync($"/data/{SurveyMappingPortal.Code}");
        Assert.Contains("dataset-figure\">[c]</td>", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain(">50%</td>", hidden, StringComparison.Ordinal);

        foreach (var worry in new[] { "fairly-worried", "very-worried", "not-very-worried", "not-at-all-worried" })
        {
            await _fixture.AnswerAsync(worry);
        }

        var year = await _fixture.FigureOutOfAsync("2026/27", 6);
        var quarter = await _fixture.FigureOutOfAsync("2026/27 Q3", 6);
        Assert.Equal((50m, 3, 50m, 3), (year.Value, year.Numerator, quarter.Value, quarter.Numerator));
        var shown = await visitor.GetStringAsync($"/data/{SurveyMappingPortal.Code}");
        Assert.Contains(">50%</td>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("dataset-figure\">[c]</td>", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catch_up_at_start_up_works_out_figures_from_responses_no_signal_announced()
    {
        using var analyst = await _fixture.StaffAsync("mapping-analyst-catch-up", PortalRoles.Analyst);
        using (var saved = await _fixture.PostMappingAsync(analyst, _fixture.SurveyId, "worry", "worry:very-worried", "worry:fairly-worried"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // Responses another node took in May 2025 (financial year 2025/26, quarter 1), stored straight into the table.
        await using (var scope = _fixture.Portal.Services.CreateAsyncScope())
        {
            var surveys = scope.ServiceProvider.GetRequiredService<Surveys.SurveysDbContext>();
            var protector = scope.ServiceProvider.GetRequiredService<Surveys.Services.SurveyProtector>();
            foreach (var worry in new[] { "very-worried", "fairly-worried", "very-worried", "not-very-worried", "not-at-all-worried", "not-very-worried", "not-very-worried" })
            {
                surveys.Responses.Add(new SurveyResponse { SurveyContentItemId = _fixture.SurveyId, ResponseDate = new DateOnly(2025, 5, 10), AnswersJson = protector.ProtectAnswersJson($$"""{"worry":["{{worry}}"]}""") });
            }

            await surveys.SaveChangesAsync();
            Assert.True(await scope.ServiceProvider.GetRequiredService<Dataset.Services.SurveyIndicatorUpdater>().UpdateAllAsync() >= 2);
        }

        var quarter = await _fixture.FigureOutOfAsync("2025/26 Q1", 7);
        Assert.Equal((42.9m, 3), (quarter.Value, quarter.Numerator));
        Assert.Equal(7, (await _fixture.FigureOutOfAsync("2025/26", 7)).Denominator);
    }

    [Fact]
    public async Task Setting_the_mapping_refuses_bad_input_in_plain_English_and_is_audited()
    {
        using var analyst = await _fixture.StaffAsync("mapping-analyst-edit", PortalRoles.Analyst);
        var chooseSurvey = await analyst.GetStringAsync(MappingUrl);
        Assert.Contains("Knife worry survey", chooseSurvey, StringComparison.Ordinal);

        var chooseQuestion = await analyst.GetStringAsync($"{MappingUrl}/question?survey={Uri.EscapeDataString(_fixture.SurveyId)}");
        Assert.Contains("How worried are you about people carrying knives in your area?", chooseQuestion, StringComparison.Ordinal);
        Assert.DoesNotContain("Tell us more", chooseQuestion, StringComparison.Ordinal);

        using var noSurvey = await analyst.GetAsync($"{MappingUrl}/question");
        Assert.Equal(HttpStatusCode.BadRequest, noSurvey.StatusCode);
        Assert.Contains("Select the survey the figures come from", await noSurvey.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        (string? Question, string[] Counted, string Message)[] refused =
        [
            (null, [], "Select the question whose answers are counted"),
            ("worry", [], "Select at least one answer to count"),
            ("worry", ["worry:very-worried", "worry:fairly-worried", "worry:not-very-worried", "worry:not-at-all-worried"], "Do not select every answer: the figure would always be 100%"),
            ("worry", ["worry:somewhat"], "Select answers from the list for this question"),
        ];
        foreach (var (question, counted, message) in refused)
        {
            using var response = await _fixture.PostMappingAsync(analyst, _fixture.SurveyId, question, counted);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("There is a problem", html, StringComparison.Ordinal);
            Assert.Contains(message, html, StringComparison.Ordinal);
        }

        Assert.False(await _fixture.QueryAsync((_, cms) => cms.AuditEntries.AnyAsync(a => a.Action == "dataset.mapping-changed" && a.UserName == "mapping-analyst-edit")));

        using (var saved = await _fixture.PostMappingAsync(analyst, _fixture.SurveyId, "worry", "worry:very-worried"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var summary = await _fixture.QueryAsync((_, cms) => cms.AuditEntries.Where(a => a.Action == "dataset.mapping-changed" && a.UserName == "mapping-analyst-edit").Select(a => a.Summary).SingleAsync());
        Assert.Contains($"survey {_fixture.SurveyId}, question worry, counting very-worried", summary, StringComparison.Ordinal);
        var indicatorPage = await analyst.GetStringAsync($"/admin/dataset/{_fixture.IndicatorId}");
        Assert.Contains("Knife worry survey", indicatorPage, StringComparison.Ordinal);
        Assert.Contains(">Very worried</dd>", indicatorPage, StringComparison.Ordinal);

        // Put back the mapping the other test relies on.
        using var restored = await _fixture.PostMappingAsync(analyst, _fixture.SurveyId, "worry", "worry:very-worried", "worry:fairly-worried");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
    }

    [Fact]
    public async Task Only_survey_indicators_have_a_mapping_and_only_staff_who_manage_the_dataset_may_set_it()
    {
        using var analyst = await _fixture.StaffAsync("mapping-analyst-partner", PortalRoles.Analyst);
        using var partner = await analyst.GetAsync($"/admin/dataset/{_fixture.PartnerIndicatorId}/mapping");
        Assert.Equal(HttpStatusCode.NotFound, partner.StatusCode);

        using var editor = await _fixture.StaffAsync("mapping-editor", "Editor");
        using var refused = await editor.GetAsync(MappingUrl);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/access-denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/mapping\"", await editor.GetStringAsync($"/admin/dataset/{_fixture.IndicatorId}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("survey-nowhere", "worry", "very-worried", "surveyMappings[0].survey", "\"survey-nowhere\" is not a survey on the site")]
    [InlineData(null, "story", "very-worried", "surveyMappings[0].question", "\"story\" is not a question answered by choosing in the survey \"Knife worry survey\". Its questions are: worry")]
    [InlineData(null, "worry", "somewhat-worried", "surveyMappings[0].countedOptions", "\"somewhat-worried\" is not an answer to \"How worried are you about people carrying knives in your area?\"")]
    public async Task A_recipe_mapping_to_a_survey_question_or_answer_the_site_does_not_have_is_refused_plainly(string? survey, string question, string counted, string field, string message)
    {
        var step = System.Text.Json.Nodes.JsonNode.Parse($$"""
            { "name": "dataset", "indicators": [
              { "code": "RECIPE-WORRY", "name": "W", "description": "d", "unit": "Percentage", "direction": "LowerIsBetter", "geographies": ["BCP"], "source": "SurveyMapping", "sourceNote": "s" } ],
              "surveyMappings": [ { "indicator": "RECIPE-WORRY", "survey": "{{survey ?? _fixture.SurveyId}}", "question": "{{question}}", "countedOptions": ["{{counted}}"] } ] }
            """)!.AsObject();
        await using var scope = _fixture.Portal.Services.CreateAsyncScope();
        var dataset = scope.ServiceProvider.GetServices<Cms.Recipes.IRecipeStep>().Single(s => s.Name == "dataset");

        var refused = await Assert.ThrowsAsync<Cms.Recipes.RecipeStepException>(() => dataset.ApplyAsync(step, CancellationToken.None));

        Assert.Equal(field, refused.Field);
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.False(await _fixture.QueryAsync((db, _) => db.Indicators.AnyAsync(i => i.Code == "RECIPE-WORRY")));
    }

    [Fact]
    public async Task The_recipe_maps_knife_worry_to_the_draft_community_safety_survey()
    {
        var mapping = await _fixture.QueryAsync((db, _) => db.SurveyMappings.AsNoTracking().Include(m => m.Indicator).SingleAsync(m => m.Indicator!.Code == "KNIFE-WORRY"));
        Assert.Equal(("survey-community-safety", "knife-worry", IndicatorUnit.Percentage, Direction.LowerIsBetter, false),
            (mapping.SurveyFormId, mapping.QuestionId, mapping.Indicator!.Unit, mapping.Indicator.Direction, mapping.Indicator.Published));
        Assert.Equal(["very-worried", "fairly-worried"], mapping.CountedOptions());
        Assert.False(await _fixture.QueryAsync((db, _) => db.Values.AnyAsync(v => v.IndicatorId == mapping.IndicatorId)));

        using var analyst = await _fixture.StaffAsync("mapping-analyst-recipe", PortalRoles.Analyst);
        var page = await analyst.GetStringAsync($"/admin/dataset/{mapping.IndicatorId}");
        Assert.Contains("Community safety survey", page, StringComparison.Ordinal);
        Assert.Contains("How worried are you about people carrying items such as knives or airguns in your area?", page, StringComparison.Ordinal);
        Assert.Contains("Very worried, Fairly worried", page, StringComparison.Ordinal);
    }
}

/// <summary>
/// When armed, the next recompute, once it has counted, waits until released: a count that takes as long as the test
/// needs. Unarmed, counts go straight through.
/// </summary>
public sealed class CountHold
{
    private readonly TaskCompletionSource _counted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    /// <summary>Completes when the held recompute has counted and is waiting.</summary>
    public Task Counted => _counted.Task;

    public void Arm() => Interlocked.Exchange(ref _armed, 1);

    public void Release() => _released.TrySetResult();

    public async Task AfterCountingAsync()
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _counted.TrySetResult();
            await _released.Task;
        }
    }
}

/// <summary>The Surveys module's real counts, held by <see cref="CountHold"/> when it is armed.</summary>
public sealed class HeldSurveyIndicatorSource(SurveyIndicatorSource counts, CountHold hold) : ISurveyIndicatorSource
{
    public async Task<IReadOnlyList<SurveyShare>> CountAsync(SurveyMapping mapping, IReadOnlyList<Period> periods, CancellationToken cancellationToken)
    {
        var shares = await counts.CountAsync(mapping, periods, cancellationToken);
        await hold.AfterCountingAsync();
        return shares;
    }

    public Task<IReadOnlyList<DateOnly>> ResponseDaysAsync(string surveyFormId, CancellationToken cancellationToken) => counts.ResponseDaysAsync(surveyFormId, cancellationToken);
}

/// <summary>Working out survey figures must not hold up residents, and must not leave a stale figure behind.</summary>
public sealed class SurveyRecomputeTests : IClassFixture<SurveyMappingPortal>
{
    private readonly SurveyMappingPortal _fixture;

    public SurveyRecomputeTests(SurveyMappingPortal fixture) => _fixture = fixture;

    [Fact]
    public async Task A_resident_can_send_answers_while_figures_are_being_worked_out_and_the_figure_then_counts_them()
    {
        using var analyst = await _fixture.StaffAsync("recompute-analyst", PortalRoles.Analyst);
        using (var saved = await _fixture.PostMappingAsync(analyst, _fixture.SurveyId, "worry", "worry:very-worried", "worry:fairly-worried"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        _fixture.Hold.Arm();
        try
        {
            await _fixture.AnswerAsync("very-worried");
            await _fixture.Hold.Counted.WaitAsync(TimeSpan.FromSeconds(20));

            // The recompute has counted one answer and is still working. A resident answering now writes to the same
            // database; before counting moved outside the write lock, her answers waited for the recompute to finish.
            var answering = _fixture.AnswerAsync("not-very-worried");
            var finished = await Task.WhenAny(answering, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.True(finished == answering, "A resident's answers waited for the survey figures to be worked out");
            await answering;
        }
        finally
        {
            _fixture.Hold.Release();
        }

        // The held recompute stores its older count (1 of 1); her answer's own recompute then stores 1 of 2.
        var figure = await _fixture.FigureOutOfAsync("2026/27 Q3", 2);
        Assert.Equal((50m, 1), (figure.Value, figure.Numerator));
    }
}
