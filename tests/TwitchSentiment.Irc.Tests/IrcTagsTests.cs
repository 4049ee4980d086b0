using System.Text;

namespace TwitchSentiment.Irc.Tests;

/// <summary>TWITCH_IRC.md §4.2: unescape once, left to right.</summary>
public sealed class IrcTagsTests
{
    [Theory]
    [InlineData(@"b\\and\nk", "b\\and\nk")]
    [InlineData(@"abc\\ndef", @"abc\ndef")]
    [InlineData(@"\:\s\\\r\n", "; \\\r\n")]
    [InlineData(@"\The\sLazy\sDog", "The Lazy Dog")]
    [InlineData(@"\p\ass\e\d\\\!", @"passed\!")]
    [InlineData(@"value1\", "value1")]
    [InlineData(@"CarvedTaleare\s", "CarvedTaleare ")]
    [InlineData(@"\s\s", "  ")]
    [InlineData("", "")]
    [InlineData("no escapes at all", "no escapes at all")]
    public void Unescape_follows_the_ircv3_rules(string escaped, string expected)
    {
        Assert.Equal(expected, IrcTags.UnescapeToString(Encoding.UTF8.GetBytes(escaped)));
    }

    [Fact]
    public void Tags_without_equals_empty_values_trailing_semicolon_and_duplicates()
    {
        IrcMessage message = IrcMessage.Parse("@a=b;k;c=;;d=1;d=2; PING");

        Assert.Equal(
            new Dictionary<string, string> { ["a"] = "b", ["k"] = string.Empty, ["c"] = string.Empty, ["d"] = "2" },
            message.Tags);
    }

    [Fact]
    public void TryGetEscaped_finds_the_last_of_repeated_keys()
    {
        Assert.True(IrcTags.TryGetEscaped("a=1;b=2;a=3"u8, "a"u8, out ReadOnlySpan<byte> value));
        Assert.Equal("3", Encoding.UTF8.GetString(value));
        Assert.False(IrcTags.TryGetEscaped("a=1"u8, "b"u8, out _));
    }
}
