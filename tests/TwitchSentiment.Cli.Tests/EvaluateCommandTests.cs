using System.Globalization;
using System.Text.RegularExpressions;
using TwitchSentiment.TestSupport;

namespace TwitchSentiment.Cli.Tests;

public sealed partial class EvaluateCommandTests
{
    private static string DevFile => SharedData.DataPath("twitch-labeled", "dev.csv");

    // The issue's target for twitch_compound (0.704 with lexicon 1.2.0 and the rules of the README's table).
    private const double TwitchMacroF1Target = 0.70;

    [Fact]
    public async Task Evaluate_dev_set_gives_plain_vader_0_438_and_twitch_compound_at_least_the_target_0_70()
    {
        CliRunner.Result result = await CliRunner.RunAsync(string.Empty, "evaluate", DevFile);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.StartsWith("dev.csv: 774 messages (315 positive, 294 neutral, 165 negative)\n", result.Output, StringComparison.Ordinal);
        (double vaderF1, double vaderAccuracy) = Scores(result.Output, "vader");
        (double twitchF1, _) = Scores(result.Output, "twitch_compound");
        Assert.Equal(0.438, vaderF1);
        Assert.Equal(0.473, vaderAccuracy);
        Assert.True(twitchF1 >= TwitchMacroF1Target, $"twitch_compound macro-F1 is {twitchF1}, below the target {TwitchMacroF1Target}");
    }

    [Fact]
    public async Task Evaluate_prints_a_confusion_matrix_per_score_that_adds_up()
    {
        const string Csv = "sentiment,message\n1,good\n1,Pog\n0,the stream\n-1,bad\n-1,PepeHands\n0,\"Clap, Clap\"\n";

        CliRunner.Result result = await RunOnFileAsync(Csv);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "test.csv: 6 messages (2 positive, 2 neutral, 2 negative)\n" +
            "cut: compound > 0.05 positive, < -0.05 negative, else neutral\n\n" +
            "score            macro-F1  accuracy\n" +
            "vader               0.667     0.667\n" +
            "twitch_compound     0.822     0.833\n\n" +
            "vader: confusion matrix (rows: label, columns: predicted)\n" +
            "            negative   neutral  positive      F1\n" +
            "negative           1         1         0   0.667\n" +
            "neutral            0         2         0   0.667\n" +
            "positive           0         1         1   0.667\n" +
            "\ntwitch_compound: confusion matrix (rows: label, columns: predicted)\n" +
            "            negative   neutral  positive      F1\n" +
            "negative           2         0         0   1.000\n" +
            "neutral            0         1         1   0.667\n" +
            "positive           0         0         2   0.800\n",
            result.Output);
    }

    [Fact]
    public async Task Evaluate_reports_bad_rows_by_line_counts_them_and_keeps_the_others()
    {
        const string Csv = "row,sentiment,message\n1,1,good\n2,2,bad label\n3,1\n4,-1,\"multi\nline, bad\"\n5,0,\"unclosed\n";

        CliRunner.Result result = await RunOnFileAsync(Csv);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("test.csv: 2 messages (1 positive, 0 neutral, 1 negative), 3 bad rows left out\n", result.Output, StringComparison.Ordinal);
        Assert.Equal(
            "twitch-sentiment evaluate: test.csv line 3: the sentiment '2' is not -1, 0 or 1; the row is left out.\n" +
            "twitch-sentiment evaluate: test.csv line 4: 2 fields where the header has 3; put a message that holds a comma in double quotes; the row is left out.\n" +
            "twitch-sentiment evaluate: test.csv line 7: a quoted field is never closed; add the missing '\"' (the rows after it were read from the next line on); the row is left out.\n" +
            "twitch-sentiment evaluate: 3 of 5 rows could not be used (see above).\n",
            result.Error.ReplaceLineEndings("\n").Replace(Path.GetTempPath(), string.Empty, StringComparison.Ordinal).Replace(TempName, "test.csv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stray_quote_costs_its_own_row_only()
    {
        // the quote runs to the end of the file, or is closed by the opening quote of a later row
        CliRunner.Result toTheEnd = await RunOnFileAsync("sentiment,message\n1,good\n0,\"oops\n1,great\n-1,awful\n0,table\n");
        CliRunner.Result toALaterQuote = await RunOnFileAsync("sentiment,message\n1,good\n0,\"oops\n1,\"great\"\n-1,awful\n0,table\n");

        foreach (CliRunner.Result result in new[] { toTheEnd, toALaterQuote })
        {
            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("test.csv: 4 messages (2 positive, 1 neutral, 1 negative), 1 bad rows left out\n", result.Output, StringComparison.Ordinal);
            Assert.Contains(".csv line 3: a quoted field is never closed", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_row_that_is_not_utf8_is_left_out_and_the_others_are_scored()
    {
        byte[] csv = [.. "\uFEFFsentiment,message\n1,go"u8, 0xFF, .. "od\n-1,awful\n1,great \uFFFD\n"u8];

        CliRunner.Result result = await RunOnFileAsync(csv);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("test.csv: 2 messages (1 positive, 0 neutral, 1 negative), 1 bad rows left out\n", result.Output, StringComparison.Ordinal);
        Assert.Contains(".csv line 2: not valid UTF-8; save the file as UTF-8; the row is left out.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_without_the_needed_columns_is_a_usage_error()
    {
        CliRunner.Result result = await RunOnFileAsync("label_x,msg\n1,good\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("line 1: the first line must be a header naming a 'sentiment' column", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_a_missing_file_is_a_usage_error_naming_it()
    {
        CliRunner.Result result = await CliRunner.RunAsync(string.Empty, "evaluate", "/nonexistent/dev.csv");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("twitch-sentiment evaluate: cannot read '/nonexistent/dev.csv'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_with_a_user_lexicon_scores_its_emotes()
    {
        string lexicon = Path.Combine(Path.GetTempPath(), $"lexicon-{Guid.NewGuid():N}.tsv");
        await File.WriteAllTextAsync(lexicon, "xyzzy\t3\temote\tchannel\thype\n");
        try
        {
            CliRunner.Result without = await RunOnFileAsync("sentiment,message\n1,xyzzy\n");
            CliRunner.Result with = await RunOnFileAsync("sentiment,message\n1,xyzzy\n", "--lexicon", lexicon);

            Assert.Contains("twitch_compound     0.000     0.000\n", without.Output, StringComparison.Ordinal);
            Assert.Contains("twitch_compound     0.333     1.000\n", with.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(lexicon);
        }
    }

    private static string TempName { get; } = $"eval-{Guid.NewGuid():N}.csv";

    private static Task<CliRunner.Result> RunOnFileAsync(string csv, params string[] extra) => RunOnFileAsync(System.Text.Encoding.UTF8.GetBytes(csv), extra);

    private static async Task<CliRunner.Result> RunOnFileAsync(byte[] csv, params string[] extra)
    {
        string path = Path.Combine(Path.GetTempPath(), TempName);
        await File.WriteAllBytesAsync(path, csv);
        try
        {
            CliRunner.Result result = await CliRunner.RunAsync(string.Empty, ["evaluate", path, .. extra]);
            return result with { Output = result.Output.Replace(TempName, "test.csv", StringComparison.Ordinal) };
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (double MacroF1, double Accuracy) Scores(string output, string name)
    {
        Match match = ScoreLine().Matches(output).Single(m => m.Groups["name"].Value == name);
        return (double.Parse(match.Groups["f1"].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups["accuracy"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<name>\S+)\s+(?<f1>\d\.\d{3})\s+(?<accuracy>\d\.\d{3})$", RegexOptions.Multiline)]
    private static partial Regex ScoreLine();
}
