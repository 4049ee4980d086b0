using System.Text;

namespace TwitchSentiment.Throughput;

/// <summary>
/// The texts of a file, all in memory before anything is timed, split as the reference script reads them:
/// Python iterates the file's bytes line by line (split on '\n' only), then
/// <c>raw.decode('utf-8').rstrip('\r\n')</c>. So a '\r' inside a line stays, trailing '\r's go, a final line
/// without '\n' counts, and a file ending in '\n' has no empty last text.
/// </summary>
internal sealed class TextCorpus
{
    /// <summary>Strict, like Python's <c>decode('utf-8')</c>; keeps a byte order mark as U+FEFF, as Python does.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private TextCorpus(string[] texts, long utf8ByteCount)
    {
        Texts = texts;
        Utf8ByteCount = utf8ByteCount;
    }

    /// <summary>The texts, in file order.</summary>
    internal string[] Texts { get; }

    /// <summary>The UTF-8 bytes of all <see cref="Texts"/>, without the line ends.</summary>
    internal long Utf8ByteCount { get; }

    /// <summary>Reads <paramref name="path"/>; a line that is not UTF-8 throws <see cref="InvalidDataException"/>.</summary>
    internal static async Task<TextCorpus> LoadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var texts = new List<string>();
        long utf8ByteCount = 0;
        int start = 0;
        while (start < bytes.Length)
        {
            int newline = Array.IndexOf(bytes, (byte)'\n', start);
            int end = newline < 0 ? bytes.Length : newline;
            int textEnd = end;
            while (textEnd > start && bytes[textEnd - 1] is (byte)'\r' or (byte)'\n')
            {
                textEnd--;
            }

            try
            {
                texts.Add(StrictUtf8.GetString(bytes, start, textEnd - start));
            }
            catch (DecoderFallbackException e)
            {
                throw new InvalidDataException(
                    $"Line {texts.Count + 1} of '{path}' is not valid UTF-8 (at byte {start + e.Index}); "
                    + "the reference would fail to decode it too.",
                    e);
            }

            utf8ByteCount += textEnd - start;
            start = end + 1;
        }

        return new TextCorpus([.. texts], utf8ByteCount);
    }

    /// <summary>
    /// <paramref name="copies"/> copies of the texts, each in its own order (a fixed seed, so runs compare): a small
    /// file timed pass after pass in one order lets the processor's branch predictors learn that order, which flatters
    /// the code with fewer branches; a stream of live chat never repeats.
    /// </summary>
    internal TextCorpus Shuffled(int copies)
    {
        var random = new Random(20261125);
        var texts = new string[Texts.Length * copies];
        for (int copy = 0; copy < copies; copy++)
        {
            string[] order = [.. Texts];
            random.Shuffle(order);
            order.CopyTo(texts, copy * Texts.Length);
        }

        return new TextCorpus(texts, Utf8ByteCount * copies);
    }
}
