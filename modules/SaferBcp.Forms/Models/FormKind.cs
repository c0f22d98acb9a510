namespace SaferBcp.Forms.Models;

/// <summary>
/// A family of forms a module serves and receives, registered as a singleton by that module:
/// for example new FormKind("referral", "refer-yourself", "Self-referral form").
/// Its forms are served at /{PathPrefix}/{slug}; a finished one goes to the <see cref="Services.IFormSubmissionHandler"/> of the same kind.
/// <see cref="SentHeading"/> heads the confirmation page of its forms unless a form sets its own.
/// </summary>
public sealed record FormKind(string Name, string PathPrefix, string DisplayName, string SentHeading = FormKind.DefaultSentHeading)
{
    public const string DefaultSentHeading = "Form sent";
}
