using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using SaferBcp.Email.Models;

namespace SaferBcp.Email.Services;

/// <summary>A problem with a template, in plain English, for the field it is in ("Subject" or "Body").</summary>
public sealed record TemplateProblem(string Field, string Message);

/// <summary>
/// Parses, checks and renders Liquid (Fluid) for plain-text email. Values are written as they are (no HTML
/// encoding: "&amp;" stays "&amp;" in a text email), only the declared variables are given to a template, and a
/// template that refers to any other name is refused before it is saved.
/// </summary>
public sealed partial class LiquidTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();

    /// <summary>Parsed templates by their source: a template is parsed once, not for every email (parsed templates are immutable).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);
    private const int MaxParsed = 200;

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            CultureInfo = CultureInfo.GetCultureInfo("en-GB"),
            MaxSteps = 100_000,
            MaxRecursion = 20,
        };
        try
        {
            options.TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            options.TimeZone = TimeZoneInfo.Utc;
        }

        return options;
    }

    /// <summary>Problems with one template text; none when it may be saved.</summary>
    public IReadOnlyList<TemplateProblem> Check(string field, string label, string? source, IReadOnlyCollection<EmailTemplateVariable> variables)
    {
        var problems = new List<TemplateProblem>();
        if (string.IsNullOrWhiteSpace(source))
        {
            problems.Add(new(field, $"Enter the {label}"));
            return problems;
        }

        if (!Parser.TryParse(source, out var template, out var error))
        {
            problems.Add(new(field, DescribeParseError(label, source, error)));
            return problems;
        }

        var allowed = new HashSet<string>(variables.Select(v => v.Name), StringComparer.Ordinal);
        var names = new NameCollector();
        names.VisitTemplate(template);
        foreach (var name in names.Used.Where(n => !allowed.Contains(n) && !names.Local.Contains(n) && n != "forloop").Distinct())
        {
            problems.Add(new(field, $"{LineOf(label, source, name)}: there is no variable called \u2018{name}\u2019. Use one of the variables listed"));
        }

        return problems;
    }

    /// <summary>Renders a template that has passed <see cref="Check"/>. Variables not declared are left out.</summary>
    public async Task<string> RenderAsync(string source, IReadOnlyDictionary<string, object?> values, IReadOnlyCollection<EmailTemplateVariable> variables)
    {
        if (!Parsed.TryGetValue(source, out var template))
        {
            if (!Parser.TryParse(source, out template, out var error))
            {
                throw new InvalidOperationException("The template is not valid Liquid: " + error);
            }

            if (Parsed.Count >= MaxParsed)
            {
                // Staff edits leave old sources behind; a few hundred are plenty for the templates in use.
                Parsed.Clear();
            }

            Parsed[source] = template;
        }

        var context = new TemplateContext(Options);
        foreach (var variable in variables)
        {
            if (values.TryGetValue(variable.Name, out var value))
            {
                context.SetValue(variable.Name, value);
            }
        }

        return await template.RenderAsync(context, NullEncoder.Default);
    }

    private static string DescribeParseError(string label, string source, string? error)
    {
        // Fluid reports "<reason> at (line:column)".
        var match = PositionPattern().Match(error ?? "");
        var line = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
        var reason = (match.Success ? (error ?? "")[..match.Index] : error ?? "").Trim();
        reason = reason.EndsWith(" at", StringComparison.Ordinal) ? reason[..^3].TrimEnd() : reason;
        line = Math.Clamp(line, 1, source.ReplaceLineEndings("\n").Split('\n').Length);
        return $"Line {line} of the {label}: {PlainReason(reason)}";
    }

    private static string PlainReason(string reason)
    {
        if (ExpectedEndPattern().Match(reason) is { Success: true } end)
        {
            var tag = end.Groups[1].Value;
            return $"{{% end{tag} %}} is missing. Every {{% {tag} %}} needs an {{% end{tag} %}} after it";
        }

        if (reason.StartsWith("End of tag '}}' was expected", StringComparison.Ordinal))
        {
            return "a {{ is not closed. Put }} after the variable";
        }

        if (reason.StartsWith("An identifier was expected after the '|' sign", StringComparison.Ordinal))
        {
            return "a | must be followed by the name of a filter, like | upcase";
        }

        if (UnknownTagPattern().Match(reason) is { Success: true } unknown)
        {
            return $"there is no tag called \u2018{unknown.Groups[1].Value}\u2019 here. Check its spelling, and that an end tag has its start tag before it";
        }

        return $"the Liquid is not right ({reason}). Check that every {{{{ has a matching }}}} and every {{% if %}} has an {{% endif %}}";
    }

    [GeneratedRegex(@"^'\{% end(\w+) %\}' was expected")]
    private static partial Regex ExpectedEndPattern();

    [GeneratedRegex(@"^Unknown tag '([^']+)'")]
    private static partial Regex UnknownTagPattern();

    private static string LineOf(string label, string source, string name)
    {
        var lines = source.ReplaceLineEndings("\n").Split('\n');
        var word = new Regex(@"(?<![\w.])" + Regex.Escape(name) + @"(?![\w-])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match tag in TagPattern().Matches(lines[i]))
            {
                if (word.IsMatch(tag.Value))
                {
                    return $"Line {i + 1} of the {label}";
                }
            }
        }

        return $"The {label}";
    }

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();

    [GeneratedRegex(@"\{\{.*?(\}\}|$)|\{%.*?(%\}|$)")]
    private static partial Regex TagPattern();

    /// <summary>Collects the first name of every variable a template reads, and the names it defines itself.</summary>
    private sealed class NameCollector : AstVisitor
    {
        public List<string> Used { get; } = [];

        public HashSet<string> Local { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (memberExpression.Segments.Count > 0 && memberExpression.Segments[0] is IdentifierSegment first)
            {
                Used.Add(first.Identifier);
            }

            return base.VisitMemberExpression(memberExpression);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            Local.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            Local.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            Local.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }
    }
}
