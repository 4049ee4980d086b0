using System.Text;

namespace TwitchSentiment.Cli.Tests;

/// <summary>Wrong command lines and failing streams: a short message and an exit code, never a stack trace.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--lexicon needs a lexicon file", "score", "--lexicon", "")]
    [InlineData("The file argument needs a CSV file", "evaluate", "")]
    [InlineData("The raw-log argument needs a raw log path", "analyze", " ")]
    [InlineData("--store needs a folder path", "report", "x", "--store", "")]
    [InlineData("--file needs a credentials file", "auth", "init", "--file", "")]
    [InlineData("--s3: The storage location 's3://' is not a valid S3 location: the bucket name '' is not valid", "report", "x", "--s3", "s3://")]
    [InlineData("'Bad_Bucket' is not valid: it holds 'B'", "demo", "--s3", "s3://Bad_Bucket/x")]
    [InlineData("--store: The storage location 's3://Bad_Bucket/x' is not a valid S3 location", "report", "x", "--store", "s3://Bad_Bucket/x")]
    [InlineData("Cannot parse argument 'abc' for option '--port' as a whole number.", "replay", "x.log.gz", "--port", "abc")]
    [InlineData("Cannot parse argument 'fast' for option '--speed' as a number.", "demo", "--speed", "fast")]
    [InlineData("Cannot parse argument 'all' for option '--max-messages' as a whole number.", "watch", "x", "--max-messages", "all")]
    [InlineData("Unrecognized option '--bogus'.", "analyze", "--bogus", "x")]
    [InlineData("--date: 0001-01-01 is out of range; give a day from 2000-01-01 to 9998-12-31.", "report", "x", "--date", "0001-01-01")]
    [InlineData("--date: 9999-12-31 is out of range", "report", "x", "--date", "9999-12-31")]
    public async Task A_wrong_command_line_is_a_usage_error_that_says_what_is_wrong(string message, params string[] args)
    {
        CliRunner.Result result = await CliRunner.RunAsync("", args);

        Assert.Equal((2, ""), (result.ExitCode, result.Output));
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_hint_names_the_whole_command()
    {
        CliRunner.Result result = await CliRunner.RunAsync("", "auth", "init", "--file", "");

        Assert.Contains("Run 'twitch-sentiment auth init --help' for usage.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_that_cannot_be_written_ends_the_command_with_a_message_not_a_stack_trace()
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes("good day\n"));
        using var stderr = new StringWriter();
        var console = new CliConsole(stdin, new FullDiskStream(), stderr);

        int exitCode = await CliApp.RunAsync(["score"], console, TextWriter.Null, CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.Equal("twitch-sentiment: cannot read or write: No space left on device" + Environment.NewLine, stderr.ToString());
    }

    /// <summary>Standard output on a full disk: every write fails as the operating system would fail it.</summary>
    private sealed class FullDiskStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("No space left on device");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new IOException("No space left on device");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new IOException("No space left on device");
    }
}
