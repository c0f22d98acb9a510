using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Testing;

public partial class PortalFactory
{
    /// <summary>Saves and publishes a form (a survey when <paramref name="survey"/> is given) as staff would; returns its content item id.</summary>
    public async Task<string> PublishFormAsync(string title, FormPart form, SurveyPart? survey = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = content.New(FormTypes.Form);
        item.Apply(new TitlePart { Title = title });
        item.Apply(form);
        if (survey is not null)
        {
            item.Apply(survey);
        }

        var saved = await content.SaveDraftAsync(item, "test");
        await content.PublishAsync(saved.ContentItemId, "test");
        return saved.ContentItemId;
    }

    /// <summary>Answer options from (value, label) pairs.</summary>
    public static List<FormOption> Options(params (string Value, string Label)[] options) =>
        options.Select(o => new FormOption { Value = o.Value, Label = o.Label }).ToList();
}
