namespace SaferBcp.Forms.Models;

public static class FormTypes
{
    /// <summary>The content type whose <see cref="FormPart"/> is a form.</summary>
    public const string Form = "Form";
}
