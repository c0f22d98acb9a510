using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Assisted;

/// <summary>A problem with one row (row 1 is the column names; 0 is the file as a whole).</summary>
public sealed record PaperProblem(int Row, string Column, string Problem);

/// <param name="ExportedId">The response_id cell, when filled: a row copied from an export of the same survey is a response already counted.</param>
public sealed record PaperRow(int Row, Dictionary<string, List<string>> Answers, DateOnly Month, int? ExportedId);

public sealed record PaperBatchCheck(IReadOnlyList<PaperRow> Rows, IReadOnlyList<PaperProblem> Problems, string Fingerprint)
{
    public bool Succeeded => Problems.Count == 0 && Rows.Count > 0;
}

/// <summary>
/// Reads a CSV of paper responses in the survey's own export columns (<see cref="SurveyExportLayout"/>) and checks
/// every row as the survey's pages check a person's answers (<see cref="AnswerValidator"/>, the same branching), so a
/// paper response is stored exactly as if it had been typed in online. Every problem is listed, with its row.
/// </summary>
public sealed class PaperBatchReader
{
    private readonly AnswerValidator _validator;

    public PaperBatchReader(AnswerValidator validator) => _validator = validator;

    public PaperBatchCheck Read(TextReader text, SurveyInfo survey, DateOnly today)
    {
        var layout = new SurveyExportLayout(survey.Form);
        var known = layout.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var rows = new List<PaperRow>();
        var problems = new List<PaperProblem>();
        var fingerprintRows = new List<string>();
        var formatHelp = $"The first row must name the columns as in this survey\u2019s CSV export ({string.Join(", ", layout.Header.Take(5))}\u2026). Download the export to see them";

        // Answers can be personal: keep them out of exception messages and logs.
        var options = new CsvReaderOptions { Separator = ',', TrimWhitespace = true, IncludeValuesInExceptions = false, NormalizeHeaderName = h => h.Trim() };
        using var csv = CsvReader.Create(text, options, leaveOpen: true);
        try
        {
            csv.ReadHeader();
            var headers = csv.Headers.Select(h => h.Trim()).ToList();
            if (headers.Count == 0 || headers.All(h => h.Length == 0))
            {
                return Fail("The file is empty. " + formatHelp);
            }

            if (headers[0].StartsWith("PK", StringComparison.Ordinal) || !headers.Any(known.Contains))
            {
                return Fail("This is not a CSV file of this survey\u2019s responses. " + formatHelp + ". A spreadsheet must be saved as \u2018CSV UTF-8 (comma delimited)\u2019");
            }

            foreach (var unknown in headers.Where(h => !known.Contains(h) && !Coding.ThemeColumns.IsThemeColumn(h)).Distinct())
            {
                problems.Add(new PaperProblem(1, unknown, $"The column \u2018{unknown}\u2019 is not a column of this survey. Take it out, or check its spelling against the export"));
            }

            if (problems.Count > 0)
            {
                return new PaperBatchCheck(rows, problems, "");
            }

            var present = headers.ToHashSet(StringComparer.Ordinal);
            while (csv.Read())
            {
                // The spreadsheet's row number: the column names are row 1.
                var row = (int)csv.RowNumber + 1;
                var cells = layout.Columns.Where(c => present.Contains(c.Name)).ToDictionary(c => c.Name, c => (csv.GetString(c.Name) ?? "").Trim(), StringComparer.Ordinal);
                if (cells.Values.All(v => v.Length == 0))
                {
                    continue;
                }

                fingerprintRows.Add(string.Join('\u001f', cells.Where(c => c.Key != SurveyExportLayout.IdColumn).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key + "=" + c.Value)));
                var rowProblems = new List<PaperProblem>();
                var parsed = CheckRow(row, cells, survey.Form, today, rowProblems);
                problems.AddRange(rowProblems);
                if (parsed is not null)
                {
                    rows.Add(parsed);
                }
            }
        }
        catch (CsvFormatException ex)
        {
            problems.Add(new PaperProblem((int)ex.RecordNumber, "", "The file could not be read as CSV. Save it from your spreadsheet as \u2018CSV UTF-8 (comma delimited)\u2019 and try again"));
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new PaperProblem(2, "", "The file has column names but no responses"));
        }

        return new PaperBatchCheck(rows, problems, Fingerprint(fingerprintRows));

        PaperBatchCheck Fail(string message) => new([], [new PaperProblem(0, "", message)], "");
    }

    /// <summary>Order-independent, so a file sorted differently in a spreadsheet is still the same file.</summary>
    private static string Fingerprint(List<string> rows)
    {
        rows.Sort(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows))));
    }

    private PaperRow? CheckRow(int row, Dictionary<string, string> cells, FormPart form, DateOnly today, List<PaperProblem> problems)
    {
        string Cell(string column) => cells.GetValueOrDefault(column, "");
        void Problem(string column, string message) => problems.Add(new PaperProblem(row, column, message));

        int? exportedId = null;
        if (Cell(SurveyExportLayout.IdColumn) is { Length: > 0 } idText)
        {
            if (int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                exportedId = id;
            }
            else
            {
                Problem(SurveyExportLayout.IdColumn, "Leave response_id empty for a paper response: the portal gives each response its number");
            }
        }

        var day = today;
        if (Cell(SurveyExportLayout.DateColumn) is { Length: > 0 } dateText)
        {
            if (!DateOnly.TryParseExact(dateText, ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                Problem(SurveyExportLayout.DateColumn, $"\u2018{dateText}\u2019 is not a date. Write the day the response was given like 2026-11-03 or 3/11/2026, or leave it empty for today");
            }
            else if (day > today)
            {
                Problem(SurveyExportLayout.DateColumn, "The date is in the future. Write the day the response was given, or leave it empty for today");
            }
        }

        if (Cell(SurveyExportLayout.AssistedColumn) is { Length: > 0 } assisted && !string.Equals(assisted, "yes", StringComparison.OrdinalIgnoreCase))
        {
            Problem(SurveyExportLayout.AssistedColumn, "Every imported response was entered by staff, so response_assisted must be yes or empty. Responses given online are already in the survey they were given to");
        }

        var channel = Cell(SurveyExportLayout.ChannelColumn) is { Length: > 0 } channelText ? channelText.ToLowerInvariant() : AssistedChannel.Paper;
        if (!AssistedChannel.IsKnown(channel))
        {
            Problem(SurveyExportLayout.ChannelColumn, $"\u2018{Cell(SurveyExportLayout.ChannelColumn)}\u2019 is not a way of answering. Use {string.Join(", ", AssistedChannel.All.Select(c => c.Value))}, or leave it empty for paper");
        }

        var organisation = Cell(SurveyExportLayout.OrganisationColumn);
        if (organisation.Length > AssistedMarks.OrganisationMaxLength)
        {
            Problem(SurveyExportLayout.OrganisationColumn, $"The organisation must be {AssistedMarks.OrganisationMaxLength} characters or fewer");
        }

        var answers = CheckAnswers(form, cells, Problem);
        if (problems.Count > 0)
        {
            return null;
        }

        AssistedMarks.Mark(answers, channel, organisation);
        return new PaperRow(row, answers, AssistedMarks.Month(day), exportedId);
    }

    /// <summary>The answers as the survey's pages would store them: each question checked as its page checks it, only those on the person's route kept.</summary>
    private Dictionary<string, List<string>> CheckAnswers(FormPart form, Dictionary<string, string> cells, Action<string, string> problem)
    {
        var questions = form.Pages.SelectMany(p => p.Questions)
            .Where(q => q.Tag is not { } tag || !SurveySubmissionHandler.ContactTags.Contains(tag)).ToList();
        var results = new Dictionary<string, (FormQuestion Question, AnswerResult Result, string Column, bool Given)>(StringComparer.Ordinal);
        var answers = new FormAnswers();
        foreach (var question in questions)
        {
            var (posted, column, given, badCell) = Posted(question, cells);
            if (badCell is not null)
            {
                problem(column, badCell);
                continue;
            }

            var result = _validator.Check(question, name => posted.GetValueOrDefault(name) ?? []);
            results[question.Id] = (question, result, column, given);
            if (result.IsValid && result.Values.Count > 0)
            {
                answers.Set(question.Id, result.Values);
            }
        }

        var journey = new FormJourney(form);
        var route = journey.Route(answers);
        var onRoute = route.Where(p => !p.EndsJourney).SelectMany(p => p.Questions).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, (question, result, column, given)) in results)
        {
            if (onRoute.Contains(id))
            {
                if (!result.IsValid)
                {
                    var choices = FormFields.IsChoice(question.Type) && question.Type != QuestionType.MultipleChoice
                        ? $" (use one of: {string.Join(", ", FormFields.Options(question).Select(o => o.Value))})"
                        : "";
                    problem(column, result.Error + choices);
                }
            }
            else if (given)
            {
                problem(column, "With the other answers in this row, the survey does not ask this question. Leave it empty, or check the answers it depends on");
            }
        }

        if (route.Count > 0 && route[^1].EndsJourney)
        {
            problem("", $"With these answers the survey stops at the page \u2018{route[^1].Title}\u2019, so they cannot be sent as a response");
        }

        return journey.AnswersOnRoute(answers).Values.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal);
    }

    /// <summary>A question's cells as the fields its page would post; a cell that cannot be read gives a problem instead.</summary>
    private static (Dictionary<string, IReadOnlyList<string>> Posted, string Column, bool Given, string? Problem) Posted(FormQuestion question, Dictionary<string, string> cells)
    {
        var posted = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (question.Type is QuestionType.MultipleChoice or QuestionType.Rank or QuestionType.Rate)
        {
            var chosen = new List<string>();
            var given = false;
            for (var i = 0; i < question.Options.Count; i++)
            {
                var column = $"{question.Id}_{question.Options[i].Value}";
                var cell = cells.GetValueOrDefault(column, "");
                if (cell.Length == 0)
                {
                    continue;
                }

                if (question.Type == QuestionType.MultipleChoice)
                {
                    if (cell is not ("0" or "1"))
                    {
                        return (posted, column, true, $"Write 1 if \u2018{question.Options[i].Label}\u2019 was ticked, and 0 or nothing if not");
                    }

                    given |= cell == "1";
                    if (cell == "1")
                    {
                        chosen.Add(question.Options[i].Value);
                    }
                }
                else
                {
                    given = true;
                    posted[FormFields.OptionFieldName(question, i)] = [cell];
                }
            }

            if (question.Type == QuestionType.MultipleChoice)
            {
                posted[question.Id] = chosen;
            }

            return (posted, question.Options.Count > 0 ? $"{question.Id}_{question.Options[0].Value}" : question.Id, given, null);
        }

        var value = cells.GetValueOrDefault(question.Id, "");
        if (question.Type == QuestionType.Date)
        {
            if (value.Length > 0)
            {
                if (!DateOnly.TryParseExact(value, ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return (posted, question.Id, true, $"\u2018{value}\u2019 is not a date. Write it like 2026-11-03 or 3/11/2026");
                }

                posted[question.Id + "-day"] = [date.Day.ToString(CultureInfo.InvariantCulture)];
                posted[question.Id + "-month"] = [date.Month.ToString(CultureInfo.InvariantCulture)];
                posted[question.Id + "-year"] = [date.Year.ToString(CultureInfo.InvariantCulture)];
            }

            return (posted, question.Id, value.Length > 0, null);
        }

        // Several answers to one question arrive joined with "; ", as the export writes them.
        posted[question.Id] = [value];
        return (posted, question.Id, value.Length > 0, null);
    }
}
