using WiGuard.Core.Kubernetes;
using WiGuard.Core.Network;

namespace WiGuard.Core.Tests.Network;

public sealed class SelectorCoverageTests
{
    private static LabelSelector Labels(params (string Key, string Value)[] labels) =>
        new() { MatchLabels = labels.ToDictionary(l => l.Key, l => (string?)l.Value) };

    private static LabelSelector Expression(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new LabelSelectorRequirement { Key = key, Operator = op, Values = [.. values] }] };

    public static TheoryData<LabelSelector?, LabelSelector?, bool> Cases => new()
    {
        { null, Labels(("app", "web")), true },
        { new LabelSelector(), null, true },
        { Labels(("app", "web")), null, false },
        { Labels(("app", "web")), Labels(("app", "web"), ("tier", "front")), true },
        { Labels(("app", "web"), ("tier", "front")), Labels(("app", "web")), false },
        { Labels(("app", "web")), Labels(("app", "api")), false },
        { Expression("app", "In", "web", "api"), Labels(("app", "web")), true },
        { Expression("app", "In", "web"), Expression("app", "In", "web", "api"), false },
        { Expression("app", "Exists"), Labels(("app", "web")), true },
        { Expression("app", "Exists"), Expression("app", "NotIn", "web"), false },
        { Expression("app", "NotIn", "batch"), Labels(("app", "web")), true },
        { Expression("app", "NotIn", "batch"), Expression("app", "DoesNotExist"), true },
        { Expression("app", "NotIn", "batch"), Expression("app", "NotIn", "batch", "cron"), true },
        { Expression("app", "NotIn", "batch", "cron"), Expression("app", "NotIn", "batch"), false },
        { Expression("app", "DoesNotExist"), Labels(("tier", "front")), false },
        { Expression("app", "DoesNotExist"), Expression("app", "DoesNotExist"), true },
        { Expression("app", "Sometimes", "web"), Labels(("app", "web")), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SelectsAllOf_ComparesWhatTheSelectorsCanMatch(LabelSelector? wider, LabelSelector? narrower, bool expected)
    {
        Assert.Equal(expected, SelectorCoverage.SelectsAllOf(wider, narrower));
    }
}
