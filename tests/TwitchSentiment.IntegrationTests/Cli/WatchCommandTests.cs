using System.Text.Json;
using TwitchSentiment.TestSupport.Irc;

namespace TwitchSentiment.IntegrationTests.Cli;

/// <summary><c>twitch-sentiment watch</c> end to end against the scripted Twitch-dialect server.</summary>
public sealed class WatchCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Watch_writes_each_chat_message_with_its_scores_and_stops_after_max_messages()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(
            ScriptedIrcServerOptions.Default with { TwitchDialect = TwitchDialectOptions.Default });
        Task<(int, string, string)> watch = InProcessCli.RunAsync("watch", "#Dallas", "--irc", server.EndpointUrl, "--max-messages", "2");

        ServerConnection connection = await server.AcceptConnectionAsync(Limit);
        await connection.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN", Limit);
        await connection.SendLineAsync("@only=tags");
        await connection.SendPrivmsgAsync("dallas", "ronni", "what a great play!");
        await connection.SendPrivmsgAsync("dallas", "viewer", "this is not good");
        (int exitCode, string output, string error) = await watch.WaitAsync(Limit);

        Assert.True(exitCode == 0, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using JsonDocument first = JsonDocument.Parse(lines[0]);
        Assert.Equal("dallas", first.RootElement.GetProperty("channel").GetString());
        Assert.Equal("ronni", first.RootElement.GetProperty("login").GetString());
        Assert.Equal("what a great play!", first.RootElement.GetProperty("text").GetString());
        Assert.Equal(Sentiment.VaderAnalyzer.Default.Score("what a great play!").Compound, first.RootElement.GetProperty("compound").GetDouble());
        Assert.Contains("\"compound\":-0.3412", lines[1], StringComparison.Ordinal);
        Assert.Equal(Sentiment.TwitchSentimentAnalyzer.Default.Score("what a great play!").Compound, first.RootElement.GetProperty("twitch_compound").GetDouble());
        Assert.Contains("connection 1 connected", error, StringComparison.Ordinal);
        Assert.Contains("watch: skipped a line that could not be read (", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad name", "a space")]
    [InlineData("ok", "--irc", "ws://chat.example.com", "--irc:")]
    [InlineData("ok", "--max-messages", "0", "--max-messages must be at least 1")]
    public async Task Watch_rejects_bad_arguments_before_connecting(params string[] argsAndExpected)
    {
        (int exitCode, string output, string error) = await InProcessCli.RunAsync(["watch", .. argsAndExpected[..^1]]);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains(argsAndExpected[^1], error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_that_never_connects_exits_1_and_says_so()
    {
        int closedPort = InProcessCli.ClosedPort();

        (int exitCode, _, string error) = await InProcessCli.RunAsync("watch", "dallas", "--irc", $"irc://127.0.0.1:{closedPort}", "--minutes", "2s");

        Assert.Equal(1, exitCode);
        Assert.Contains("the connection was refused", error, StringComparison.Ordinal);
        Assert.Contains($"never connected to irc://127.0.0.1:{closedPort}", error, StringComparison.Ordinal);
    }
}
