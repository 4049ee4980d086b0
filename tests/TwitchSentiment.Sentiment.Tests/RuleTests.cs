using System.Text.Json;

namespace TwitchSentiment.Sentiment.Tests;

/// <summary>
/// One or more texts per reference rule, with the reference's scores. Data/rule-cases.jsonl is a golden file:
/// to regenerate it after editing a text, run
/// <c>python3 ../shared/tools/vader_ref.py VADER_CHECKOUT --jsonl &lt; Data/rule-cases.jsonl</c> (it rewrites the
/// four scores of each line) and review the diff.
/// </summary>
public sealed class RuleTests
{
    public static TheoryData<string, string, double, double, double, double> Cases()
    {
        var data = new TheoryData<string, string, double, double, double, double>();
        foreach (string line in File.ReadLines(TestData.PathOf("rule-cases.jsonl")))
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            data.Add(
                root.GetProperty("rule").GetString()!,
                root.GetProperty("text").GetString()!,
                root.GetProperty("neg").GetDouble(),
                root.GetProperty("neu").GetDouble(),
                root.GetProperty("pos").GetDouble(),
                root.GetProperty("compound").GetDouble());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Score_rule_case_equals_the_reference(string rule, string text, double neg, double neu, double pos, double compound)
    {
        SentimentScores actual = VaderAnalyzer.Default.Score(text);

        Assert.True(
            new SentimentScores(neg, neu, pos, compound) == actual,
            $"rule '{rule}': expected ({neg}, {neu}, {pos}, {compound}), got {actual}");
    }

    [Fact]
    public void Rule_cases_cover_every_reference_rule()
    {
        string[] rules = Cases().Select(row => (string)row[0]).ToArray();
        string[] required =
        [
            "booster", "dampener", "ALL CAPS", "exclamation", "question marks", "negation", "never so", "never this",
            "precedence quirk", "without doubt", "but", "index() quirk", "least", "at least", "very least", "no", "no ... or",
            "special case", "emoticons", "emoji", "non-ASCII", "whitespace", "control characters", "empty",
        ];
        Assert.All(required, name => Assert.Contains(rules, rule => rule.Contains(name, StringComparison.Ordinal)));
    }
}
