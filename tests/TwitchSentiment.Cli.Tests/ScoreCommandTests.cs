using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using TwitchSentiment.TestSupport;

namespace TwitchSentiment.Cli.Tests;

public sealed class ScoreCommandTests
{
    private static string ReferenceFile => SharedData.DataPath("vader-reference", "tweets.vader.jsonl");

    [Fact]
    public async Task Score_lines_prints_the_reference_numbers_character_for_character()
    {
        string[] referenceLines = await File.ReadAllLinesAsync(ReferenceFile);
        string input = string.Concat(referenceLines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString() + "\n"));

        CliRunner.Result result = await CliRunner.RunAsync(input, "score");

        Assert.Equal(0, result.ExitCode);
        string[] outputLines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(referenceLines.Length, outputLines.Length);
        for (int i = 0; i < referenceLines.Length; i++)
        {
            AssertSameScoreText(referenceLines[i], outputLines[i]);
        }
    }

    [Fact]
    public async Task Score_jsonl_keeps_other_fields_and_overwrites_scores_in_place()
    {
        // The reference file already holds the reference's scores: scoring it again must give them back verbatim,
        // with twitch_compound added last.
        string input = string.Join('\n', (await File.ReadAllLinesAsync(ReferenceFile)).Take(300)) + "\n";

        CliRunner.Result result = await CliRunner.RunAsync(input, "score", "--jsonl");

        Assert.Equal(0, result.ExitCode);
        string[] inputLines = input.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] outputLines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(inputLines.Length, outputLines.Length);
        for (int i = 0; i < inputLines.Length; i++)
        {
            using JsonDocument expected = JsonDocument.Parse(inputLines[i]);
            using JsonDocument actual = JsonDocument.Parse(outputLines[i]);
            Assert.Equal(
                expected.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())),
                actual.RootElement.EnumerateObject().SkipLast(1).Select(p => (p.Name, p.Value.GetRawText())));
            Assert.Equal("twitch_compound", actual.RootElement.EnumerateObject().Last().Name);
        }
    }

    [Fact]
    public async Task Score_prints_twitch_compound_after_the_four_vader_numbers()
    {
        CliRunner.Result result = await CliRunner.RunAsync("LUL that was GREAT\n{\"text\":\"Pog\",\"twitch_compound\":1,\"id\":2}\n", "score");
        CliRunner.Result jsonl = await CliRunner.RunAsync("{\"twitch_compound\":null,\"text\":\"Pog\",\"id\":2}\n", "score", "--jsonl");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "{\"text\":\"LUL that was GREAT\",\"neg\":0.0,\"neu\":0.383,\"pos\":0.617,\"compound\":0.7034,\"twitch_compound\":0.8331}\n" +
            "{\"text\":\"{\\\"text\\\":\\\"Pog\\\",\\\"twitch_compound\\\":1,\\\"id\\\":2}\",\"neg\":0.0,\"neu\":1.0,\"pos\":0.0,\"compound\":0.0,\"twitch_compound\":0.0}\n",
            result.Output);
        Assert.Equal(
            "{\"twitch_compound\":0.5423,\"text\":\"Pog\",\"id\":2,\"neg\":0.0,\"neu\":1.0,\"pos\":0.0,\"compound\":0.0}\n",
            jsonl.Output);
    }

    [Fact]
    public async Task Score_lexicon_adds_the_users_emotes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lexicon-{Guid.NewGuid():N}.tsv");
        await File.WriteAllTextAsync(path, "# version\tmine\nsodaHype\t3\temote\tchannel\thype\n");
        try
        {
            CliRunner.Result result = await CliRunner.RunAsync("sodaHype\n", "score", "--lexicon", path);

            Assert.Equal(0, result.ExitCode);
            Assert.EndsWith("\"compound\":0.0,\"twitch_compound\":0.6124}\n", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Score_lexicon_with_a_bad_line_is_a_usage_error_naming_the_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lexicon-{Guid.NewGuid():N}.tsv");
        await File.WriteAllTextAsync(path, "sodaHype\t3\temote\nPog\tgreat\temote\n");
        try
        {
            CliRunner.Result result = await CliRunner.RunAsync("x\n", "score", "--lexicon", path);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal(string.Empty, result.Output);
            Assert.Equal(
                $"twitch-sentiment score: --lexicon: {Path.GetFileName(path)} line 2: 'Pog great emote': the valence 'great' is not a number from -4 to 4 (VADER's scale; write e.g. 2.5 or -1).\n",
                result.Error.ReplaceLineEndings("\n"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Score_lexicon_that_does_not_exist_is_a_usage_error()
    {
        CliRunner.Result result = await CliRunner.RunAsync("x\n", "score", "--lexicon", "/nonexistent/mine.tsv");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("twitch-sentiment score: --lexicon: cannot read '/nonexistent/mine.tsv'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_writes_text_as_python_json_dumps_with_ensure_ascii_false()
    {
        CliRunner.Result result = await CliRunner.RunAsync("😁 \"quoted\" back\\slash \u0001 é\n", "score");

        Assert.Equal(
            "{\"text\":\"😁 \\\"quoted\\\" back\\\\slash \\u0001 é\",\"neg\":0.0,\"neu\":0.727,\"pos\":0.273,\"compound\":0.4588,\"twitch_compound\":0.4588}\n",
            result.Output);
    }

    [Fact]
    public async Task Score_splits_on_newline_only_and_strips_trailing_carriage_returns()
    {
        CliRunner.Result result = await CliRunner.RunAsync("good\rbad\r\n\nlast line without newline", "score");

        string[] texts = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!)
            .ToArray();
        Assert.Equal(["good\rbad", string.Empty, "last line without newline"], texts);
    }

    [Fact]
    public async Task Score_jsonl_reports_each_bad_line_and_scores_the_rest()
    {
        string input = string.Join('\n',
            "{\"text\":\"good\",\"id\":1}",
            "not json",
            "[1,2]",
            "{\"id\":2}",
            "{\"text\":42}",
            "{\"text\":\"bad\",\"id\":3}") + "\n";

        CliRunner.Result result = await CliRunner.RunAsync(input, "score", "--jsonl");

        Assert.Equal(1, result.ExitCode);
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Equal("{\"text\":\"good\",\"id\":1,\"neg\":0.0,\"neu\":0.0,\"pos\":1.0,\"compound\":0.4404,\"twitch_compound\":0.4404}", lines[0]);
        Assert.StartsWith("{\"line\":2,\"error\":\"not valid JSON (byte 2);", lines[1], StringComparison.Ordinal);
        Assert.Equal("{\"line\":3,\"error\":\"expected a JSON object with a string field \\\"text\\\", got an array\"}", lines[2]);
        Assert.Equal("{\"line\":4,\"error\":\"the object has no \\\"text\\\" field; add one, or drop --jsonl to score raw text\"}", lines[3]);
        Assert.Equal("{\"line\":5,\"error\":\"\\\"text\\\" must be a string, got a number\"}", lines[4]);
        Assert.Equal("{\"text\":\"bad\",\"id\":3,\"neg\":1.0,\"neu\":0.0,\"pos\":0.0,\"compound\":-0.5423,\"twitch_compound\":-0.5423}", lines[5]);
        Assert.Contains("twitch-sentiment score: line 2: not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 5: \"text\" must be a string", result.Error, StringComparison.Ordinal);
        Assert.Contains("4 of 6 lines could not be scored", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_reports_invalid_utf8_and_keeps_the_lines_around_it()
    {
        byte[] input = [.. "good\n"u8, 0x66, 0xFF, 0x0A, .. "bad\n"u8];

        CliRunner.Result result = await CliRunner.RunAsync(input, "score");

        Assert.Equal(1, result.ExitCode);
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"text\":\"good\"", lines[0], StringComparison.Ordinal);
        Assert.Equal("{\"line\":2,\"error\":\"not valid UTF-8 (byte 2); save the input as UTF-8\"}", lines[1]);
        Assert.Contains("\"text\":\"bad\"", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_lines_longer_than_the_cap_are_reported_and_reading_goes_on()
    {
        string input = "ok\n" + new string('x', 5000) + "\nafter\n" + new string('y', 5000);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(input));

        var lines = new List<InputLine>();
        await foreach (InputLine line in InputLines.ReadAsync(stream, maxLineBytes: 1000, CancellationToken.None))
        {
            lines.Add(line);
        }

        Assert.Equal(4, lines.Count);
        Assert.Equal("ok", lines[0].Text);
        Assert.Contains("longer than 1,000 bytes", lines[1].Error, StringComparison.Ordinal);
        Assert.Equal(new InputLine(3, "after", null), lines[2]);
        Assert.Equal(4, lines[3].Number);
        Assert.NotNull(lines[3].Error);
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error_with_exit_code_2()
    {
        CliRunner.Result result = await CliRunner.RunAsync(string.Empty, "score", "--bogus");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("'--bogus'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Run 'twitch-sentiment score --help' for usage.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_the_command_with_exit_code_130()
    {
        var pipe = new Pipe(); // an input that never ends
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        using var cancellation = new CancellationTokenSource();
        var console = new CliConsole(pipe.Reader.AsStream(), stdout, stderr);
        await pipe.Writer.WriteAsync("good\n"u8.ToArray());

        Task<int> run = CliApp.RunAsync(["score"], console, stderr, cancellation.Token);
        await cancellation.CancelAsync();

        Assert.Equal(130, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("cancelled", stderr.ToString(), StringComparison.Ordinal);
    }

    private static void AssertSameScoreText(string referenceLine, string outputLine)
    {
        using JsonDocument expected = JsonDocument.Parse(referenceLine);
        using JsonDocument actual = JsonDocument.Parse(outputLine);
        Assert.Equal(expected.RootElement.GetProperty("text").GetString(), actual.RootElement.GetProperty("text").GetString());
        foreach (string field in new[] { "neg", "neu", "pos", "compound" })
        {
            Assert.Equal(expected.RootElement.GetProperty(field).GetRawText(), actual.RootElement.GetProperty(field).GetRawText());
        }
    }

    [Fact]
    public async Task A_byte_order_mark_at_the_start_is_no_part_of_the_first_word()
    {
        CliRunner.Result result = await CliRunner.RunAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("good\ngood\n")], "score");

        Assert.Equal(0, result.ExitCode);
        Assert.All(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains("\"compound\":0.4404", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_line_escaping_a_lone_surrogate_is_a_bad_line_and_the_next_lines_are_scored()
    {
        string input = "{\"text\":\"a\\ud800b\"}\n{\"\\udc00\":1,\"text\":\"x\"}\n{\"text\":\"good\"}\n";

        CliRunner.Result result = await CliRunner.RunAsync(input, "score", "--jsonl");

        Assert.Equal(1, result.ExitCode);
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("{\"line\":1,\"error\":\"the line escapes half of a surrogate pair", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"line\":2,\"error\":", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"compound\":0.4404", lines[2], StringComparison.Ordinal);
    }
}
