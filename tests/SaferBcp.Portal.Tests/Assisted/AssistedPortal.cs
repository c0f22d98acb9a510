using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Security;
using SaferBcp.Surveys;
using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Portal.Tests.Assisted;

/// <summary>
/// The portal with open surveys for assisted responses, and an Analyst role that an administrator has given
/// <see cref="Permissions.EnterResponses"/> (no role has it out of the box).
/// </summary>
public sealed class AssistedPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new PortalFactory().With("Forms:RateLimitPermits", "1000");

    public static SurveyPart Open => new() { OpensOn = new DateOnly(2026, 11, 1), ClosesOn = new DateOnly(2026, 12, 31) };

    public async Task InitializeAsync()
    {
        await GrantAsync(Portal, PortalRoles.Analyst);
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    /// <summary>What an administrator does on the roles page: tick "Enter survey responses for someone" for a role.</summary>
    public static async Task GrantAsync(PortalFactory portal, string roleName)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>();
        var role = (await roles.FindByNameAsync(roleName))!;
        await roles.AddClaimAsync(role, new Claim(CmsPermissions.ClaimType, Permissions.EnterResponses));
    }

    public Task<string> SurveyAsync(string slug) => Portal.PublishFormAsync("Survey " + slug, SurveyPortal.SurveyForm(slug), Open);

    public async Task<HttpClient> StaffAsync(string userName, string role)
    {
        await Portal.CreateStaffAsync(userName, role);
        var client = Portal.Browser();
        await PortalFactory.SignInAsync(client, userName, PortalFactory.StaffPassword);
        return client;
    }

    /// <summary>Posts a page of a form with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, params (string Name, string Value)[] fields) =>
        await PostToAsync(client, page, page, fields);

    public static async Task<HttpResponseMessage> PostToAsync(HttpClient client, string formPage, string action, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(formPage);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(html)));
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string surveyId, string csv) =>
        await UploadAsync(client, surveyId, Encoding.UTF8.GetBytes(csv));

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string surveyId, byte[] bytes)
    {
        var token = PortalFactory.AntiforgeryToken(await client.GetStringAsync($"/admin/surveys/{surveyId}/assisted"));
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "paper.csv");
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync($"/admin/surveys/{surveyId}/assisted/import", content);
    }

    public async Task<List<(SurveyResponse Response, Dictionary<string, List<string>> Answers)>> ResponsesAsync(string surveyId)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var protector = scope.ServiceProvider.GetRequiredService<SurveyProtector>();
        var rows = await scope.ServiceProvider.GetRequiredService<SurveysDbContext>().Responses.AsNoTracking().Where(r => r.SurveyContentItemId == surveyId).OrderBy(r => r.Id).ToListAsync();
        return rows.Select(r => (r, JsonSerializer.Deserialize<Dictionary<string, List<string>>>(protector.UnprotectAnswersJson(r.AnswersJson))!)).ToList();
    }

    public static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        using var csv = CsvReader.Create(bytes, new CsvReaderOptions { Separator = ',' });
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.Headers.ToDictionary(h => h, h => csv.GetString(h) ?? ""));
        }

        return rows;
    }

    /// <summary>Answers the survey at /surveys/{slug} in the browser, whoever it is, and sends it.</summary>
    public static async Task CompleteAsync(HttpClient client, string slug, string worry, string story)
    {
        var b = "/surveys/" + slug;
        await ExpectRedirect(await PostAsync(client, b + "/worry", ("worry", worry)), b + "/places");
        await ExpectRedirect(await PostAsync(client, b + "/places", ("places", "park")), b + "/story");
        await ExpectRedirect(await PostAsync(client, b + "/story", ("story", story)), b + "/help");
        await ExpectRedirect(await PostAsync(client, b + "/help", ("help", "no")), b + "/check");
        await ExpectRedirect(await PostAsync(client, b + "/check"), b + "/confirmation");
    }

    public static Task ExpectRedirect(HttpResponseMessage response, string location)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(location, response.Headers.Location!.ToString());
        }

        return Task.CompletedTask;
    }
}
