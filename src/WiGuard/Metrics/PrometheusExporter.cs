using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using WiGuard.Core.Telemetry;

namespace WiGuard.Metrics;

/// <summary>
/// Aggregates the WiGuard Meter's instruments and renders them in the Prometheus text
/// exposition format (version 0.0.4). Written by hand because no Prometheus exporter package
/// is available; it supports exactly what WiGuard records: counters, up-down counters,
/// observable gauges and histograms.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly double[] Bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Series> _series = new();

    public PrometheusExporter(string meterName = WiGuardMeter.Name)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name != meterName) return;
            _series.TryAdd(instrument, new Series(instrument));
            listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var series in _series.Values.OrderBy(s => s.Instrument.Name, StringComparer.Ordinal))
            series.Render(text);
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_series.TryGetValue(instrument, out var series)) series.Record(value, Labels(tags));
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0) return "";
        var pairs = new List<string>(tags.Length);
        foreach (var tag in tags)
            pairs.Add($"{Sanitize(tag.Key)}=\"{Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "")}\"");
        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] == '_' || (chars[i] == ':' && i > 0))) chars[i] = '_';
        return chars.Length > 0 && char.IsAsciiDigit(chars[0]) ? "_" + new string(chars) : new string(chars);
    }

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class Series(Instrument instrument)
    {
        private readonly ConcurrentDictionary<string, Cell> _cells = new(StringComparer.Ordinal);

        public Instrument Instrument { get; } = instrument;

        private bool IsHistogram => Instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);

        private bool IsGauge => Instrument.GetType().Name.StartsWith("Observable", StringComparison.Ordinal)
            && !Instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);

        private bool IsLastValue => IsGauge;

        public void Record(double value, string labels)
        {
            var cell = _cells.GetOrAdd(labels, _ => new Cell(Bounds.Length));
            lock (cell)
            {
                if (IsLastValue) cell.Sum = value;
                else cell.Sum += value;
                if (!IsHistogram) return;
                cell.Count++;
                for (var i = 0; i < Bounds.Length; i++)
                    if (value <= Bounds[i]) cell.Buckets[i]++;
            }
        }

        public void Render(StringBuilder text)
        {
            var name = Sanitize(Instrument.Name);
            var type = IsHistogram ? "histogram" : IsGauge || Instrument.GetType().Name.Contains("UpDown", StringComparison.Ordinal) ? "gauge" : "counter";
            if (!string.IsNullOrEmpty(Instrument.Description))
                text.Append("# HELP ").Append(name).Append(' ').Append(Instrument.Description.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (var (labels, cell) in _cells.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                lock (cell)
                {
                    if (!IsHistogram)
                    {
                        Line(text, name, labels, cell.Sum);
                        continue;
                    }

                    for (var i = 0; i < Bounds.Length; i++)
                        Line(text, name + "_bucket", Join(labels, $"le=\"{Format(Bounds[i])}\""), cell.Buckets[i]);
                    Line(text, name + "_bucket", Join(labels, "le=\"+Inf\""), cell.Count);
                    Line(text, name + "_sum", labels, cell.Sum);
                    Line(text, name + "_count", labels, cell.Count);
                }
            }
        }

        private static string Join(string labels, string extra) => labels.Length == 0 ? extra : $"{labels},{extra}";

        private static void Line(StringBuilder text, string name, string labels, double value)
        {
            text.Append(name);
            if (labels.Length > 0) text.Append('{').Append(labels).Append('}');
            text.Append(' ').Append(Format(value)).Append('\n');
        }
    }

    private sealed class Cell(int buckets)
    {
        public double Sum;
        public long Count;
        public readonly long[] Buckets = new long[buckets];
    }
}
