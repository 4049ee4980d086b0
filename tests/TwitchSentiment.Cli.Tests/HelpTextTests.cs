namespace TwitchSentiment.Cli.Tests;

/// <summary>
/// Help text against golden files in Golden/. To accept a deliberate change, run the tests with
/// UPDATE_GOLDEN=1 and review the diff of the golden files.
/// </summary>
public sealed class HelpTextTests
{
    [Theory]
    [InlineData("help.txt", "--help")]
    [InlineData("score-help.txt", "score", "--help")]
    [InlineData("evaluate-help.txt", "evaluate", "--help")]
    [InlineData("parse-irc-help.txt", "parse-irc", "--help")]
    [InlineData("watch-help.txt", "watch", "--help")]
    [InlineData("capture-help.txt", "capture", "--help")]
    [InlineData("analyze-help.txt", "analyze", "--help")]
    [InlineData("report-help.txt", "report", "--help")]
    [InlineData("replay-help.txt", "replay", "--help")]
    [InlineData("demo-help.txt", "demo", "--help")]
    [InlineData("auth-help.txt", "auth", "--help")]
    [InlineData("auth-init-help.txt", "auth", "init", "--help")]
    [InlineData("auth-refresh-help.txt", "auth", "refresh", "--help")]
    public async Task Help_text_matches_the_golden_file(string golden, params string[] args)
    {
        CliRunner.Result result = await CliRunner.RunAsync(string.Empty, args);

        Assert.Equal(0, result.ExitCode);
        string sourcePath = Path.Combine(TestSupport.SharedData.RepositoryRoot, "tests", "TwitchSentiment.Cli.Tests", "Golden", golden);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(sourcePath, result.Help);
        }

        Assert.Equal(await File.ReadAllTextAsync(sourcePath), result.Help);
    }

    [Fact]
    public async Task No_command_is_a_usage_error_that_points_at_help()
    {
        CliRunner.Result result = await CliRunner.RunAsync(string.Empty);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "twitch-sentiment: Required command was not provided.\nRun 'twitch-sentiment --help' for usage.\n",
            result.Error.ReplaceLineEndings("\n"));
    }
}
