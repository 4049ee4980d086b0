using System.Text;
using TwitchSentiment.Pipeline.Analysis;
using TwitchSentiment.Pipeline.RawLogs;
using TwitchSentiment.Pipeline.Results;

namespace TwitchSentiment.Pipeline.Tests;

public sealed class AnalyzerAndResultsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    private static string Privmsg(int i, string text) =>
        $"@display-name=U{i};id=id-{i};tmi-sent-ts={T0.AddSeconds(i).ToUnixTimeMilliseconds()};user-id={i} :u{i}!u{i}@u{i}.tmi.twitch.tv PRIVMSG #chan :{text}";

    private static Task<(string Csv, string Jsonl, AnalysisSummary Summary)> AnalyzeAsync(Action<RawLogWriter> write, int memberBytes = 1 << 16)
    {
        using var raw = new MemoryStream();
        using (var writer = new RawLogWriter(raw) { MemberBytes = memberBytes })
        {
            write(writer);
        }

        return AnalyzeAsync(raw.ToArray());
    }

    private static async Task<(string Csv, string Jsonl, AnalysisSummary Summary)> AnalyzeAsync(byte[] raw)
    {
        using var csv = new MemoryStream();
        using var jsonl = new MemoryStream();
        AnalysisSummary summary;
        using (var results = new ResultsWriter(csv, jsonl))
        {
            summary = await RawLogAnalyzer.AnalyzeAsync(new MemoryStream(raw), results);
        }

        return (Encoding.UTF8.GetString(csv.ToArray()), Encoding.UTF8.GetString(jsonl.ToArray()), summary);
    }

    private static string Twitch(string text) => TwitchSentiment.Sentiment.PythonCompat.PythonFloat.Repr(TwitchSentiment.Sentiment.TwitchSentimentAnalyzer.Default.Score(text).Compound);

    [Fact]
    public async Task A_cancelled_analysis_stops_with_a_cancellation_not_a_partial_summary()
    {
        using var raw = new MemoryStream();
        using (var writer = new RawLogWriter(raw))
        {
            for (int i = 0; i < 5000; i++)
            {
                writer.WriteLine(T0, Encoding.UTF8.GetBytes(Privmsg(i, "good one")));
            }
        }

        using var csv = new MemoryStream();
        using var jsonl = new MemoryStream();
        using var results = new ResultsWriter(csv, jsonl);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => RawLogAnalyzer.AnalyzeAsync(new MemoryStream(raw.ToArray()), results, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task Csv_is_rfc_4180_with_the_header_and_quoting_and_jsonl_has_the_same_fields()
    {
        (string csv, string jsonl, AnalysisSummary summary) = await AnalyzeAsync(w =>
        {
            w.WriteLine(T0, Encoding.UTF8.GetBytes(Privmsg(1, "he said \"great\", really")));
            w.WriteLine(T0.AddMilliseconds(1500), Encoding.UTF8.GetBytes(Privmsg(2, "\u0001ACTION loves this 😀\u0001")));
        });

        string[] rows = csv.Split("\r\n");
        Assert.Equal("channel,message_id,sent_at,received_at,user_id,user_login,display_name,text,neg,neu,pos,compound,twitch_compound", rows[0]);
        Assert.Equal("chan,id-1,2026-11-24T20:00:01.000Z,2026-11-24T20:00:00.000Z,1,u1,U1,\"he said \"\"great\"\", really\",0.0,0.423,0.577,0.6249," + Twitch("he said \"great\", really"), rows[1]);
        Assert.StartsWith("chan,id-2,2026-11-24T20:00:02.000Z,2026-11-24T20:00:01.500Z,2,u2,U2,loves this 😀,", rows[2], StringComparison.Ordinal);
        Assert.Equal(string.Empty, rows[3]);
        Assert.Equal(
            "{\"channel\":\"chan\",\"message_id\":\"id-1\",\"sent_at\":\"2026-11-24T20:00:01.000Z\",\"received_at\":\"2026-11-24T20:00:00.000Z\",\"user_id\":\"1\",\"user_login\":\"u1\",\"display_name\":\"U1\",\"text\":\"he said \\\"great\\\", really\",\"neg\":0.0,\"neu\":0.423,\"pos\":0.577,\"compound\":0.6249,\"twitch_compound\":" + Twitch("he said \"great\", really") + "}",
            jsonl.Split('\n')[0]);
        Assert.Equal((2L, 0L), (summary.Messages, summary.ErrorCount));
    }

    [Fact]
    public async Task Bad_lines_are_counted_and_everything_around_them_kept()
    {
        (string _, string jsonl, AnalysisSummary summary) = await AnalyzeAsync(w =>
        {
            w.WriteLine(T0, Encoding.UTF8.GetBytes(Privmsg(1, "good one")));
            w.WriteLine(T0, [.. Encoding.UTF8.GetBytes(Privmsg(2, "bad ")), 0xff, 0xfe]);
            w.WriteLine(T0, Encoding.UTF8.GetBytes(":u3!u3@u3 PRIVMSG #chan"));
            w.WriteLine(T0, Encoding.UTF8.GetBytes("@emotes= PRIVMSG #chan :no prefix but fine"));
            w.WriteLine(T0, Encoding.UTF8.GetBytes(Privmsg(4, "good too")));
        });

        Assert.Equal(3, jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(1, summary.ErrorCounts["invalid-utf8"]);
        Assert.Equal(1, summary.ErrorCounts["malformed-message"]);
        Assert.StartsWith("line 2: the line is not valid UTF-8", summary.Errors[0].Detail, StringComparison.Ordinal);
        Assert.StartsWith("line 3: a PRIVMSG without channel or text", summary.Errors[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_log_keeps_the_messages_before_the_cut_and_says_how_many_records_were_lost()
    {
        using var raw = new MemoryStream();
        using (var writer = new RawLogWriter(raw) { MemberBytes = 1 << 20 })
        {
            for (int i = 0; i < 2000; i++)
            {
                writer.WriteLine(T0.AddMilliseconds(i), Encoding.UTF8.GetBytes(Privmsg(i, $"message {i} is nice")));
            }
        }

        (string _, string jsonl, AnalysisSummary summary) = await AnalyzeAsync(raw.ToArray()[..(int)(raw.Length / 2)]);

        int kept = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.InRange(kept, 500, 1999);
        Assert.Equal(2000, kept + summary.LostRecords);
        Assert.Equal(1, summary.ErrorCounts["truncated"]);
    }

    [Fact]
    public async Task Coverage_runs_from_listening_to_disconnect_and_from_the_next_listening_to_the_end()
    {
        (_, _, AnalysisSummary summary) = await AnalyzeAsync(w =>
        {
            w.WriteEvent(T0, new CaptureEvent(CaptureEvent.Start, CaptureId: "c1", Channels: ["#chan"], Endpoint: "irc://x"));
            w.WriteEvent(T0.AddSeconds(1), new CaptureEvent(CaptureEvent.Listening, Channel: "#chan", Connection: 1));
            w.WriteEvent(T0.AddSeconds(60), new CaptureEvent(CaptureEvent.Disconnected, Connection: 1, Reason: "reset"));
            w.WriteEvent(T0.AddSeconds(65), new CaptureEvent(CaptureEvent.Listening, Channel: "#chan", Connection: 2));
            w.WriteEvent(T0.AddSeconds(120), new CaptureEvent(CaptureEvent.End, Reason: "duration"));
        });

        Assert.Equal([new CoveredWindow(T0.AddSeconds(1), T0.AddSeconds(60)), new CoveredWindow(T0.AddSeconds(65), T0.AddSeconds(120))], summary.Windows);
        Assert.Equal(("c1", "duration"), (summary.CaptureId, summary.EndReason));
    }

    [Fact]
    public async Task The_same_raw_log_always_gives_the_same_bytes()
    {
        void Write(RawLogWriter w)
        {
            for (int i = 0; i < 500; i++)
            {
                w.WriteLine(T0.AddMilliseconds(i * 7), Encoding.UTF8.GetBytes(Privmsg(i, i % 3 == 0 ? "awful, just awful" : "pretty good stuff")));
            }
        }

        (string csv1, string jsonl1, _) = await AnalyzeAsync(Write, memberBytes: 1000);
        (string csv2, string jsonl2, _) = await AnalyzeAsync(Write, memberBytes: 50_000);

        Assert.Equal(csv1, csv2);
        Assert.Equal(jsonl1, jsonl2);
    }
}
