using System.Globalization;
using System.Text.Json;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;

namespace SaferBcp.Surveys.Services.Results;

/// <summary>
/// A survey's responses coded into small arrays, one per question (see <see cref="ColumnKind"/>), so that
/// counting, filtering and cross-tabulating is a scan of bytes rather than parsing JSON on every request.
/// Rows are only ever appended, by one writer at a time (<see cref="SurveyResultsCache"/>); readers take
/// <see cref="Current"/>, an immutable view of the rows loaded so far, and never wait for the writer.
/// </summary>
public sealed class ResponseMatrix
{
    private volatile MatrixSnapshot _current;

    public ResponseMatrix(FormPart form)
    {
        Signature = SignatureOf(form);
        var columns = new List<MatrixColumn>();
        foreach (var question in form.Pages.SelectMany(p => p.Questions))
        {
            if (question.Tag is { } tag && SurveySubmissionHandler.ContactTags.Contains(tag))
            {
                continue;
            }

            columns.Add(new MatrixColumn(columns.Count, question));
        }

        Columns = columns;
        _current = new MatrixSnapshot(this, 0, 0, 0, columns.Select(ColumnData.Empty).ToArray(), [], []);
    }

    /// <summary>What the coding depends on: a survey whose questions or options change is coded again from the start.</summary>
    public string Signature { get; }

    public IReadOnlyList<MatrixColumn> Columns { get; }

    public MatrixSnapshot Current => _current;

    public MatrixColumn? Find(string questionId) => Columns.FirstOrDefault(c => c.Id == questionId);

    public MatrixColumn? Tagged(string tag) => Columns.FirstOrDefault(c => c.IsSingleChoice && string.Equals(c.Question.Tag, tag, StringComparison.OrdinalIgnoreCase));

    public static string SignatureOf(FormPart form) => string.Join('|', form.Pages.SelectMany(p => p.Questions).Select(q =>
        string.Create(CultureInfo.InvariantCulture, $"{q.Id}:{q.Type}:{q.Tag}:{q.Min}:{q.Max}:{string.Join(',', q.Options.Select(o => o.Value))}")));

    /// <summary>Appends responses (in id order, after every row loaded so far). Call from one writer at a time.</summary>
    public void Append(IReadOnlyList<(int Id, string AnswersJson)> responses)
    {
        if (responses.Count == 0)
        {
            return;
        }

        var current = _current;
        var count = current.Count + responses.Count;
        var data = current.Data;
        var capacity = current.Capacity;
        var channels = current.Channels;
        var ids = current.Ids;
        if (count > capacity)
        {
            capacity = Math.Max(count, Math.Max(1024, capacity * 2));
            data = data.Select(d => d.Grow(capacity)).ToArray();
            Array.Resize(ref channels, capacity);
            Array.Resize(ref ids, capacity);
        }

        var row = current.Count;
        foreach (var (id, json) in responses)
        {
            ids[row] = id;
            var answers = Parse(json);
            channels[row] = Assisted.AssistedChannel.Code(Assisted.AssistedMarks.Channel(answers));
            foreach (var column in Columns)
            {
                var values = answers.GetValueOrDefault(column.Id);
                if (values is { Count: > 0 })
                {
                    Code(column, data[column.Index], row, values);
                }
            }

            row++;
        }

        // Rows at or beyond the old count were invisible to readers until now.
        _current = new MatrixSnapshot(this, count, responses[^1].Id, capacity, data, channels, ids);
    }

    private static Dictionary<string, List<string>> Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, List<string>>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static void Code(MatrixColumn column, ColumnData data, int row, List<string> values)
    {
        switch (column.Kind)
        {
            case ColumnKind.Choice:
                var index = column.OptionIndex(values[0]);
                data.Codes![row] = (byte)(index < 0 ? 0 : index + 1);
                break;
            case ColumnKind.Multi:
                ulong mask = 0;
                foreach (var value in values)
                {
                    var i = column.OptionIndex(value);
                    if (i >= 0)
                    {
                        mask |= 1UL << i;
                    }
                }

                data.Masks![row] = mask;
                break;
            case ColumnKind.Rank:
                foreach (var (value, position) in RatingAnswers.Ranks(values))
                {
                    var i = column.OptionIndex(value);
                    if (i >= 0 && position <= byte.MaxValue)
                    {
                        data.PerOption![i][row] = (byte)position;
                    }
                }

                break;
            case ColumnKind.Rate:
                foreach (var (value, rating) in RatingAnswers.Ratings(values))
                {
                    var i = column.OptionIndex(value);
                    if (i >= 0 && rating >= column.Lowest && rating <= column.Highest && rating - column.Lowest < byte.MaxValue)
                    {
                        data.PerOption![i][row] = (byte)(rating - column.Lowest + 1);
                    }
                }

                break;
            case ColumnKind.Number:
                if (double.TryParse(values[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    data.Numbers![row] = number;
                }

                break;
            default:
                data.Codes![row] = (byte)(values.Any(v => !string.IsNullOrWhiteSpace(v)) ? 1 : 0);
                break;
        }
    }
}

/// <summary>The rows loaded up to one moment: its arrays are never written below <see cref="Count"/>.</summary>
/// <param name="Ids">Each row's response id (for the free-text coding).</param>
/// <param name="Channels">Per row, how the response was given: 0 online, else an assisted channel (<see cref="Assisted.AssistedChannel.Code"/>).</param>
public sealed record MatrixSnapshot(ResponseMatrix Matrix, int Count, int LastId, int Capacity, IReadOnlyList<ColumnData> Data, byte[] Channels, int[] Ids);

/// <summary>The coded answers of one question; only the array its <see cref="ColumnKind"/> needs is allocated.</summary>
public sealed class ColumnData
{
    private ColumnData(MatrixColumn column, int capacity)
    {
        switch (column.Kind)
        {
            case ColumnKind.Multi:
                Masks = new ulong[capacity];
                break;
            case ColumnKind.Rank or ColumnKind.Rate:
                PerOption = column.Options.Select(_ => new byte[capacity]).ToArray();
                break;
            case ColumnKind.Number:
                Numbers = new double[capacity];
                Array.Fill(Numbers, double.NaN);
                break;
            default:
                Codes = new byte[capacity];
                break;
        }

        Column = column;
    }

    public MatrixColumn Column { get; }

    public byte[]? Codes { get; private init; }

    public ulong[]? Masks { get; private init; }

    public byte[][]? PerOption { get; private init; }

    public double[]? Numbers { get; private init; }

    public static ColumnData Empty(MatrixColumn column) => new(column, 0);

    /// <summary>A copy with room for more rows; the old arrays stay as they are for readers still using them.</summary>
    public ColumnData Grow(int capacity)
    {
        var grown = new ColumnData(Column, capacity);
        Codes?.CopyTo(grown.Codes!, 0);
        Masks?.CopyTo(grown.Masks!, 0);
        Numbers?.CopyTo(grown.Numbers!, 0);
        if (PerOption is not null)
        {
            for (var i = 0; i < PerOption.Length; i++)
            {
                PerOption[i].CopyTo(grown.PerOption![i], 0);
            }
        }

        return grown;
    }
}
