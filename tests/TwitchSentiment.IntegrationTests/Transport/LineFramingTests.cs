using System.IO.Pipelines;
using System.Text;
using TwitchSentiment.Irc.Transport;

namespace TwitchSentiment.IntegrationTests.Transport;

/// <summary>
/// The shared line framing, fed through an in-memory pipe so every split point of the input can be tried
/// deterministically: the first part is written before the read starts, so the read sees it alone.
/// </summary>
public sealed class LineFramingTests
{
    private const int Max = IrcTransportOptions.MinLineBytes;

    public static TheoryData<string, string[]> Inputs => new()
    {
        { "PRIVMSG #c :café ☕ 😀\r\nPING :x\nshort\r\n", ["C:PRIVMSG #c :café ☕ 😀", "C:PING :x", "C:short"] },
        { "\r\n\r\n\nPING :only\r\n\r\n", ["C:PING :only"] },
        { new string('a', Max) + "\r\n" + new string('b', Max + 1) + "\r\nok\r\n", ["C:" + new string('a', Max), "O:" + new string('b', Max), "C:ok"] },
        { new string('é', Max) + "\r\nnext\r\n", ["O:" + new string('é', Max / 2), "C:next"] },
        { "whole\r\nhalf a li", ["C:whole", "I:half a li"] },
        { "whole\r\nends with CR\r", ["C:whole", "I:ends with CR"] },
        { "x\r\n" + new string('c', 3 * Max), ["C:x", "O:" + new string('c', Max)] },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Every_split_point_gives_the_same_lines(string input, string[] expected)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(input);
        for (int split = 0; split <= bytes.Length; split++)
        {
            Assert.Equal(expected, await FrameAsync(bytes, split));
        }
    }

    /// <summary>Writes bytes[..split], starts reading, writes the rest and ends the stream; gives "kind:text" per line.</summary>
    private static async Task<List<string>> FrameAsync(byte[] bytes, int split)
    {
        var pipe = new Pipe();
        await using var transport = new PipeTransport(pipe);
        await pipe.Writer.WriteAsync(bytes.AsMemory(0, split));
        ValueTask<ReceivedLine?> first = transport.ReadLineAsync(CancellationToken.None);
        await pipe.Writer.WriteAsync(bytes.AsMemory(split));
        await pipe.Writer.CompleteAsync();

        var lines = new List<string>();
        for (ReceivedLine? line = await first; line is { } received; line = await transport.ReadLineAsync(CancellationToken.None))
        {
            lines.Add($"{received.Kind.ToString()[0]}:{Encoding.UTF8.GetString(received.Bytes.Span)}");
        }

        return lines;
    }

    /// <summary>The framing over a pipe's read side; sends are not used here.</summary>
    private sealed class PipeTransport(Pipe pipe) : FramedIrcTransport(
        IrcEndpoint.Parse("irc://127.0.0.1:6667"),
        pipe.Reader.AsStream(),
        IrcTransportOptions.Default with { MaxLineBytes = Max })
    {
        protected override ValueTask WriteLineAsync(ReadOnlyMemory<byte> lineWithCrLf, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        protected override ValueTask CloseConnectionAsync() => pipe.Reader.CompleteAsync();
    }
}
