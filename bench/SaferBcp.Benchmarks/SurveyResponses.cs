using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SaferBcp.Cms.Content;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Benchmarks;

/// <summary>
/// Generator for the survey export benchmark (bench/survey-exports.sh): inserts generated responses to a published
/// survey straight into the portal's SQLite file, in big transactions, beside the running portal (WAL mode).
/// The answers follow the survey's published form: every page whose conditions hold, every question type, a skewed
/// spread over each question's options, optional questions sometimes skipped, free text with made-up email
/// addresses, phone numbers, postcodes and names (so the exports' masking has work to do), and days spread over the
/// two years up to --today. Contact questions are left out, as the portal stores them apart.
/// </summary>
internal static class SurveyResponses
{
    private const string Usage = "survey-responses --db PATH/portal.db --survey CONTENT_ITEM_ID --count N [--seed 20261128] [--today yyyy-MM-dd] [--batch 10000]";

    public static int Run(string[] args)
    {
        string? db = null, survey = null;
        int count = 0, seed = 20261128, batch = 10_000;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--db": db = Value(); break;
                case "--survey": survey = Value(); break;
                case "--count": count = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--today": today = DateOnly.ParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"Unknown argument {args[i]}. Use {Usage}"); return 2;
            }
        }

        if (db is null || survey is null || count <= 0 || batch <= 0 || !File.Exists(db))
        {
            Console.Error.WriteLine($"Use {Usage} (the database file must exist: start the portal first).");
            return 2;
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false, DefaultTimeout = 60 }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // Wait for the portal's own writes with SQLite's busy handler rather than failing.
            pragma.CommandText = "PRAGMA busy_timeout=60000;";
            pragma.ExecuteNonQuery();
        }

        var form = ReadPublishedForm(connection, survey);
        if (form is null)
        {
            Console.Error.WriteLine($"No published survey form \"{survey}\" in {db}: publish it first (bench/survey-exports.sh does, through the back office).");
            return 1;
        }

        // Seeded by the rows already there too, so a top-up does not repeat the first run's answers.
        var before = Scalar(connection, "SELECT COUNT(*) FROM Surveys_Responses WHERE SurveyContentItemId = $s", survey);
        var generator = new AnswerGenerator(form, seed + (int)before, today);
        Console.WriteLine($"  generating {count:N0} responses to \"{survey}\" ({form.Pages.Sum(p => p.Questions.Count)} questions on {form.Pages.Count} pages; {before:N0} responses already stored), days {generator.FirstDay:yyyy-MM-dd} to {today:yyyy-MM-dd}, {batch:N0} rows per transaction");

        var clock = Stopwatch.StartNew();
        long bytes = 0;
        for (var done = 0; done < count;)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO Surveys_Responses (SurveyContentItemId, ResponseDate, AnswersJson) VALUES ($s, $d, $a)";
            var s = insert.Parameters.Add("$s", SqliteType.Text);
            var d = insert.Parameters.Add("$d", SqliteType.Text);
            var a = insert.Parameters.Add("$a", SqliteType.Text);
            insert.Prepare();
            s.Value = survey;
            for (var n = 0; n < batch && done < count; n++, done++)
            {
                var (day, answers) = generator.Next();
                var json = JsonSerializer.Serialize(answers);
                bytes += json.Length;
                d.Value = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                a.Value = json;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        var after = Scalar(connection, "SELECT COUNT(*) FROM Surveys_Responses WHERE SurveyContentItemId = $s", survey);
        Console.WriteLine($"  inserted {count:N0} in {clock.Elapsed.TotalSeconds:F1} s ({count / clock.Elapsed.TotalSeconds:N0} rows/s), mean AnswersJson {bytes / (double)count:N0} chars; the survey now has {after:N0} responses");
        Console.WriteLine($"  generated spread: {generator.Summary()}");
        return after == before + count ? 0 : 1;
    }

    private static FormPart? ReadPublishedForm(SqliteConnection connection, string survey)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Data FROM ContentItems WHERE ContentItemId = $id AND Published = 1";
        command.Parameters.AddWithValue("$id", survey);
        if (command.ExecuteScalar() is not string data)
        {
            return null;
        }

        var form = JsonNode.Parse(data)?["FormPart"]?.Deserialize<FormPart>(ContentJson.Options);
        return form is { Kind: SurveyKind.Name } ? form : null;
    }

    private static long Scalar(SqliteConnection connection, string sql, string survey)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", survey);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}

/// <summary>Walks a survey form as a respondent would and answers it, from a fixed seed.</summary>
internal sealed class AnswerGenerator
{
    private const int Days = 730;
    private readonly FormPart _form;
    private readonly Random _random;
    private readonly DateOnly _today;

    // Each question's options get their own fixed, uneven popularity, so the spread looks like real answers.
    private readonly Dictionary<string, double[]> _weights = new(StringComparer.Ordinal);
    private long _responses;
    private long _freeText;
    private long _personal;

    public AnswerGenerator(FormPart form, int seed, DateOnly today)
    {
        _form = form;
        _random = new Random(seed);
        _today = today;
        var weights = new Random(20261128);
        foreach (var question in form.Pages.SelectMany(p => p.Questions))
        {
            var options = FormFields.Options(question);
            _weights[question.Id] = Enumerable.Range(0, options.Count).Select(i => 1.0 / (1 + ((i + weights.Next(options.Count)) % Math.Max(1, options.Count))) + 0.05).ToArray();
        }
    }

    public DateOnly FirstDay => _today.AddDays(-(Days - 1));

    public (DateOnly Day, Dictionary<string, List<string>> Answers) Next()
    {
        _responses++;

        // More responses recently than two years ago (a survey is promoted now and then): skewed towards today.
        var back = (int)(Days * Math.Pow(_random.NextDouble(), 1.6));
        var day = _today.AddDays(-Math.Min(back, Days - 1));
        var answers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var page in _form.Pages)
        {
            if (!page.ShowWhen.All(c => Holds(c, answers)))
            {
                continue;
            }

            foreach (var question in page.Questions)
            {
                if (question.Tag is { } tag && SurveySubmissionHandler.ContactTags.Contains(tag) && tag != "contact-opt-in")
                {
                    continue;
                }

                var skip = !question.Required && _random.NextDouble() < SkipChance(question.Type);
                if (!skip && Answer(question) is { Count: > 0 } values)
                {
                    answers[question.Id] = values;
                }
            }

            if (page.EndsJourney)
            {
                break;
            }
        }

        // The opt-in question itself is not stored either (the portal's SurveySubmissionHandler.Split removes it).
        foreach (var question in _form.Pages.SelectMany(p => p.Questions).Where(q => q.Tag is { } t && SurveySubmissionHandler.ContactTags.Contains(t)))
        {
            answers.Remove(question.Id);
        }

        return (day, answers);
    }

    public string Summary() =>
        string.Create(CultureInfo.InvariantCulture, $"{_freeText:N0} free-text answers, {_personal:N0} of them with a made-up email, phone number, postcode or name ({100.0 * _personal / Math.Max(1, _freeText):F0} %)");

    private static double SkipChance(QuestionType type) => type switch
    {
        QuestionType.Text or QuestionType.LongText => 0.45,
        QuestionType.Email or QuestionType.UkPhone or QuestionType.UkPostcode => 0.5,
        _ => 0.07,
    };

    private static bool Holds(FormCondition condition, Dictionary<string, List<string>> answers)
    {
        var values = answers.GetValueOrDefault(condition.QuestionId) ?? [];
        return condition.Operator switch
        {
            ConditionOperator.AnyOf => values.Any(condition.Values.Contains),
            ConditionOperator.NoneOf => !values.Any(condition.Values.Contains),
            _ => values.Any(v => v.Length > 0),
        };
    }

    private List<string> Answer(FormQuestion question)
    {
        var options = FormFields.Options(question);
        var weights = _weights[question.Id];
        switch (question.Type)
        {
            case QuestionType.SingleChoice or QuestionType.Select or QuestionType.YesNo or QuestionType.Scale when options.Count > 0:
                return [options[Pick(weights)].Value];

            case QuestionType.MultipleChoice when options.Count > 0:
            {
                var max = weights.Max();
                var chosen = options.Where((_, i) => _random.NextDouble() < 0.6 * weights[i] / max).Select(o => o.Value).ToList();
                return chosen.Count > 0 || !question.Required ? chosen : [options[Pick(weights)].Value];
            }

            case QuestionType.Rank when options.Count > 0:
            {
                // Weighted order without replacement; an optional question is sometimes ranked only in part.
                var left = Enumerable.Range(0, options.Count).ToList();
                var take = question.Required || _random.NextDouble() < 0.7 ? options.Count : 1 + _random.Next(options.Count);
                var ranked = new List<string>(take);
                while (ranked.Count < take)
                {
                    var at = Pick(left.Select(i => weights[i]).ToArray());
                    ranked.Add(options[left[at]].Value);
                    left.RemoveAt(at);
                }

                return ranked;
            }

            case QuestionType.Rate when options.Count > 0:
            {
                var (lowest, highest) = RatingAnswers.Range(question);
                var rated = new List<string>(options.Count);
                for (var i = 0; i < options.Count; i++)
                {
                    if (question.Required || _random.NextDouble() < 0.9)
                    {
                        // Each option leans to its own end of the range.
                        var lean = weights[i] / weights.Max();
                        var r = Math.Clamp(_random.NextDouble() * 0.6 + lean * 0.4, 0, 0.999);
                        rated.Add(RatingAnswers.Format(options[i].Value, lowest + (int)(r * (highest - lowest + 1))));
                    }
                }

                return rated;
            }

            case QuestionType.Text or QuestionType.LongText:
                return [FreeText(question)];

            case QuestionType.Email:
                return [$"{Pick(FirstNames).ToLowerInvariant()}.{_random.Next(10, 999)}@example.com"];

            case QuestionType.UkPhone:
                return [Phone()];

            case QuestionType.UkPostcode:
                return [Postcode()];

            case QuestionType.Number:
            {
                var lowest = (int)(question.Min ?? 0);
                var highest = (int)(question.Max ?? lowest + 100);
                return [_random.Next(lowest, Math.Max(lowest, highest) + 1).ToString(CultureInfo.InvariantCulture)];
            }

            case QuestionType.Date:
                return [_today.AddDays(-_random.Next(1, 3650)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];

            default:
                return [];
        }
    }

    private int Pick(double[] weights)
    {
        var x = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private string Pick(string[] words) => words[_random.Next(words.Length)];

    private string FreeText(FormQuestion question)
    {
        _freeText++;
        var sentences = question.Type == QuestionType.LongText ? 1 + (int)(5 * Math.Pow(_random.NextDouble(), 2)) : 1;
        var text = new List<string>(sentences + 1);
        for (var i = 0; i < sentences; i++)
        {
            text.Add(Pick(Sentences));
        }

        // About one answer in six gives away something personal, despite the hint: the masking has to catch it.
        if (_random.NextDouble() < 0.17)
        {
            _personal++;
            text.Insert(_random.Next(text.Count + 1), _random.Next(4) switch
            {
                0 => $"You can email me at {Pick(FirstNames).ToLowerInvariant()}{_random.Next(1, 99)}@example.com.",
                1 => $"My number is {Phone()} if you want to talk.",
                2 => $"I live near {Postcode()}.",
                _ => $"My name is {Pick(FirstNames)} {Pick(LastNames)}.",
            });
        }

        var joined = string.Join(" ", text);
        return question.MaxLength is { } max && joined.Length > max ? joined[..max] : joined;
    }

    // Numbers from Ofcom's ranges reserved for drama (07700 900000-900999, 01632 960000-960999): never a real line.
    private string Phone() => _random.Next(2) == 0 ? $"07700 900{_random.Next(1000):D3}" : $"01632 960{_random.Next(1000):D3}";

    private string Postcode() => $"BH{_random.Next(1, 26)} {_random.Next(1, 10)}{(char)('A' + _random.Next(26))}{(char)('A' + _random.Next(26))}";

    private static readonly string[] FirstNames = ["Sam", "Alex", "Jo", "Chris", "Jamie", "Morgan", "Taylor", "Charlie", "Robin", "Kim"];

    private static readonly string[] LastNames = ["Smith", "Jones", "Taylor", "Brown", "Evans", "Walker", "Green", "Hughes"];

    private static readonly string[] Sentences =
    [
        "It took a long time before anyone listened to me.",
        "The worker I spoke to was kind and did not judge me.",
        "I did not know where to go for help at first.",
        "Having someone to talk to every week made a big difference.",
        "I needed help with housing more than anything else.",
        "The waiting list was too long and I nearly gave up.",
        "Being believed was the most important thing.",
        "I would have liked more help for my children.",
        "Information online was confusing and out of date.",
        "The helpline was there when I needed it in the night.",
        "I felt safer once the locks were changed.",
        "Court was very stressful and I had no one with me.",
        "A group with other people who had been through it helped me recover.",
        "I worried that asking for help would make things worse.",
        "Support should carry on for longer after you leave.",
        "My GP was the first person I told.",
        "I still need help with money and debts he left me with.",
        "The children's school noticed before I said anything.",
        "Counselling helped but it ended too soon.",
        "Please make it easier to get help without phoning.",
    ];
}
