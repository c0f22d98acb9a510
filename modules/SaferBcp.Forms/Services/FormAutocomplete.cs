using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// The <c>autocomplete</c> attribute of a question's input: which answers the browser may fill in and remember.
/// </summary>
/// <remarks>
/// WCAG 2.2 success criterion 1.3.5 (Identify Input Purpose) asks that a field collecting the user's own details
/// says what it collects, which the HTML autocomplete tokens do. The decision, per field type:
/// <list type="bullet">
/// <item>Forms that offer autofill (<see cref="FormPart.OffersAutofill"/>, like the Safe Place venue application):
/// the person's own name (tag "name") gets <c>name</c>, an email address <c>email</c>, a phone number <c>tel</c>,
/// a postcode <c>postal-code</c>, a venue's name (tag "venue-name") <c>organization</c> and its address
/// (tag "venue-address") <c>street-address</c>.</item>
/// <item>Every other form (every self-referral and any survey unless staff tick "offers autofill") is sensitive:
/// <c>off</c> on every field. They are often filled in on a shared or watched device; a browser that offers or
/// stores a "safe" phone number, an email address or a name could show someone else that the form was used. The
/// accessibility statement says so and how to get help instead.</item>
/// <item>Always <c>off</c>: free text, dates, numbers and answers about someone else (like "the young person's
/// name"), which have no purpose token, and which a browser must not offer to the next person.</item>
/// </list>
/// </remarks>
public static class FormAutocomplete
{
    public const string Off = "off";

    public static string For(FormQuestion question, bool offersAutofill)
    {
        if (!offersAutofill)
        {
            return Off;
        }

        return question.Type switch
        {
            QuestionType.Email => "email",
            QuestionType.UkPhone => "tel",
            QuestionType.UkPostcode => "postal-code",
            QuestionType.Text when question.Tag == "name" => "name",
            QuestionType.Text when question.Tag == "venue-name" => "organization",
            QuestionType.Text or QuestionType.LongText when question.Tag == "venue-address" => "street-address",
            _ => Off,
        };
    }
}
