using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TwitchSentiment.Irc.Transport;

/// <summary>How an <see cref="IrcEndpoint"/> carries IRC lines.</summary>
public enum IrcEndpointKind
{
    /// <summary>A TCP byte stream of CR LF terminated lines (<c>irc://</c>, or <c>ircs://</c> with TLS).</summary>
    Tcp,

    /// <summary>WebSocket text frames, each holding one or more lines (<c>wss://</c>, or <c>ws://</c> on loopback).</summary>
    WebSocket,
}

/// <summary>
/// Where to connect, given as one URL:
/// <list type="bullet">
/// <item><c>ircs://host[:port]</c>: TCP with TLS, default port 6697 (Twitch's <c>irc.chat.twitch.tv:6697</c>);</item>
/// <item><c>irc://host[:port]</c>: plain TCP, default port 6667;</item>
/// <item><c>wss://host[:port][/path]</c>: WebSocket over TLS, default port 443 (Twitch's <c>irc-ws.chat.twitch.tv</c>);</item>
/// <item><c>ws://host[:port][/path]</c>: plain WebSocket, default port 80, accepted only for a loopback host
/// (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>::1</c>) so tests can use it. Twitch closed plain WebSocket on port 80 in
/// August 2025 (it answers 301 to <c>wss://</c>).</item>
/// </list>
/// A URL carries no user name, password, query or fragment: credentials go in PASS, never in the URL.
/// </summary>
public sealed record IrcEndpoint
{
    /// <summary>TCP port 6697 is Twitch's IRC over TLS (TWITCH_IRC.md §1).</summary>
    private const int DefaultTlsPort = 6697;

    /// <summary>TCP port 6667 is Twitch's plain IRC (TWITCH_IRC.md §1).</summary>
    private const int DefaultPlainPort = 6667;

    private const string ValidExample = "ircs://irc.chat.twitch.tv:6697 or wss://irc-ws.chat.twitch.tv:443";

    private IrcEndpoint(string scheme, string host, int port, string path)
    {
        Scheme = scheme;
        Host = host;
        Port = port;
        Path = path;
    }

    /// <summary>Twitch chat over TLS: <c>ircs://irc.chat.twitch.tv:6697</c>.</summary>
    public static IrcEndpoint Default { get; } = Parse("ircs://irc.chat.twitch.tv:6697");

    /// <summary>The URL scheme in lower case: <c>ircs</c>, <c>irc</c>, <c>wss</c> or <c>ws</c>.</summary>
    public string Scheme { get; }

    /// <summary>The host name or IP address, lower case, without the brackets of an IPv6 literal.</summary>
    public string Host { get; }

    /// <summary>The TCP port, the scheme's default when the URL names none.</summary>
    public int Port { get; }

    /// <summary>The WebSocket request path (at least <c>/</c>); empty for TCP endpoints.</summary>
    public string Path { get; }

    /// <summary>Whether lines travel as a TCP stream or as WebSocket frames.</summary>
    public IrcEndpointKind Kind => Scheme is "wss" or "ws" ? IrcEndpointKind.WebSocket : IrcEndpointKind.Tcp;

    /// <summary>Whether the connection is encrypted with TLS (<c>ircs</c> and <c>wss</c>).</summary>
    public bool UsesTls => Scheme is "ircs" or "wss";

    /// <summary>Parses <paramref name="url"/>; throws <see cref="IrcEndpointException"/> saying what is wrong.</summary>
    public static IrcEndpoint Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return TryParse(url, out IrcEndpoint? endpoint, out string? problem)
            ? endpoint
            : throw new IrcEndpointException(
                $"'{Displayable(url)}' is not a usable IRC endpoint: {problem}. A valid one is {ValidExample}.");
    }

    /// <summary>Parses <paramref name="url"/>; false when it is not a usable endpoint (see <see cref="Parse"/>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? url, [NotNullWhen(true)] out IrcEndpoint? endpoint) =>
        TryParse(url, out endpoint, out _);

    /// <summary>The canonical URL, always with the port: <c>Parse(ToString())</c> gives an equal endpoint.</summary>
    public override string ToString()
    {
        string host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        string path = Path is "" or "/" ? "" : Path;
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}://{host}:{Port}{path}");
    }

    private static bool TryParse(
        string? url,
        [NotNullWhen(true)] out IrcEndpoint? endpoint,
        [NotNullWhen(false)] out string? problem)
    {
        endpoint = null;
        problem = Check(url, out Uri? uri);
        if (problem is not null)
        {
            return false;
        }

        string scheme = uri!.Scheme;
        string host = uri.HostNameType == UriHostNameType.IPv6 ? uri.DnsSafeHost : uri.IdnHost;
        int port = uri.Port > 0 ? uri.Port : scheme == "ircs" ? DefaultTlsPort : DefaultPlainPort;
        string path = scheme is "ws" or "wss" ? uri.AbsolutePath : "";
        endpoint = new IrcEndpoint(scheme, host, port, path);
        return true;
    }

    /// <summary>Null when <paramref name="url"/> is usable, else what is wrong with it.</summary>
    private static string? Check(string? url, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return "the URL is empty";
        }

        // Without "://" Uri would read "irc.chat.twitch.tv:6697" as scheme "irc.chat.twitch.tv".
        if (!url.Contains("://", StringComparison.Ordinal))
        {
            return "it has no scheme (ircs://, irc:// or wss://)";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out uri))
        {
            return "it is not a well-formed URL (check the host, the port (1-65535) and for stray characters)";
        }

        return uri switch
        {
            { Scheme: not ("ircs" or "irc" or "wss" or "ws") } =>
                $"the scheme '{uri.Scheme}' is not supported; use ircs (TLS), irc (plain TCP) or wss (WebSocket over TLS)",
            { UserInfo.Length: > 0 } =>
                "it holds a user name or password; send credentials with PASS, never in the URL",
            { Host.Length: 0 } => "it has no host",
            { Port: 0 } => "port 0 cannot be connected to; use 1-65535",
            { Query.Length: > 0 } or { Fragment.Length: > 0 } => "it has a query or fragment; remove the '?…' or '#…' part",
            { Scheme: "ircs" or "irc", AbsolutePath: not "/" } =>
                $"{uri.Scheme}:// takes no path; remove '{uri.AbsolutePath}'",
            { Scheme: "ws", IsLoopback: false } =>
                "plain ws:// is allowed only to a loopback host (for tests): Twitch closed plain WebSocket on port 80 " +
                "in August 2025; use wss://irc-ws.chat.twitch.tv:443",
            _ => null,
        };
    }

    /// <summary>The URL for an error message: user info (possibly a password) cut out, length capped.</summary>
    private static string Displayable(string url)
    {
        const int MaxShown = 200;
        int authority = url.IndexOf("://", StringComparison.Ordinal) + 3;
        if (authority >= 3)
        {
            int authorityEnd = url.IndexOfAny(['/', '?', '#'], authority) is int end and >= 0 ? end : url.Length;
            int at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authority);
            if (at >= 0)
            {
                url = string.Concat(url.AsSpan(0, authority), url.AsSpan(at + 1));
            }
        }

        return url.Length <= MaxShown ? url : string.Concat(url.AsSpan(0, MaxShown), "…");
    }
}
