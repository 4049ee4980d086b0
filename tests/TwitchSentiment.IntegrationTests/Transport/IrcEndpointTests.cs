using TwitchSentiment.Irc.Transport;

namespace TwitchSentiment.IntegrationTests.Transport;

/// <summary>Endpoint URLs and transport options: plain unit tests, no sockets.</summary>
public sealed class IrcEndpointTests
{
    [Theory]
    [InlineData("ircs://irc.chat.twitch.tv", "ircs", "irc.chat.twitch.tv", 6697, "", IrcEndpointKind.Tcp, true)]
    [InlineData("irc://irc.chat.twitch.tv", "irc", "irc.chat.twitch.tv", 6667, "", IrcEndpointKind.Tcp, false)]
    [InlineData("wss://irc-ws.chat.twitch.tv", "wss", "irc-ws.chat.twitch.tv", 443, "/", IrcEndpointKind.WebSocket, true)]
    [InlineData("IRCS://IRC.Chat.Twitch.TV:7000/", "ircs", "irc.chat.twitch.tv", 7000, "", IrcEndpointKind.Tcp, true)]
    [InlineData("wss://example.test:8443/chat", "wss", "example.test", 8443, "/chat", IrcEndpointKind.WebSocket, true)]
    [InlineData("ws://127.0.0.1:8080/", "ws", "127.0.0.1", 8080, "/", IrcEndpointKind.WebSocket, false)]
    [InlineData("ws://localhost", "ws", "localhost", 80, "/", IrcEndpointKind.WebSocket, false)]
    [InlineData("ws://[::1]:81/irc", "ws", "::1", 81, "/irc", IrcEndpointKind.WebSocket, false)]
    [InlineData("irc://[::1]:6667", "irc", "::1", 6667, "", IrcEndpointKind.Tcp, false)]
    public void Parse_valid_url_gives_its_parts_and_scheme_defaults(
        string url, string scheme, string host, int port, string path, IrcEndpointKind kind, bool usesTls)
    {
        var endpoint = IrcEndpoint.Parse(url);

        Assert.Equal((scheme, host, port, path, kind, usesTls), (endpoint.Scheme, endpoint.Host, endpoint.Port, endpoint.Path, endpoint.Kind, endpoint.UsesTls));
        Assert.Equal(endpoint, IrcEndpoint.Parse(endpoint.ToString()));
    }

    [Theory]
    [InlineData("ircs://irc.chat.twitch.tv", "ircs://irc.chat.twitch.tv:6697")]
    [InlineData("wss://irc-ws.chat.twitch.tv", "wss://irc-ws.chat.twitch.tv:443")]
    [InlineData("ws://[::1]:81/irc", "ws://[::1]:81/irc")]
    public void ToString_gives_the_canonical_url_with_its_port(string url, string expected) =>
        Assert.Equal(expected, IrcEndpoint.Parse(url).ToString());

    [Fact]
    public void Default_is_twitch_over_tls()
    {
        Assert.Equal("ircs://irc.chat.twitch.tv:6697", IrcEndpoint.Default.ToString());
        Assert.True(IrcEndpoint.Default.UsesTls);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("irc.chat.twitch.tv:6697", "no scheme")]
    [InlineData("http://irc.chat.twitch.tv", "scheme 'http' is not supported")]
    [InlineData("ircs://irc.chat.twitch.tv:0", "port 0")]
    [InlineData("ircs://irc.chat.twitch.tv:70000", "not a well-formed URL")]
    [InlineData("ircs://irc.chat.twitch.tv/chat", "takes no path")]
    [InlineData("wss://irc-ws.chat.twitch.tv/?token=1", "query or fragment")]
    [InlineData("wss://irc-ws.chat.twitch.tv/#x", "query or fragment")]
    [InlineData("ws://irc-ws.chat.twitch.tv:80", "August 2025")]
    [InlineData("ws://10.0.0.1", "loopback")]
    public void Parse_invalid_url_names_it_the_problem_and_a_valid_example(string url, string problem)
    {
        IrcEndpointException exception = Assert.Throws<IrcEndpointException>(() => IrcEndpoint.Parse(url));

        Assert.Contains($"'{url}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
        Assert.Contains("ircs://irc.chat.twitch.tv:6697", exception.Message, StringComparison.Ordinal);
        Assert.False(IrcEndpoint.TryParse(url, out IrcEndpoint? endpoint));
        Assert.Null(endpoint);
    }

    [Theory]
    [InlineData("ircs://bot:oauth:secret123@irc.chat.twitch.tv")]
    [InlineData("ircs://bot:secret123@irc.chat.twitch.tv:99999")]
    public void Parse_url_with_credentials_is_rejected_without_repeating_them(string url)
    {
        IrcEndpointException exception = Assert.Throws<IrcEndpointException>(() => IrcEndpoint.Parse(url));

        Assert.DoesNotContain("secret123", exception.Message, StringComparison.Ordinal);
        Assert.Contains("irc.chat.twitch.tv", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_accepts_a_valid_url_and_refuses_null()
    {
        Assert.True(IrcEndpoint.TryParse("irc://127.0.0.1:6667", out IrcEndpoint? endpoint));
        Assert.Equal(6667, endpoint.Port);
        Assert.False(IrcEndpoint.TryParse(null, out _));
    }

    [Fact]
    public void Options_defaults_are_the_documented_ones()
    {
        IrcTransportOptions options = IrcTransportOptions.Default;

        Assert.Equal(TimeSpan.FromSeconds(20), options.ConnectTimeout);
        Assert.Equal(16 * 1024, options.MaxLineBytes);
        Assert.Null(options.CertificateValidation);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        options.Validate();
    }

    [Theory]
    [InlineData(0, 16384, nameof(IrcTransportOptions.ConnectTimeout))]
    [InlineData(-1, 16384, nameof(IrcTransportOptions.ConnectTimeout))]
    [InlineData(20, 511, nameof(IrcTransportOptions.MaxLineBytes))]
    [InlineData(20, 2 * 1024 * 1024, nameof(IrcTransportOptions.MaxLineBytes))]
    public void Options_out_of_range_are_rejected_naming_the_option(int connectTimeoutSeconds, int maxLineBytes, string option)
    {
        IrcTransportOptions options = IrcTransportOptions.Default with
        {
            ConnectTimeout = TimeSpan.FromSeconds(connectTimeoutSeconds),
            MaxLineBytes = maxLineBytes,
        };

        ArgumentOutOfRangeException exception = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(option, exception.ParamName);
        Assert.Contains($"{nameof(IrcTransportOptions)}.{option}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_without_a_clock_are_rejected() =>
        Assert.Throws<ArgumentNullException>(() => (IrcTransportOptions.Default with { TimeProvider = null! }).Validate());
}
