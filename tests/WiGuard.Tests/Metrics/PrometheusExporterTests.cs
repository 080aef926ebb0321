using System.Diagnostics.Metrics;
using WiGuard.Metrics;

namespace WiGuard.Tests.Metrics;

public sealed class PrometheusExporterTests : IDisposable
{
    private readonly string _meterName = $"WiGuard.Test.{Guid.NewGuid():N}";
    private readonly Meter _meter;
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        _meter = new Meter(_meterName);
        _exporter = new PrometheusExporter(_meterName);
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Render_Counter_SumsPerLabelSetWithSortedLabels()
    {
        var counter = _meter.CreateCounter<long>("requests_total", description: "Requests.");
        counter.Add(2, new("outcome", "ok"), new("api", "iam"));
        counter.Add(3, new("api", "iam"), new("outcome", "ok"));
        counter.Add(1, new("api", "iam"), new("outcome", "404"));

        var text = _exporter.Render();

        Assert.Equal(
            "# HELP requests_total Requests.\n" +
            "# TYPE requests_total counter\n" +
            "requests_total{api=\"iam\",outcome=\"404\"} 1\n" +
            "requests_total{api=\"iam\",outcome=\"ok\"} 5\n",
            text);
    }

    [Fact]
    public void Render_LabelValueWithQuoteBackslashAndNewline_IsEscaped()
    {
        var counter = _meter.CreateCounter<long>("odd_total");
        counter.Add(1, new KeyValuePair<string, object?>("path", "a\"b\\c\nd"));

        Assert.Contains("odd_total{path=\"a\\\"b\\\\c\\nd\"} 1\n", _exporter.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Histogram_WritesCumulativeBucketsSumAndCount()
    {
        var histogram = _meter.CreateHistogram<double>("latency_seconds");
        histogram.Record(0.003);
        histogram.Record(0.2);
        histogram.Record(20);

        var text = _exporter.Render();

        Assert.Contains("# TYPE latency_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("latency_seconds_bucket{le=\"0.001\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("latency_seconds_bucket{le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("latency_seconds_bucket{le=\"0.25\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("latency_seconds_bucket{le=\"10\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("latency_seconds_bucket{le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("latency_seconds_sum 20.203\n", text, StringComparison.Ordinal);
        Assert.Contains("latency_seconds_count 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ObservableGauge_ReportsTheValueAtScrapeTime()
    {
        var value = 7;
        _meter.CreateObservableGauge("cache_entries", () => value);

        Assert.Contains("cache_entries 7\n", _exporter.Render(), StringComparison.Ordinal);
        value = 9;
        Assert.Contains("cache_entries 9\n", _exporter.Render(), StringComparison.Ordinal);
        Assert.Contains("# TYPE cache_entries gauge\n", _exporter.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_InstrumentsOfOtherMeters_AreNotExported()
    {
        using var other = new Meter($"Other.{Guid.NewGuid():N}");
        other.CreateCounter<long>("foreign_total").Add(1);

        Assert.DoesNotContain("foreign_total", _exporter.Render(), StringComparison.Ordinal);
    }
}
