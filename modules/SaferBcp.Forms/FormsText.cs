namespace SaferBcp.Forms;

/// <summary>
/// The forms engine's interface strings (buttons, check your answers, validation messages, confirmation), keyed by
/// their English text. Translations are in FormsText.{culture}.resx, each with a comment recording its review
/// against the English original. A form's own questions are translated with the form (<see cref="Models.FormTranslation"/>).
/// </summary>
public sealed class FormsText
{
}
