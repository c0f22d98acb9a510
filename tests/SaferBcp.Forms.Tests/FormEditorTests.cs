using SaferBcp.Cms.Content;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;

namespace SaferBcp.Forms.Tests;

public sealed class FormEditorTests
{
    [Fact]
    public void Options_are_one_per_line_as_value_and_label_or_just_the_label()
    {
        var options = FormEditor.ParseOptions("poole|Poole\r\nOutside the BCP area\n\n");
        Assert.Equal(2, options.Count);
        Assert.Equal(("poole", "Poole"), (options[0].Value, options[0].Label));
        Assert.Equal(("outside-the-bcp-area", "Outside the BCP area"), (options[1].Value, options[1].Label));
        Assert.Equal("Poole\nOutside the BCP area", FormEditor.FormatOptions(options));
    }

    [Fact]
    public void Structure_buttons_add_remove_and_move_pages_and_questions()
    {
        var form = new FormPart();
        FormEditor.Apply(form, "add-page");
        FormEditor.Apply(form, "add-page");
        Assert.Equal(["page-1", "page-2"], form.Pages.Select(p => p.Id));
        Assert.Equal(["question-1"], form.Pages[0].Questions.Select(q => q.Id));
        Assert.Equal(["question-2"], form.Pages[1].Questions.Select(q => q.Id));

        FormEditor.Apply(form, "add-question:0");
        FormEditor.Apply(form, "question-down:0:0");
        Assert.Equal(["question-3", "question-1"], form.Pages[0].Questions.Select(q => q.Id));

        FormEditor.Apply(form, "page-up:1");
        Assert.Equal(["page-2", "page-1"], form.Pages.Select(p => p.Id));
        FormEditor.Apply(form, "remove-question:1:0");
        Assert.Equal(["question-1"], form.Pages[1].Questions.Select(q => q.Id));
        FormEditor.Apply(form, "remove-page:0");
        Assert.Equal(["page-1"], form.Pages.Select(p => p.Id));

        FormEditor.Apply(form, "remove-page:7");
        FormEditor.Apply(form, "nonsense");
        Assert.Single(form.Pages);
    }

    [Fact]
    public void A_new_page_from_the_editor_passes_validation()
    {
        var form = new FormPart { Slug = "x", Kind = "test" };
        FormEditor.Apply(form, "add-page");
        var result = new ContentValidationResult();
        FormValidator.ValidatePages(form, result);
        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void The_validator_finds_duplicate_ids_later_conditions_missing_options_and_reserved_names()
    {
        var form = FormJourneyTests.SampleForm();
        form.Pages[2].Questions[1].Id = "in-danger";
        form.Pages[0].ShowWhen.Add(new FormCondition { QuestionId = "name", Operator = ConditionOperator.Answered });
        form.Pages[4].Id = "check";
        form.Pages[4].Questions.Add(new FormQuestion { Id = "area", Type = QuestionType.SingleChoice, Label = "Area", Options = [new FormOption { Value = "poole", Label = "Poole" }] });
        form.Pages[1].ShowWhen[0].Values = ["maybe"];
        form.Pages.Add(new FormPage { Id = "about-you", Questions = [new FormQuestion { Id = FormFields.Honeypot, Label = "Website" }] });

        var result = new ContentValidationResult();
        FormValidator.ValidatePages(form, result);
        var fields = result.Errors.Select(e => e.Field).ToList();
        Assert.Contains("FormPart.Pages[2].Questions[1].Id", fields);
        Assert.Contains("FormPart.Pages[0].ShowWhen[0].QuestionId", fields);
        Assert.Contains("FormPart.Pages[4].Id", fields);
        Assert.Contains("FormPart.Pages[4].Questions[1].Options", fields);
        Assert.Contains("FormPart.Pages[1].ShowWhen[0].Values", fields);
        Assert.Contains("FormPart.Pages[5].Id", fields);
        Assert.Contains("FormPart.Pages[5].Questions[0].Id", fields);
    }

    [Fact]
    public void The_sample_form_is_valid()
    {
        var result = new ContentValidationResult();
        FormValidator.ValidatePages(FormJourneyTests.SampleForm(), result);
        Assert.True(result.Succeeded, result.ToString());
    }
}
