namespace SaferBcp.Support.Services;

/// <summary>A way to get help in an emergency, shown before any service on every result list.</summary>
public sealed record EmergencyNumber(string Heading, string Text, string? Number, string? Dial);

/// <summary>
/// Worded after the police's and Relay UK's public guidance: 999; the Silent Solution (55 on a mobile when
/// you cannot speak); 18000 through text relay; emergencySMS for people who have registered; 101 when it is not an emergency.
/// </summary>
public static class EmergencyNumbers
{
    public static readonly IReadOnlyList<EmergencyNumber> All =
    [
        new("If you are in danger now, call 999", "Call 999 if you or someone else is in danger now, or a crime is happening now.", "999", "999"),
        new("If you cannot speak", "Call 999 from a mobile and listen to the questions. If you can, cough or tap the phone. When you are asked, press 55 to be put through to the police. This is called the Silent Solution. On a landline, stay on the line.", null, null),
        new("If you are deaf, hard of hearing or speech-impaired", "Call 18000 using Relay UK (the app or a textphone). You can also text 999 if you have registered with emergencySMS: to register, text \u2018register\u2019 to 999.", "18000", "18000"),
        new("When it is not an emergency", "Call the police on 101.", "101", "101"),
    ];
}
