using System.Text;
using System.Text.Json;
using TwitchSentiment.TestSupport;

namespace TwitchSentiment.Sentiment.Tests;

/// <summary>Long texts take the rented-buffer path; the expected values come from the reference.</summary>
public sealed class LongTextTests
{
    [Fact]
    public void Score_one_megabyte_token_then_a_word_equals_the_reference()
    {
        string text = new string('x', 1_000_000) + " good";

        Assert.Equal(new SentimentScores(0.0, 0.256, 0.744, 0.4404), VaderAnalyzer.Default.Score(text));
    }

    [Fact]
    public void Score_one_megabyte_of_whitespace_around_a_word_equals_the_reference()
    {
        string text = new string(' ', 500_000) + "good!" + new string('\t', 500_000);

        Assert.Equal(new SentimentScores(0.0, 0.0, 1.0, 0.4926), VaderAnalyzer.Default.Score(text));
    }

    [Fact]
    public void Score_two_thousand_emoji_equals_the_reference()
    {
        string text = string.Concat(Enumerable.Repeat("😁 ", 2000));

        Assert.Equal(new SentimentScores(0.0, 0.571, 0.429, 1.0), VaderAnalyzer.Default.Score(text));
    }

    [Fact]
    public void Score_twenty_kilobytes_of_reviews_equals_the_reference()
    {
        // The first 253 review snippets joined by spaces (20,040 characters), scored by the reference as one text.
        string[] snippets = File.ReadLines(SharedData.DataPath("vader-reference", "amazonReviewSnippets.vader.jsonl"))
            .Take(253)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!)
            .ToArray();
        string text = string.Join(' ', snippets);

        Assert.Equal(20_040, text.Length);
        Assert.Equal(new SentimentScores(0.071, 0.771, 0.157, 0.9999), VaderAnalyzer.Default.Score(text));
    }

    [Fact]
    public void Score_one_megabyte_of_many_words_with_but_stays_in_range_and_is_deterministic()
    {
        // Too slow for the reference (its rules are quadratic in the word count), so this checks invariants.
        var builder = new StringBuilder();
        string[] words = ["good", "bad", "not", "very", "but", "happy", "sad", "the", "chat", "LUL", "!!", "no", "😁"];
        var random = new Random(7);
        while (builder.Length < 1_000_000)
        {
            builder.Append(words[random.Next(words.Length)]).Append(' ');
        }

        string text = builder.ToString();
        SentimentScores first = VaderAnalyzer.Default.Score(text);
        SentimentScores second = VaderAnalyzer.Default.Score(text.AsSpan());

        Assert.Equal(first, second);
        Assert.InRange(first.Compound, -1.0, 1.0);
        Assert.InRange(first.Neg + first.Neu + first.Pos, 0.997, 1.003);
    }
}
