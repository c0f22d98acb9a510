using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Recipes;
using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

/// <summary>
/// { "name": "dataset", "periods": [ { "code", "label", "start", "end" } ], "indicators": [ { "code", "name", "description",
/// "unit", "direction", "geographies": [...], "source", "published", "sourceNote", "values": [ { "period", "geography",
/// "value", "numerator"?, "denominator"?, "sourceNote" } ] } ] }.
/// Standard periods ("2022/23", "2022/23 Q1", "2022-04", "2022") need no entry in "periods"; other spans do.
/// "surveyMappings": [ { "indicator", "survey" (content item id), "question" (question id), "countedOptions": [...] } ] says
/// where an indicator with source SurveyMapping (listed in the same step) gets its figures.
/// Only what is missing is added: an indicator, value or mapping already on the site is left as staff last set it.
/// </summary>
public sealed class DatasetStep : IRecipeStep
{
    private readonly DatasetDbContext _db;
    private readonly TimeProvider _clock;
    private readonly ISurveyQuestionDirectory? _surveys;

    public DatasetStep(DatasetDbContext db, TimeProvider clock, IEnumerable<ISurveyQuestionDirectory> surveys)
    {
        _db = db;
        _clock = clock;
        _surveys = surveys.FirstOrDefault();
    }

    public string Name => "dataset";

    public int Order => 60;

    public void Validate(JsonObject step, RecipeErrors errors) => ValidateStep(step, errors);

    /// <summary>Checks a step without touching the database, naming each field at fault.</summary>
    public static void ValidateStep(JsonObject step, RecipeErrors errors)
    {
        var spans = new HashSet<string>(StringComparer.Ordinal);
        var periods = RecipeJson.Array(step, "periods", errors, required: false);
        for (var i = 0; periods is not null && i < periods.Count; i++)
        {
            var path = $"periods[{i}]";
            if (periods[i] is not JsonObject period)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            var code = RecipeJson.Text(period, "code", path, errors, maxLength: 40);
            RecipeJson.Text(period, "label", path, errors, maxLength: 200);
            var start = Date(period, "start", path, errors);
            var end = Date(period, "end", path, errors);
            if (start > end)
            {
                errors.Add($"{path}.end", "must not be before start");
            }

            if (code is not null && !spans.Add(code))
            {
                errors.Add($"{path}.code", $"\"{code}\" is listed twice");
            }
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var surveyMapped = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var indicators = RecipeJson.Array(step, "indicators", errors);
        for (var i = 0; indicators is not null && i < indicators.Count; i++)
        {
            var path = $"indicators[{i}]";
            if (indicators[i] is not JsonObject indicator)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            var code = RecipeJson.Text(indicator, "code", path, errors, maxLength: 40);
            if (code is not null && !codes.Add(code))
            {
                errors.Add($"{path}.code", $"\"{code}\" is used by another indicator");
            }

            RecipeJson.Text(indicator, "name", path, errors, maxLength: 200);
            RecipeJson.Text(indicator, "description", path, errors, maxLength: 2000);
            RecipeJson.Text(indicator, "sourceNote", path, errors, maxLength: 1000);
            var unit = Enum<IndicatorUnit>(indicator, "unit", path, errors);
            Enum<Direction>(indicator, "direction", path, errors);
            if (Enum<IndicatorSource>(indicator, "source", path, errors) == IndicatorSource.SurveyMapping && code is not null)
            {
                if (unit != IndicatorUnit.Percentage)
                {
                    errors.Add($"{path}.unit", "must be Percentage for an indicator worked out from a survey");
                }

                surveyMapped.Add(code);
            }

            RecipeJson.Bool(indicator, "published", path, errors, false);
            var geographies = GeographyList(indicator, path, errors);

            var values = RecipeJson.Array(indicator, "values", errors, required: false);
            var seen = new HashSet<(string, string)>();
            for (var j = 0; values is not null && j < values.Count; j++)
            {
                var valuePath = $"{path}.values[{j}]";
                if (values[j] is not JsonObject value)
                {
                    errors.Add(valuePath, "must be an object");
                    continue;
                }

                var period = RecipeJson.Text(value, "period", valuePath, errors, maxLength: 40);
                if (period is not null && FinancialPeriod.Parse(period) is null && !spans.Contains(period))
                {
                    errors.Add($"{valuePath}.period", $"\"{period}\" is neither a standard period (2022/23, 2022/23 Q1, 2022-04, 2022) nor listed in \"periods\"");
                }

                var geography = RecipeJson.Text(value, "geography", valuePath, errors, maxLength: 40);
                if (geography is not null && !geographies.Contains(geography))
                {
                    errors.Add($"{valuePath}.geography", $"\"{geography}\" is not one of the indicator's geographies ({string.Join(", ", geographies)})");
                }

                if (period is not null && geography is not null && !seen.Add((period, geography)))
                {
                    errors.Add(valuePath, $"{period} in {geography} is listed twice");
                }

                RecipeJson.Text(value, "sourceNote", valuePath, errors, maxLength: 1000);
                var number = Number(value, "value", valuePath, errors, required: true);
                var numerator = Number(value, "numerator", valuePath, errors, required: false);
                var denominator = Number(value, "denominator", valuePath, errors, required: false);
                if ((numerator is null) != (denominator is null))
                {
                    errors.Add(valuePath, "must have both numerator and denominator, or neither");
                }
                else if (numerator is not null && unit != IndicatorUnit.Percentage)
                {
                    errors.Add($"{valuePath}.numerator", "is only for percentages");
                }

                if (unit == IndicatorUnit.Count && number is { } count && (count < 0 || count != decimal.Truncate(count)))
                {
                    errors.Add($"{valuePath}.value", "must be a whole number, 0 or more, for a count");
                }
            }
        }

        ValidateSurveyMappings(step, surveyMapped, errors);
    }

    private static void ValidateSurveyMappings(JsonObject step, HashSet<string> surveyMapped, RecipeErrors errors)
    {
        var mapped = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var mappings = RecipeJson.Array(step, "surveyMappings", errors, required: false);
        for (var i = 0; mappings is not null && i < mappings.Count; i++)
        {
            var path = $"surveyMappings[{i}]";
            if (mappings[i] is not JsonObject mapping)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            var indicator = RecipeJson.Text(mapping, "indicator", path, errors, maxLength: 40);
            if (indicator is not null && !surveyMapped.Contains(indicator))
            {
                errors.Add($"{path}.indicator", $"\"{indicator}\" is not an indicator in this step with source SurveyMapping");
            }
            else if (indicator is not null && !mapped.Add(indicator))
            {
                errors.Add($"{path}.indicator", $"\"{indicator}\" is mapped twice");
            }

            RecipeJson.Text(mapping, "survey", path, errors, maxLength: 100);
            RecipeJson.Text(mapping, "question", path, errors, maxLength: 100);
            if (mapping["countedOptions"] is not JsonArray counted || counted.Count == 0
                || counted.Any(c => c is not JsonValue v || !v.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text)))
            {
                errors.Add($"{path}.countedOptions", "must be a list of one or more option values");
            }
        }
    }

    public async Task<int> ApplyAsync(JsonObject step, CancellationToken cancellationToken)
    {
        var changes = 0;
        var periods = await _db.Periods.ToDictionaryAsync(p => p.Code, cancellationToken);
        foreach (var node in step["periods"] as JsonArray ?? [])
        {
            var json = (JsonObject)node!;
            var code = json["code"]!.GetValue<string>();
            if (!periods.ContainsKey(code))
            {
                var period = new Period
                {
                    Code = code, Label = json["label"]!.GetValue<string>(), Kind = PeriodKind.Span,
                    Start = DateOnly.Parse(json["start"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                    End = DateOnly.Parse(json["end"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                };
                _db.Periods.Add(period);
                periods[code] = period;
                changes++;
            }
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        var indicators = await _db.Indicators.ToDictionaryAsync(i => i.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var order = 0;
        foreach (var node in (JsonArray)step["indicators"]!)
        {
            var json = (JsonObject)node!;
            var code = json["code"]!.GetValue<string>();
            order += 10;
            if (!indicators.TryGetValue(code, out var indicator))
            {
                indicator = new Indicator
                {
                    Code = code,
                    Name = json["name"]!.GetValue<string>(),
                    Description = json["description"]!.GetValue<string>(),
                    Unit = System.Enum.Parse<IndicatorUnit>(json["unit"]!.GetValue<string>()),
                    Direction = System.Enum.Parse<Direction>(json["direction"]!.GetValue<string>()),
                    Source = System.Enum.Parse<IndicatorSource>(json["source"]!.GetValue<string>()),
                    Geographies = string.Join(',', ((JsonArray)json["geographies"]!).Select(g => g!.GetValue<string>())),
                    Published = json["published"]?.GetValue<bool>() ?? false,
                    SourceNote = json["sourceNote"]!.GetValue<string>(),
                    SortOrder = order,
                };
                _db.Indicators.Add(indicator);
                indicators[code] = indicator;
                changes++;
            }

            var existing = indicator.Id == 0 ? [] : await _db.Values.Where(v => v.IndicatorId == indicator.Id).Select(v => new { v.Period!.Code, v.Geography }).ToListAsync(cancellationToken);
            foreach (var valueNode in json["values"] as JsonArray ?? [])
            {
                var value = (JsonObject)valueNode!;
                var periodCode = value["period"]!.GetValue<string>();
                var geography = value["geography"]!.GetValue<string>();
                if (existing.Any(e => e.Code == periodCode && e.Geography == geography))
                {
                    continue;
                }

                if (!periods.TryGetValue(periodCode, out var period))
                {
                    period = FinancialPeriod.Parse(periodCode)!;
                    _db.Periods.Add(period);
                    periods[periodCode] = period;
                }

                _db.Values.Add(new DataValue
                {
                    Indicator = indicator,
                    Period = period,
                    Geography = geography,
                    Value = value["value"]!.GetValue<decimal>(),
                    Numerator = value["numerator"]?.GetValue<int>(),
                    Denominator = value["denominator"]?.GetValue<int>(),
                    SourceNote = value["sourceNote"]!.GetValue<string>(),
                    LastChangedBy = "recipe",
                    LastChangedUtc = now,
                    Reason = "Seeded from the BCP Community Safety Partnership Annual Report 2023",
                });
                changes++;
            }
        }

        var mapped = await _db.SurveyMappings.Select(m => m.IndicatorId).ToListAsync(cancellationToken);
        var mappings = step["surveyMappings"] as JsonArray ?? [];
        var surveys = mappings.Count > 0 && _surveys is not null ? await _surveys.SurveysAsync(cancellationToken) : null;
        for (var i = 0; i < mappings.Count; i++)
        {
            var json = (JsonObject)mappings[i]!;
            var indicator = indicators[json["indicator"]!.GetValue<string>()];
            if (indicator.Id != 0 && mapped.Contains(indicator.Id))
            {
                continue;
            }

            var mapping = new SurveyMapping
            {
                Indicator = indicator,
                SurveyFormId = json["survey"]!.GetValue<string>(),
                QuestionId = json["question"]!.GetValue<string>(),
                CountedOptionValues = string.Join('\n', ((JsonArray)json["countedOptions"]!).Select(c => c!.GetValue<string>().Trim())),
            };
            if (surveys is not null)
            {
                CheckAgainstSurveys(mapping, surveys, $"surveyMappings[{i}]");
            }

            _db.SurveyMappings.Add(mapping);
            changes++;
        }

        await _db.SaveChangesAsync(cancellationToken);
        return changes;
    }

    /// <summary>
    /// A mapping must name a survey on the site (earlier steps included), one of its questions answered by choosing, and
    /// answers of that question: otherwise the indicator would quietly never get a figure.
    /// </summary>
    private static void CheckAgainstSurveys(SurveyMapping mapping, IReadOnlyList<MappableSurvey> surveys, string path)
    {
        var survey = surveys.FirstOrDefault(s => s.Id == mapping.SurveyFormId)
            ?? throw new RecipeStepException($"{path}.survey", $"\"{mapping.SurveyFormId}\" is not a survey on the site. Give the content item id of a survey form, added by the content step or already there");
        var question = survey.Questions.FirstOrDefault(q => q.Id == mapping.QuestionId)
            ?? throw new RecipeStepException($"{path}.question", $"\"{mapping.QuestionId}\" is not a question answered by choosing in the survey \"{survey.Title}\". Its questions are: {string.Join(", ", survey.Questions.Select(q => q.Id))}");
        var unknown = mapping.CountedOptions().Where(v => question.Options.All(o => o.Value != v)).ToList();
        if (unknown.Count > 0)
        {
            throw new RecipeStepException($"{path}.countedOptions", $"{string.Join(", ", unknown.Select(v => $"\"{v}\""))} {(unknown.Count == 1 ? "is not an answer" : "are not answers")} to \"{question.Label}\". Its answers are: {string.Join(", ", question.Options.Select(o => o.Value))}");
        }
    }

    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var periods = new JsonArray();
        foreach (var p in await _db.Periods.AsNoTracking().Where(p => p.Kind == PeriodKind.Span).OrderBy(p => p.Start).ToListAsync(cancellationToken))
        {
            periods.Add(new JsonObject { ["code"] = p.Code, ["label"] = p.Label, ["start"] = p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["end"] = p.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        }

        var values = await _db.Values.AsNoTracking().Include(v => v.Period).ToListAsync(cancellationToken);
        var indicators = new JsonArray();
        foreach (var i in await _db.Indicators.AsNoTracking().OrderBy(i => i.SortOrder).ToListAsync(cancellationToken))
        {
            var list = new JsonArray();
            foreach (var v in values.Where(v => v.IndicatorId == i.Id).OrderBy(v => v.Period!.Start).ThenBy(v => v.Geography))
            {
                var json = new JsonObject { ["period"] = v.Period!.Code, ["geography"] = v.Geography, ["value"] = v.Value };
                if (v.Numerator is not null)
                {
                    json["numerator"] = v.Numerator;
                    json["denominator"] = v.Denominator;
                }

                json["sourceNote"] = v.SourceNote ?? i.SourceNote;
                list.Add(json);
            }

            indicators.Add(new JsonObject
            {
                ["code"] = i.Code, ["name"] = i.Name, ["description"] = i.Description, ["unit"] = i.Unit.ToString(),
                ["direction"] = i.Direction.ToString(), ["geographies"] = new JsonArray(i.GeographyList.Select(g => (JsonNode?)g).ToArray()),
                ["source"] = i.Source.ToString(), ["published"] = i.Published, ["sourceNote"] = i.SourceNote, ["values"] = list,
            });
        }

        var mappings = new JsonArray();
        foreach (var m in await _db.SurveyMappings.AsNoTracking().Include(m => m.Indicator).OrderBy(m => m.Indicator!.SortOrder).ToListAsync(cancellationToken))
        {
            mappings.Add(new JsonObject
            {
                ["indicator"] = m.Indicator!.Code, ["survey"] = m.SurveyFormId, ["question"] = m.QuestionId,
                ["countedOptions"] = new JsonArray(m.CountedOptions().Select(c => (JsonNode?)c).ToArray()),
            });
        }

        return new JsonObject { ["periods"] = periods, ["indicators"] = indicators, ["surveyMappings"] = mappings };
    }

    private static DateOnly? Date(JsonObject obj, string field, string path, RecipeErrors errors)
    {
        var text = RecipeJson.Text(obj, field, path, errors, maxLength: 10);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add($"{path}.{field}", "must be a date like 2022-04-01");
        return null;
    }

    private static T? Enum<T>(JsonObject obj, string field, string path, RecipeErrors errors)
        where T : struct, System.Enum
    {
        var text = RecipeJson.Text(obj, field, path, errors, maxLength: 40);
        if (text is null)
        {
            return null;
        }

        if (System.Enum.TryParse<T>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        errors.Add($"{path}.{field}", $"must be one of {string.Join(", ", System.Enum.GetNames<T>())}");
        return null;
    }

    private static List<string> GeographyList(JsonObject indicator, string path, RecipeErrors errors)
    {
        var list = new List<string>();
        if (indicator["geographies"] is not JsonArray array || array.Count == 0)
        {
            errors.Add($"{path}.geographies", $"must be a list of one or more of {string.Join(", ", Geographies.All)}");
            return list;
        }

        for (var g = 0; g < array.Count; g++)
        {
            var text = array[g] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (text is null || !Geographies.All.Contains(text))
            {
                errors.Add($"{path}.geographies[{g}]", $"must be one of {string.Join(", ", Geographies.All)}");
            }
            else
            {
                list.Add(text);
            }
        }

        return list;
    }

    private static decimal? Number(JsonObject obj, string field, string path, RecipeErrors errors, bool required)
    {
        var node = obj[field];
        if (node is null)
        {
            if (required)
            {
                errors.Add($"{path}.{field}", "is missing");
            }

            return null;
        }

        if (node is JsonValue value && value.TryGetValue<decimal>(out var number))
        {
            if (field != "value" && (number < 0 || number != decimal.Truncate(number)))
            {
                errors.Add($"{path}.{field}", "must be a whole number, 0 or more");
            }

            return number;
        }

        errors.Add($"{path}.{field}", "must be a number");
        return null;
    }
}
