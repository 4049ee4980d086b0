using System.CommandLine;
using TwitchSentiment.Credentials;
using TwitchSentiment.Irc;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.Pipeline;

namespace TwitchSentiment.Cli;

/// <summary>
/// What a command that reads chat takes: the channels, the server (<c>--irc</c>), and how to log in (anonymous by
/// default, or the stored credentials of <c>--file</c> / <c>--ssm</c>). Validated before anything connects.
/// </summary>
internal sealed class ChatOptions
{
    internal Argument<string[]> Channels { get; } = new Argument<string[]>("channel")
    {
        Description = "Channels to read, as #name or name (the broadcaster's login).",
        Arity = ArgumentArity.OneOrMore,
    }.NotEmpty("a channel name");

    internal Option<string> Irc { get; } = new("--irc")
    {
        Description = "Where to connect: ircs://host:port (TLS), irc://host:port (plain) or wss://host:port/path.",
        DefaultValueFactory = _ => IrcEndpoint.Default.ToString(),
    };

    internal Option<string?> File { get; } = new Option<string?>("--file") { Description = "Log in with the credentials in this file (see 'auth init'); default: anonymous." }.NotEmpty("a credentials file");

    internal Option<string?> Ssm { get; } = new Option<string?>("--ssm") { Description = "Log in with the credentials in this SSM parameter; default: anonymous." }.NotEmpty("an SSM parameter name");

    internal Option<string?> OAuthUrl { get; } = new("--oauth-url") { Description = "Twitch OAuth base URL for token refreshes (default: $TWITCH_OAUTH_URL or Twitch's)." };

    /// <summary>A duration option (<c>30s</c>, <c>15m</c>, <c>1h</c> or plain minutes), parsed and checked by <see cref="Durations"/>.</summary>
    internal static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (Durations.TryParse(text, out TimeSpan duration, out string? error))
            {
                return duration;
            }

            result.AddError($"{name}: {error}");
            return null;
        },
    };

    internal void AddTo(Command command)
    {
        command.Arguments.Add(Channels);
        command.Options.Add(Irc);
        command.Options.Add(File);
        command.Options.Add(Ssm);
        command.Options.Add(OAuthUrl);
        command.Validators.Add(result =>
        {
            foreach (string channel in result.GetValue(Channels) ?? [])
            {
                if (!ChannelName.TryParse(channel, out _, out string? error))
                {
                    result.AddError(error!);
                }
            }

            try
            {
                IrcEndpoint.Parse(result.GetValue(Irc) ?? IrcEndpoint.Default.ToString());
            }
            catch (IrcEndpointException error)
            {
                result.AddError("--irc: " + error.Message);
            }
        });
    }

    internal IrcEndpoint Endpoint(ParseResult result) => IrcEndpoint.Parse(result.GetValue(Irc) ?? IrcEndpoint.Default.ToString());

    /// <summary>The login the options ask for (null: anonymous). Throws <see cref="CredentialsException"/> when the store cannot be read.</summary>
    internal async Task<TwitchLogin?> ResolveLoginAsync(ParseResult result, HttpClient http, CancellationToken cancellationToken)
    {
        if (result.GetValue(File) is null && result.GetValue(Ssm) is null)
        {
            return null;
        }

        ICredentialsStore store = AuthCommand.Store(result.GetValue(File), result.GetValue(Ssm), kmsKeyId: null);
        TwitchCredentials credentials = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new TwitchLogin(credentials.Nickname, new StoredTokenSource(store, AuthCommand.OAuth(http, result.GetValue(OAuthUrl))));
    }
}
