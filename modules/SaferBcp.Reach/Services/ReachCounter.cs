using System.Collections.Concurrent;
using SaferBcp.Cms.Content;

namespace SaferBcp.Reach.Services;

/// <summary>One count this node holds until it is flushed: the day, what was counted, its subject and any referring domain.</summary>
public readonly record struct CountKey(DateOnly Day, string Measure, string Subject, string Domain);

/// <summary>
/// This node's counts since the last flush, in memory: an increment is a dictionary look-up and an atomic add, with no
/// database work on the request. <see cref="ReachFlushJob"/> takes them and adds them to the day's rows.
/// </summary>
public sealed class ReachCounter
{
    /// <summary>
    /// The most distinct counts held between flushes. A page address or referring domain is chosen by whoever sends the
    /// request, so without a ceiling a flood of made-up referrers could fill the memory; beyond it new ones are not counted.
    /// </summary>
    public const int MaxKeys = 20_000;

    private readonly ConcurrentDictionary<CountKey, Tally> _counts = new();
    private readonly TimeProvider _clock;
    private int _keys;

    public ReachCounter(TimeProvider clock) => _clock = clock;

    public void Add(string measure, string subject, string domain = "")
    {
        var key = new CountKey(UkTime.Today(_clock), measure, subject, domain);
        if (!_counts.TryGetValue(key, out var tally))
        {
            if (Volatile.Read(ref _keys) >= MaxKeys)
            {
                return;
            }

            var fresh = new Tally();
            tally = _counts.GetOrAdd(key, fresh);
            if (ReferenceEquals(tally, fresh))
            {
                Interlocked.Increment(ref _keys);
            }
        }

        Interlocked.Increment(ref tally.Value);
    }

    /// <summary>Takes every count held (leaving zero behind) and forgets those of past days that have nothing left.</summary>
    public IReadOnlyList<KeyValuePair<CountKey, long>> Take()
    {
        var today = UkTime.Today(_clock);
        var taken = new List<KeyValuePair<CountKey, long>>();
        foreach (var (key, tally) in _counts)
        {
            var count = Interlocked.Exchange(ref tally.Value, 0);
            if (count > 0)
            {
                taken.Add(new(key, count));
            }
            else if (key.Day < today && _counts.TryRemove(new KeyValuePair<CountKey, Tally>(key, tally)))
            {
                Interlocked.Decrement(ref _keys);
            }
        }

        return taken;
    }

    /// <summary>Puts counts back after a flush that could not be saved, so the next flush tries them again.</summary>
    public void GiveBack(IEnumerable<KeyValuePair<CountKey, long>> counts)
    {
        foreach (var (key, count) in counts)
        {
            var tally = _counts.GetOrAdd(key, _ => new Tally());
            Interlocked.Add(ref tally.Value, count);
        }
    }

    private sealed class Tally
    {
        public long Value;
    }
}
