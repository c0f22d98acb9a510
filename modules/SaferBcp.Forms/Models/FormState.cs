namespace SaferBcp.Forms.Models;

/// <summary>What a form session holds (encrypted at rest): the answers so far and the pages she has finished.</summary>
public sealed class FormState
{
    public FormAnswers Answers { get; init; } = new();

    /// <summary>Pages whose Continue she has pressed with valid answers (pages with only optional questions count too).</summary>
    public HashSet<string> CompletedPages { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The field hidden from people (<see cref="Services.FormFields.Honeypot"/>) came back filled on some page.</summary>
    public bool HiddenFieldFilled { get; set; }
}
