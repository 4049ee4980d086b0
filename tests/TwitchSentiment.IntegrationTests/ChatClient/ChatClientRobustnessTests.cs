using Microsoft.Extensions.Time.Testing;
using TwitchSentiment.Irc;
using TwitchSentiment.TestSupport.Irc;

namespace TwitchSentiment.IntegrationTests.ChatClient;

public sealed partial class TwitchChatClientTests
{
    [Fact]
    public async Task Backoff_is_reset_after_a_session_that_logged_in()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using ScriptedIrcServer server = await TwitchServerAsync(ScriptedIrcServerMode.Tcp);
        await using var client = new TwitchChatClient(OptionsFor(server) with { TimeProvider = clock });
        client.Join("dallas");
        ServerConnection first = await server.AcceptConnectionAsync(Limit);
        await first.WaitForLineAsync(l => l == "JOIN #dallas", "the JOIN", Limit);
        await first.AbortAsync(); // failure 1: immediate retry by design
        ServerConnection second = await server.AcceptConnectionAsync(Limit);
        await second.WaitForLineAsync(l => l == "JOIN #dallas", "the rejoin: a healthy, logged-in session", Limit);

        await second.AbortAsync(); // a first failure after a good session must also retry at once

        // The fake clock is never advanced: any backoff delay would stall here.
        ServerConnection third = await server.AcceptConnectionAsync(TimeSpan.FromSeconds(5));
        await third.WaitForLineAsync(l => l == "JOIN #dallas", "the second rejoin", Limit);
    }

    [Fact]
    public async Task A_paused_consumer_in_wait_mode_loses_no_line_to_our_own_keepalive()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using ScriptedIrcServer server = await TwitchServerAsync(ScriptedIrcServerMode.Tcp);
        await using var client = new TwitchChatClient(OptionsFor(server) with { TimeProvider = clock, BufferCapacity = 20 });
        client.Join("dallas");
        ServerConnection connection = await server.AcceptConnectionAsync(Limit);
        await connection.WaitForLineAsync(l => l == "JOIN #dallas", "the JOIN", Limit);
        IReadOnlyList<string> sent = await connection.SendFloodAsync("dallas", 100);

        // The consumer pauses for 60 s (e.g. a slow upload); the server itself stays healthy and answers PINGs.
        for (int i = 0; i < 60; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        var texts = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await foreach (ChatLine line in client.ReadAllAsync(timeout.Token))
            {
                if (line.Message is PrivmsgMessage privmsg && texts.Count < sent.Count)
                {
                    texts.Add(privmsg.Text);
                    if (texts.Count == sent.Count)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Equal(sent.Count, texts.Count);
        Assert.Equal(1, server.ConnectionsAccepted);
    }

    [Fact]
    public async Task A_token_source_that_never_answers_hits_the_login_timeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using ScriptedIrcServer server = await TwitchServerAsync(ScriptedIrcServerMode.Tcp);
        await using var client = new TwitchChatClient(OptionsFor(server) with { TimeProvider = clock, Login = new TwitchLogin("ronni", new HangingTokens()) });
        var changes = new List<ChatStateChange>();
        client.StateChanged += (_, change) => { lock (changes) { changes.Add(change); } };
        client.Join("dallas");
        await server.AcceptConnectionAsync(Limit);

        await AdvanceUntilAsync(
            clock,
            () => { lock (changes) { return changes.Any(c => c.State == ChatConnectionState.Disconnected); } },
            "the 20 s login timeout ending the session");
    }

    [Fact]
    public async Task A_refresh_that_fails_after_a_refused_login_ends_the_client_without_the_sources_secret()
    {
        var tokens = new RefreshFailsTokens();
        await using ScriptedIrcServer server = await TwitchServerAsync(
            ScriptedIrcServerMode.Tcp, TwitchDialectOptions.Default with { AcceptedTokens = new HashSet<string> { "good" } });
        await using var client = new TwitchChatClient(OptionsFor(server) with { Login = new TwitchLogin("ronni", tokens) });
        client.Join("dallas");
        var lines = new List<ChatLine>();

        var error = await Assert.ThrowsAsync<TwitchAuthenticationException>(async () =>
        {
            await foreach (ChatLine line in client.ReadAllAsync().WithCancellation(new CancellationTokenSource(Limit).Token))
            {
                lines.Add(line);
            }
        });

        Assert.Contains("refreshing the token failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-secret", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.ConnectionsAccepted); // refused, then the refresh fails on the second connect: no third
        Assert.Contains(lines, line => line.Message is NoticeMessage { IsAuthenticationFailure: true }); // the refusal itself is delivered
    }

    private sealed class RefreshFailsTokens : ITwitchTokenSource
    {
        public ValueTask<string> GetAccessTokenAsync(bool afterAuthenticationFailure, CancellationToken cancellationToken) =>
            afterAuthenticationFailure
                ? throw new HttpRequestException("400 Invalid refresh token refresh-secret")
                : ValueTask.FromResult("expired");
    }

    private sealed class HangingTokens : ITwitchTokenSource
    {
        public async ValueTask<string> GetAccessTokenAsync(bool afterAuthenticationFailure, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return "never";
        }
    }
}
