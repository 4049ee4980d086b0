using System.Globalization;
using System.Text;
using System.Text.Json;
using TwitchSentiment.TestSupport;
using Xunit.Abstractions;

namespace TwitchSentiment.Sentiment.Tests;

/// <summary>
/// Every text of shared/data/vader-reference/*.jsonl (scores from the reference vaderSentiment at the pinned
/// commit) must get exactly the reference's four rounded numbers.
/// </summary>
public sealed class ReferenceParityTests(ITestOutputHelper output)
{
    /// <summary>Every corpus file there; the two we know must be there with their sizes.</summary>
    public static TheoryData<string> Corpora()
    {
        string[] files = Directory.GetFiles(SharedData.DataPath("vader-reference"), "*.jsonl")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToArray()!;
        Assert.Contains("tweets.vader.jsonl", files);
        Assert.Contains("amazonReviewSnippets.vader.jsonl", files);
        return new TheoryData<string>(files);
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void Score_every_reference_text_equals_the_reference_exactly(string corpus)
    {
        string path = SharedData.DataPath("vader-reference", corpus);
        var mismatches = new List<string>();
        int texts = 0;
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            string text = root.GetProperty("text").GetString()!;
            var expected = new SentimentScores(
                root.GetProperty("neg").GetDouble(),
                root.GetProperty("neu").GetDouble(),
                root.GetProperty("pos").GetDouble(),
                root.GetProperty("compound").GetDouble());
            SentimentScores actual = VaderAnalyzer.Default.Score(text);
            texts++;
            if (actual != expected)
            {
                mismatches.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{root.GetProperty("id")}: expected {expected}, got {actual} for {JsonSerializer.Serialize(text)}"));
            }
        }

        output.WriteLine($"{corpus}: {texts - mismatches.Count} of {texts} texts equal the reference exactly.");
        int? expectedTexts = corpus switch
        {
            "tweets.vader.jsonl" => 4200,
            "amazonReviewSnippets.vader.jsonl" => 3708,
            _ => null,
        };
        Assert.True(expectedTexts is null || expectedTexts == texts, $"{corpus} has {texts} texts, expected {expectedTexts}.");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {texts} differ:\n" + string.Join('\n', mismatches.Take(20)));
    }
}
