using System.Text;

namespace TwitchSentiment.Irc.Tests;

public sealed class IrcLineParserTests
{
    [Theory]
    [InlineData("", IrcParseErrorKind.Empty)]
    [InlineData("@key=value", IrcParseErrorKind.MissingCommand)]
    [InlineData("@key=value ", IrcParseErrorKind.MissingCommand)]
    [InlineData(": PING xD", IrcParseErrorKind.EmptyPrefix)]
    [InlineData(":tmi.twitch.tv", IrcParseErrorKind.MissingCommand)]
    [InlineData("P1NG", IrcParseErrorKind.InvalidCommand)]
    [InlineData("0001 x", IrcParseErrorKind.InvalidCommand)]
    [InlineData("01", IrcParseErrorKind.InvalidCommand)]
    [InlineData("PRIVMSG #a :hi\0there", IrcParseErrorKind.ForbiddenCharacter)]
    [InlineData("PRIVMSG #a :hi\rthere", IrcParseErrorKind.ForbiddenCharacter)]
    public void TryParse_malformed_line_names_the_rule(string line, IrcParseErrorKind expected)
    {
        Assert.False(IrcLineParser.TryParse(Encoding.UTF8.GetBytes(line), out _, out IrcParseError error));
        Assert.Equal(expected, error.Kind);
        Assert.False(string.IsNullOrEmpty(error.Describe()));
    }

    [Fact]
    public void TryParse_invalid_utf8_reports_the_byte()
    {
        byte[] line = [.. "PRIVMSG #a :ok "u8, 0xC3, 0x28];

        Assert.False(IrcLineParser.TryParse(line, out _, out IrcParseError error));
        Assert.Equal(new IrcParseError(IrcParseErrorKind.NotUtf8, 15), error);
    }

    [Fact]
    public void TryParse_rejects_a_tag_section_over_the_ircv3_limit()
    {
        string line = "@a=" + new string('x', IrcLineParser.MaxTagBytes) + " PING";

        Assert.False(IrcLineParser.TryParse(Encoding.UTF8.GetBytes(line), out _, out IrcParseError error));
        Assert.Equal(IrcParseErrorKind.TagsTooLong, error.Kind);
    }

    [Fact]
    public void TryParse_accepts_twitch_lines_longer_than_512_bytes()
    {
        string line = "@badge-info=;" + string.Join(';', Enumerable.Range(0, 40).Select(i => $"k{i}=value{i}")) +
            " :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :" + new string('a', 400);

        Assert.True(IrcMessage.TryParse(line, out IrcMessage? message, out _));
        Assert.True(line.Length > 512);
        Assert.Equal(new string('a', 400), message!.Trailing);
    }

    [Fact]
    public void Fifteenth_parameter_takes_the_rest_of_the_line()
    {
        string line = "CMD " + string.Join(' ', Enumerable.Range(1, 17));

        IrcMessage message = IrcMessage.Parse(line);

        Assert.Equal(15, message.Params.Count);
        Assert.Equal("15 16 17", message.Params[^1]);
    }

    [Fact]
    public void Tags_only_at_the_start_an_at_sign_after_the_prefix_is_the_command_position()
    {
        Assert.False(IrcMessage.TryParse(":tmi.twitch.tv @foo=bar PING", out _, out IrcParseError error));
        Assert.Equal(IrcParseErrorKind.InvalidCommand, error.Kind);
    }

    [Fact]
    public void Parse_of_a_malformed_line_throws_with_an_escaped_excerpt()
    {
        var error = Assert.Throws<IrcParseException>(() => IrcMessage.Parse("@a=b\u0007"));

        Assert.Contains("no command", error.Message, StringComparison.Ordinal);
        Assert.Contains("\\u0007", error.Message, StringComparison.Ordinal);
    }
}
