using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace TwitchSentiment.Cli;

/// <summary>One input line: its 1-based number and either its text or why it could not be read.</summary>
internal readonly record struct InputLine(long Number, string? Text, string? Error);

/// <summary>
/// Reads standard input as Python's <c>for raw in sys.stdin.buffer</c> does: lines end at '\n' only (a lone
/// '\r' stays in the text), trailing '\r' is removed, a last line without '\n' still counts. A line that is not
/// UTF-8 or longer than the cap is reported as an error line and reading goes on with the next one. Unlike Python, a
/// byte order mark at the very start (files saved by Windows editors) is dropped: it is no part of the first word.
/// </summary>
internal static class InputLines
{
    /// <summary>The longest line accepted, in bytes.</summary>
    internal const int DefaultMaxLineBytes = 16 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal static async IAsyncEnumerable<InputLine> ReadAsync(
        Stream input,
        int maxLineBytes,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        PipeReader reader = PipeReader.Create(input, new StreamPipeReaderOptions(leaveOpen: true));
        long number = 0;
        bool oversized = false;
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is SequencePosition newline)
                {
                    ReadOnlySequence<byte> line = buffer.Slice(0, newline);
                    buffer = buffer.Slice(buffer.GetPosition(1, newline));
                    number++;
                    yield return oversized ? Oversized(number, maxLineBytes) : Decode(number, line);
                    oversized = false;
                }

                if (buffer.Length > maxLineBytes)
                {
                    // Drop what is buffered of an overlong line; it is reported when its end arrives.
                    oversized = true;
                    buffer = buffer.Slice(buffer.End);
                }

                if (result.IsCompleted)
                {
                    if (oversized || !buffer.IsEmpty)
                    {
                        number++;
                        yield return oversized ? Oversized(number, maxLineBytes) : Decode(number, buffer);
                    }

                    yield break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static InputLine Oversized(long number, int maxLineBytes) =>
        new(number, null, $"the line is longer than {maxLineBytes:N0} bytes; split it into shorter lines");

    private static InputLine Decode(long number, ReadOnlySequence<byte> bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException error)
        {
            return new InputLine(number, null, $"not valid UTF-8 (byte {error.Index + 1}); save the input as UTF-8");
        }

        if (number == 1 && text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        return new InputLine(number, text.TrimEnd('\r'), null);
    }
}
