using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Data;
using SaferBcp.Email.Models;
using SaferBcp.Email.Services;

namespace SaferBcp.Email.Tests;

public sealed class LiquidTemplateTests
{
    private static readonly EmailTemplateVariable[] Variables =
    [
        new("reference", "The referral's reference", "DA-7K3P"),
        new("team", "The team it was sent to", "Domestic abuse outreach"),
    ];

    private readonly LiquidTemplates _liquid = new();

    public static EmailTemplateDefinition Notification => new(
        "test-team-notification",
        "New referral for a team",
        "New referral {{ reference }}",
        "A new referral {{ reference }} is waiting for {{ team }}.\n\nOpen the inbox to see it.",
        Variables);

    [Fact]
    public async Task Declared_variables_are_filled_in_and_values_are_not_html_encoded()
    {
        var text = await _liquid.RenderAsync("Team: {{ team }} ({{ reference | upcase }})", new Dictionary<string, object?>
        {
            ["team"] = "Children & families <south>",
            ["reference"] = "da-1",
        }, Variables);

        Assert.Equal("Team: Children & families <south> (DA-1)", text);
    }

    [Fact]
    public async Task A_value_passed_for_an_undeclared_variable_is_not_given_to_the_template()
    {
        var text = await _liquid.RenderAsync("[{{ reference }}]", new Dictionary<string, object?> { ["reference"] = "DA-1" }, Variables);
        var hidden = await _liquid.RenderAsync("[{{ name }}]", new Dictionary<string, object?> { ["name"] = "Alex Example" }, Variables);

        Assert.Equal("[DA-1]", text);
        Assert.Equal("[]", hidden);
    }

    [Fact]
    public void An_unknown_variable_is_refused_with_the_line_it_is_on()
    {
        var problems = _liquid.Check("Body", "body", "Hello\nReference {{ reference }}\nFor {{ naem }}", Variables);

        var problem = Assert.Single(problems);
        Assert.Equal("Body", problem.Field);
        Assert.Equal("Line 3 of the body: there is no variable called \u2018naem\u2019. Use one of the variables listed", problem.Message);
    }

    [Fact]
    public void A_liquid_mistake_is_refused_with_the_line_it_is_on()
    {
        var problems = _liquid.Check("Body", "body", "Hello\n\n{% if reference %}\nno end", Variables);

        Assert.Equal("Line 4 of the body: {% endif %} is missing. Every {% if %} needs an {% endif %} after it", Assert.Single(problems).Message);
    }

    [Fact]
    public void An_unclosed_output_tag_names_its_line()
    {
        var problems = _liquid.Check("Subject", "subject", "New referral {{ reference", Variables);

        Assert.Equal("Line 1 of the subject: a {{ is not closed. Put }} after the variable", Assert.Single(problems).Message);
    }

    [Theory]
    [InlineData("Hello\n{{ reference | }}", "Line 2 of the body: a | must be followed by the name of a filter, like | upcase")]
    [InlineData("Hello\n\nThanks {% endif %}", "Line 3 of the body: there is no tag called \u2018endif\u2019 here. Check its spelling, and that an end tag has its start tag before it")]
    public void Common_mistakes_are_explained_in_plain_english(string source, string expected)
    {
        Assert.Equal(expected, Assert.Single(_liquid.Check("Body", "body", source, Variables)).Message);
    }

    [Fact]
    public void Names_the_template_defines_itself_filters_and_loops_are_allowed()
    {
        var source = "{% assign short = reference | truncate: 4 %}{{ short }}{% capture who %}{{ team }}{% endcapture %}{{ who | downcase }}{% for i in (1..2) %}{{ forloop.index }}{{ i }}{% endfor %}";

        Assert.Empty(_liquid.Check("Body", "body", source, Variables));
    }

    [Fact]
    public void An_empty_template_is_refused()
    {
        Assert.Equal("Enter the subject", Assert.Single(_liquid.Check("Subject", "subject", "  ", Variables)).Message);
    }

    [Fact]
    public async Task The_staff_version_is_used_until_the_default_is_restored_and_both_are_audited()
    {
        await using var harness = await EmailHarness.CreateAsync(configure: s => s.AddSingleton(Notification));
        await using (var scope = harness.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<EmailTemplateStore>();
            var renderer = scope.ServiceProvider.GetRequiredService<IEmailTemplateRenderer>();
            var values = new Dictionary<string, object?> { ["reference"] = "DA-7K3P", ["team"] = "Outreach" };

            var byDefault = await renderer.RenderAsync("test-team-notification", values);
            Assert.Equal("New referral DA-7K3P", byDefault.Subject);
            Assert.Equal("A new referral DA-7K3P is waiting for Outreach.\n\nOpen the inbox to see it.", byDefault.TextBody);

            Assert.Empty(await store.SaveAsync(Notification, "Referral {{ reference }} for {{ team }}", "Please look at {{ reference }}.", "editor-1"));
            var edited = await renderer.RenderAsync("test-team-notification", values);
            Assert.Equal("Referral DA-7K3P for Outreach", edited.Subject);
            Assert.Equal("Please look at DA-7K3P.", edited.TextBody);

            Assert.True(await store.RestoreDefaultAsync(Notification));
            Assert.Equal("New referral DA-7K3P", (await renderer.RenderAsync("test-team-notification", values)).Subject);
        }

        await using (var scope = harness.Scope())
        {
            var actions = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.Where(a => a.SubjectType == "EmailTemplate").Select(a => a.Action).ToListAsync();
            Assert.Equal(["email.template-saved", "email.template-restored"], actions);
        }
    }

    [Fact]
    public async Task A_template_with_an_unknown_variable_is_not_saved()
    {
        await using var harness = await EmailHarness.CreateAsync(configure: s => s.AddSingleton(Notification));
        await using var scope = harness.Scope();
        var store = scope.ServiceProvider.GetRequiredService<EmailTemplateStore>();

        var problems = await store.SaveAsync(Notification, "Referral for {{ person_name }}", "Body", "editor-1");

        Assert.Contains("there is no variable called \u2018person_name\u2019", Assert.Single(problems).Message, StringComparison.Ordinal);
        Assert.False((await store.GetAsync("test-team-notification"))!.IsChanged);
    }
}
