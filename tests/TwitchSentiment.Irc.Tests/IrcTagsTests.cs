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

public sealed class Utf8HelpersTests
{
    [Fact]
    public void Unescaped_returns_the_input_itself_when_there_is_nothing_to_unescape()
    {
        byte[] plain = "no-escapes"u8.ToArray();
        byte[] scratch = new byte[32];

        ReadOnlySpan<byte> same = IrcTags.Unescaped(plain, scratch);
        ReadOnlySpan<byte> unescaped = IrcTags.Unescaped(@"a\sb\:c"u8, scratch);

        Assert.True(same.Overlaps(plain));
        Assert.Equal("a b;c", System.Text.Encoding.UTF8.GetString(unescaped));
    }

    [Theory]
    [InlineData("One 😂 Two Kappa Three", 10, 13)] // 😂 is 4 bytes
    [InlineData("Då Kappa", 3, 4)]
    [InlineData("Kappa", 99, 5)] // clamped to the end
    [InlineData("", 0, 0)]
    public void Utf8Offset_counts_code_points_and_clamps(string text, long codePoint, int expected)
    {
        Assert.Equal(expected, Emote.Utf8Offset(System.Text.Encoding.UTF8.GetBytes(text), codePoint));
    }

    [Theory]
    [InlineData("\u0001ACTION hi\u0001", "hi")]
    [InlineData("\u0001ACTION \u0001", "")]
    [InlineData("\u0001ACTIONhi\u0001", "\u0001ACTIONhi\u0001")]
    [InlineData("plain", "plain")]
    public void UnwrapActionUtf8_agrees_with_the_string_version(string text, string expected)
    {
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(Emote.UnwrapActionUtf8(System.Text.Encoding.UTF8.GetBytes(text))));
        Assert.Equal(expected, TwitchMessage.UnwrapAction(text).Text);
    }
}
