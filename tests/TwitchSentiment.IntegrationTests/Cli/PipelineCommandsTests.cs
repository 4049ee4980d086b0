using System.Text.Json;
using TwitchSentiment.IntegrationTests.Pipeline;
using TwitchSentiment.Pipeline.Replay;

namespace TwitchSentiment.IntegrationTests.Cli;

/// <summary>capture, analyze, report, demo and replay as a user runs them, against the local replay server and a store folder.</summary>
public sealed class PipelineCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-commands-").FullName;

    private string Store => Path.Combine(_folder, "store");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    private static string PathAfter(string output, string label) =>
        output.Split('\n').First(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim().Split(" (")[0];

    /// <summary>Writes a recorded chat of <paramref name="messages"/> messages and captures its replay into the store.</summary>
    private async Task<(RecordedChat Chat, int Exit, string Output, string Error)> CaptureRecordingAsync(int messages)
    {
        string recording = Path.Combine(_folder, "recording.log.gz");
        RecordedChat chat = RecordedChat.Write(recording, messages, withBadLine: false);
        await using var server = new ReplayServer(() => ReplayServer.FromRawLog(recording), speed: 0);
        (int exit, string output, string error) = await InProcessCli.RunAsync(
            "capture", "#" + RecordedChat.Channel, "--irc", server.Url, "--minutes", "3s", "--store", Store);
        return (chat, exit, output, error);
    }

    [Fact]
    public async Task Capture_keeps_the_raw_log_scores_it_reports_it_and_prints_where_each_file_is()
    {
        (RecordedChat chat, int exit, string output, string error) = await CaptureRecordingAsync(400);

        Assert.True(exit == 0, error);
        string raw = PathAfter(output, "raw log:");
        string csv = PathAfter(output, "results:");
        string report = PathAfter(output, "report:");
        Assert.True(File.Exists(raw) && File.Exists(csv) && File.Exists(report), output);
        Assert.StartsWith(Path.Combine(Store, "raw", RecordedChat.Channel), raw, StringComparison.Ordinal);
        Assert.Equal(chat.Messages.Count + 1, (await File.ReadAllLinesAsync(csv)).Length); // and the header
        Assert.Equal(chat.Messages.Count, Json(Path.ChangeExtension(report, ".json")).GetProperty("messages").GetInt32());
        Assert.Contains("ended (duration)", error, StringComparison.Ordinal);
        string rawLines = output.Split('\n').First(l => l.StartsWith("raw log:", StringComparison.Ordinal)).Split(" (")[1].Split(' ')[0];
        Assert.Contains($" from {rawLines} lines)", output, StringComparison.Ordinal); // capture and analyze count the same lines
    }

    [Fact]
    public async Task Ctrl_c_during_a_capture_still_keeps_analyzes_and_reports_what_was_captured()
    {
        string recording = Path.Combine(_folder, "recording.log.gz");
        RecordedChat.Write(recording, 200, withBadLine: false);
        await using var server = new ReplayServer(() => ReplayServer.FromRawLog(recording), speed: 0);

        (int exit, string output, string error) = await InProcessCli.RunAndCancelAsync(
            TimeSpan.FromSeconds(2), "capture", RecordedChat.Channel, "--irc", server.Url, "--minutes", "10m", "--store", Store);

        Assert.Equal(130, exit);
        Assert.Contains("ended (cancelled)", error, StringComparison.Ordinal);
        Assert.True(File.Exists(PathAfter(output, "raw log:")), output);
        Assert.True(File.Exists(PathAfter(output, "report:")), output);
    }

    [Fact]
    public async Task Demo_runs_the_whole_job_offline_and_the_report_spans_the_sample_minutes()
    {
        (int exit, string output, string error) = await InProcessCli.RunAsync("demo", "--store", Store, "--speed", "120");

        Assert.True(exit == 0, error);
        string report = PathAfter(output, "report:");
        Assert.Contains($"Open the report: {report}", error, StringComparison.Ordinal);
        JsonElement json = Json(Path.ChangeExtension(report, ".json"));
        Assert.InRange(json.GetProperty("messages").GetInt32(), 3000, 4000);
        Assert.InRange(json.GetProperty("timeline").GetArrayLength(), 6, 9); // six minutes of chat, on the scaled clock
        Assert.InRange(json.GetProperty("coverage").GetProperty("covered_seconds").GetDouble(), 355, 480);
        Assert.Contains("ended (done)", error, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_of_a_damaged_log_keeps_the_good_part_names_the_errors_file_and_exits_1()
    {
        string recording = Path.Combine(_folder, "recording.log.gz");
        RecordedChat chat = RecordedChat.Write(recording, 3000);
        string raw = Path.Combine(Store, "raw", RecordedChat.Channel, "2026", "11", "20", "20261120T183000Z-0badc0de.log.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(raw)!);
        byte[] bytes = await File.ReadAllBytesAsync(recording);
        await File.WriteAllBytesAsync(raw, bytes[..(bytes.Length * 3 / 4)]); // cut off, as by a crash

        (int exit, string output, string error) = await InProcessCli.RunAsync("analyze", raw);

        Assert.Equal(1, exit);
        Assert.Contains("truncated", error, StringComparison.Ordinal);
        string errors = Path.Combine(Store, "results", RecordedChat.Channel, "2026", "11", "20", "20261120T183000Z-0badc0de.errors.json");
        Assert.Contains(errors, error, StringComparison.Ordinal);
        Assert.True(Json(errors).GetProperty("lost_records").GetInt32() > 0);
        int rows = (await File.ReadAllLinesAsync(PathAfter(output, "results:"))).Length - 1;
        Assert.InRange(rows, chat.Messages.Count / 2, chat.Messages.Count - 1);
    }

    [Theory]
    [InlineData("not-a-raw-log.txt", true, "not a raw log in a store")]
    [InlineData("raw/chan/2026/11/20/x.log.gz", false, "no such file; give the path of a raw log (.log.gz) in a store")]
    [InlineData("raw", true, "a folder, not a raw log")]
    public async Task Analyze_names_the_input_and_the_fix(string path, bool exists, string expected)
    {
        if (exists)
        {
            if (path.EndsWith(".txt", StringComparison.Ordinal))
            {
                await File.WriteAllTextAsync(Path.Combine(_folder, path), "hello");
            }
            else
            {
                Directory.CreateDirectory(Path.Combine(_folder, path));
            }
        }

        (int exit, _, string error) = await InProcessCli.RunAsync("analyze", Path.Combine(_folder, path));

        Assert.Equal(1, exit);
        Assert.Contains(Path.Combine(_folder, path), error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report", "chan", "--date", "2026-13-01")]
    [InlineData("capture", "chan", "--minutes", "soon")]
    [InlineData("capture", "chan", "--store", "a", "--s3", "s3://b")]
    [InlineData("capture", "bad name!")]
    [InlineData("replay", "x.log.gz", "--speed", "-1")]
    [InlineData("demo", "--speed", "0")]
    public async Task Bad_arguments_are_usage_errors(params string[] args)
    {
        (int exit, _, string error) = await InProcessCli.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_without_results_says_where_it_looked()
    {
        (int exit, _, string error) = await InProcessCli.RunAsync("report", "somechan", "--date", "2026-11-20", "--store", Store);

        Assert.Equal(1, exit);
        Assert.Contains($"no results for #somechan on 2026-11-20 in {Store}, so no report was written", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Store, "reports")), "a report for a day without results was written");
    }

    [Fact]
    public async Task Report_over_damaged_results_names_each_file_and_line_and_keeps_every_good_row()
    {
        (RecordedChat chat, int captured, string output, string captureError) = await CaptureRecordingAsync(100);
        Assert.True(captured == 0, captureError);
        string results = Path.ChangeExtension(PathAfter(output, "results:"), null);
        string[] rows = await File.ReadAllLinesAsync(results + ".jsonl");
        rows[4] = "{bad";
        await File.WriteAllLinesAsync(results + ".jsonl", rows);
        await File.WriteAllTextAsync(results + ".summary.json", "[]");
        string day = Json(Path.ChangeExtension(PathAfter(output, "report:"), ".json")).GetProperty("date").GetString()!;

        (int exit, _, string error) = await InProcessCli.RunAsync("report", RecordedChat.Channel, "--date", day, "--store", Store);

        Assert.Equal(1, exit);
        Assert.Contains($"{results}.jsonl: skipped 1 line(s) that are not result rows (line 5)", error, StringComparison.Ordinal);
        Assert.Contains($"{results}.summary.json: not a summary written by analyze (the summary is a JSON array, not an object)", error, StringComparison.Ordinal);
        string report = Path.Combine(Store, "reports", RecordedChat.Channel, day.Replace('-', '/') + ".json");
        Assert.Equal(chat.Messages.Count - 1, Json(report).GetProperty("messages").GetInt32());
    }

    [Fact]
    public async Task A_capture_that_never_connects_says_why_and_exits_1()
    {
        int closedPort = InProcessCli.ClosedPort();

        (int exit, _, string error) = await InProcessCli.RunAsync(
            "capture", "somechan", "--irc", $"irc://127.0.0.1:{closedPort}", "--minutes", "3s", "--store", Store);

        Assert.Equal(1, exit);
        Assert.Contains("the last connection ended: Could not connect to", error, StringComparison.Ordinal);
        Assert.Contains("the connection was refused", error, StringComparison.Ordinal);
        Assert.Contains("never listened to #somechan: the chat server never confirmed the join", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_stops_a_capture_like_ctrl_c_and_it_still_stores_what_it_captured()
    {
        string recording = Path.Combine(_folder, "recording.log.gz");
        RecordedChat.Write(recording, 2000, withBadLine: false);
        await using var server = new ReplayServer(() => ReplayServer.FromRawLog(recording), speed: 1); // 74 s of chat

        using CliProcess capture = CliProcess.Start("capture", RecordedChat.Channel, "--irc", server.Url, "--rotate", "1h", "--store", Store);
        await capture.WaitForErrorAsync($"capture: #{RecordedChat.Channel} from", TimeSpan.FromSeconds(60)); // started: SIGTERM is handled
        await capture.TerminateAsync();
        (int exit, string output) = await capture.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == 130, output);
        Assert.Contains("ended (cancelled)", output, StringComparison.Ordinal);
        Assert.True(File.Exists(PathAfter(output, "raw log:")), output);
        Assert.True(File.Exists(PathAfter(output, "report:")), output);
    }

    [Fact]
    public async Task Replay_says_what_of_a_damaged_log_it_cannot_serve()
    {
        string noise = Path.Combine(_folder, "noise.log.gz");
        await File.WriteAllBytesAsync(noise, [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 37))]);
        string recording = Path.Combine(_folder, "recording.log.gz");
        RecordedChat.Write(recording, 3000, withBadLine: false);
        string cut = Path.Combine(_folder, "cut.log.gz");
        byte[] whole = await File.ReadAllBytesAsync(recording);
        await File.WriteAllBytesAsync(cut, whole[..(whole.Length / 2)]);

        (int noiseExit, _, string noiseError) = await InProcessCli.RunAsync("replay", noise);
        (int cutExit, _, string cutError) = await InProcessCli.RunAndCancelAsync(TimeSpan.FromSeconds(2), "replay", cut);

        Assert.Equal(1, noiseExit);
        Assert.Contains($"{noise} holds no chat lines to serve that can be read", noiseError, StringComparison.Ordinal);
        Assert.Equal(130, cutExit);
        Assert.Contains($"{cut}: the log is cut off", cutError, StringComparison.Ordinal);
        Assert.Contains("chat lines that can be read are served", cutError, StringComparison.Ordinal);
    }
}
