using SaferBcp.Email.Models;

namespace SaferBcp.Email.Services;

/// <summary>The test email staff send from the back office to check the mail settings (and the Email module's own template).</summary>
public static class TestEmail
{
    public const string TemplateName = "email-test";
    public const string Category = "email-test";

    public static readonly EmailTemplateDefinition Template = new(
        TemplateName,
        "Test email (checks the mail settings)",
        "Test email from the Safer BCP portal",
        "This is a test email from the Safer BCP portal, sent by {{ sent_by }} on {{ sent_at }}.\n\nIt shows that the portal can send email. You do not need to do anything.\n",
        [
            new EmailTemplateVariable("sent_by", "The user name of the member of staff who sent it", "a.administrator"),
            new EmailTemplateVariable("sent_at", "The date and time it was sent, UK time", "27 November 2026 at 12:00"),
        ]);
}
