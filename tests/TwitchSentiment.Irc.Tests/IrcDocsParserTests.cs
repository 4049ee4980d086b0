using System.Text.Json;
using TwitchSentiment.TestSupport;

namespace TwitchSentiment.Irc.Tests;

/// <summary>The public-domain ircdocs/parser-tests vectors (shared/data/irc/ircdocs-parser-tests.jsonl).</summary>
public sealed class IrcDocsParserTests
{
    public static TheoryData<string> Lines() =>
        new(File.ReadLines(SharedData.DataPath("irc", "ircdocs-parser-tests.jsonl")));

    [Theory]
    [MemberData(nameof(Lines))]
    public void Parse_matches_the_ircdocs_vector(string vector)
    {
        using JsonDocument document = JsonDocument.Parse(vector);
        JsonElement root = document.RootElement;
        string raw = root.GetProperty("raw").GetString()!;
        JsonElement expect = root.GetProperty("expect");

        if (root.TryGetProperty("kind", out JsonElement kind) && kind.GetString() == "prefix")
        {
            JsonElement parts = expect.GetProperty("prefix_parts");
            Assert.Equal(
                (parts.GetProperty("nick").GetString()!, parts.GetProperty("user").GetString()!, parts.GetProperty("host").GetString()!),
                IrcMessage.SplitPrefix(raw));
            return;
        }

        Assert.True(IrcMessage.TryParse(raw, out IrcMessage? message, out IrcParseError error), error.Describe());
        Assert.Equal(expect.GetProperty("command").GetString(), message!.Command);
        Assert.Equal(expect.GetProperty("prefix").GetString(), message.Prefix);
        Assert.Equal(expect.GetProperty("params").EnumerateArray().Select(p => p.GetString()!), message.Params);
        if (expect.TryGetProperty("tags", out JsonElement tags))
        {
            Assert.Equal(
                tags.EnumerateObject().Select(t => (t.Name, t.Value.GetString()!)).OrderBy(t => t.Name, StringComparer.Ordinal),
                message.Tags.Select(t => (t.Key, t.Value)).OrderBy(t => t.Key, StringComparer.Ordinal));
        }
        else
        {
            Assert.Empty(message.Tags);
        }
    }

    [Fact]
    public void All_vectors_are_there()
    {
        Assert.Equal(42, File.ReadLines(SharedData.DataPath("irc", "ircdocs-parser-tests.jsonl")).Count());
    }
}
