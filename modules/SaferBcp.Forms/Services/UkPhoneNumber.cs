namespace SaferBcp.Forms.Services;

/// <summary>
/// UK phone numbers as people write them: 01202 123456, (01202) 123456, 07700900123, +44 7700 900123,
/// +44 (0)7700 900123, 0044 7700 900123. Letters and numbers too short or too long are refused.
/// </summary>
public static class UkPhoneNumber
{
    /// <summary>The number as typed, with its spacing tidied, or null when it is not a UK phone number.</summary>
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 30)
        {
            return null;
        }

        var trimmed = text.Trim();
        var digits = new System.Text.StringBuilder();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && i == 0)
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.'))
            {
                return null;
            }
        }

        var number = digits.ToString();
        string national;
        if (number.StartsWith("+44", StringComparison.Ordinal))
        {
            national = number[3..];
        }
        else if (number.StartsWith("0044", StringComparison.Ordinal))
        {
            national = number[4..];
        }
        else if (number.StartsWith('0'))
        {
            national = number[1..];
        }
        else
        {
            return null;
        }

        // "+44 (0)7700 900123": the trunk zero written after the country code.
        if (number[0] != '0' && national.StartsWith('0'))
        {
            national = national[1..];
        }

        if (national.Length is < 9 or > 10 || national.StartsWith('0'))
        {
            return null;
        }

        return string.Join(' ', trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public static bool IsValid(string? text) => Normalise(text) is not null;
}
