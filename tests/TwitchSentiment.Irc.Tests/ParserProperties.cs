using System.Text;
using FsCheck;
using FsCheck.Xunit;

namespace TwitchSentiment.Irc.Tests;

public sealed class ParserProperties
{
    [Property(MaxTest = 1000)]
    public void Escape_then_unescape_gives_the_value_back(NonNull<string> value)
    {
        string text = value.Get.Replace('\0', ' '); // NUL cannot be in a line at all
        Assert.Equal(
            Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)),
            IrcTags.UnescapeToString(Encoding.UTF8.GetBytes(IrcTags.Escape(text))));
    }

    [Property(MaxTest = 2000)]
    public void Parse_never_throws_on_random_bytes(byte[] bytes)
    {
        if (IrcMessage.TryParse(bytes, out IrcMessage? message, out IrcParseError error))
        {
            Assert.NotNull(TwitchMessage.From(message!));
        }
        else
        {
            Assert.NotEqual(IrcParseErrorKind.None, error.Kind);
        }
    }

    [Property(MaxTest = 5000)]
    public void Byte_check_agrees_with_the_library_utf8_rules(NonNegativeInt seed, PositiveInt length)
    {
        // Lines built from UTF-8 pieces, some cut or bent, NULs, CRs and backslashes, around a valid command.
        var random = new Random(seed.Get);
        byte[][] pieces =
        [
            "a"u8.ToArray(), " "u8.ToArray(), "\\"u8.ToArray(), [0], [(byte)'\r'], [(byte)'\n'], "é"u8.ToArray(), "€"u8.ToArray(),
            "😀"u8.ToArray(), [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF5], [0xFF], [0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
        ];
        byte[] text = [.. Enumerable.Range(0, length.Get % 40).SelectMany(_ => pieces[random.Next(pieces.Length)])];
        byte[] line = [.. "PRIVMSG #a :"u8, .. text];

        IrcParseError expected = default;
        int forbidden = line.AsSpan().IndexOfAny((byte)0, (byte)'\r', (byte)'\n');
        if (forbidden >= 0)
        {
            expected = new IrcParseError(IrcParseErrorKind.ForbiddenCharacter, forbidden);
        }
        else if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            int valid = 0;
            while (System.Text.Rune.DecodeFromUtf8(line.AsSpan(valid), out _, out int consumed) == System.Buffers.OperationStatus.Done)
            {
                valid += consumed;
            }

            expected = new IrcParseError(IrcParseErrorKind.NotUtf8, valid);
        }

        IrcLineParser.TryParse(line, out IrcLineParts parts, out IrcParseError actual);
        Assert.Equal(expected, actual);

        // a line that parses is "without escapes" exactly when every byte is ASCII and none is a backslash
        if (actual.Kind == IrcParseErrorKind.None)
        {
            Assert.Equal(line.All(b => b < 0x80 && b != (byte)'\\'), parts.WithoutEscapes);
        }
    }

    [Property(MaxTest = 1000)]
    public void Format_then_parse_gives_the_parts_back(NonNegativeInt seed)
    {
        var random = new Random(seed.Get);
        string Word(int min) => new(Enumerable.Range(0, random.Next(min, 8)).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray());
        var tags = Enumerable.Range(0, random.Next(0, 5)).ToDictionary(_ => Word(1) + random.Next(), _ => Word(0) + "; \\\r\n" + Word(0));
        string? prefix = random.Next(2) == 0 ? null : $"{Word(1)}!{Word(1)}@{Word(1)}.tmi.twitch.tv";
        string command = Word(1).ToUpperInvariant();
        string[] middles = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Word(1)).ToArray();
        string? trailing = random.Next(2) == 0 ? null : Word(0) + " :) " + Word(0);

        var line = new StringBuilder();
        if (tags.Count > 0)
        {
            line.Append('@').AppendJoin(';', tags.Select(t => t.Key + "=" + IrcTags.Escape(t.Value))).Append(' ');
        }

        line.Append(prefix is null ? string.Empty : ":" + prefix + " ").Append(command);
        foreach (string middle in middles)
        {
            line.Append(' ').Append(middle);
        }

        if (trailing is not null)
        {
            line.Append(" :").Append(trailing);
        }

        IrcMessage message = IrcMessage.Parse(line.ToString());

        Assert.Equal(tags, message.Tags);
        Assert.Equal(prefix, message.Prefix);
        Assert.Equal(command, message.Command);
        Assert.Equal(trailing is null ? middles : [.. middles, trailing], message.Params);
    }
}

public sealed class TagEnumeratorProperties
{
    private const string TagAlphabet = ";==ab\\c;xyz";

    [FsCheck.Xunit.Property(MaxTest = 3000)]
    public void Enumerator_splits_like_the_plain_definition(FsCheck.NonNegativeInt seed, FsCheck.PositiveInt length)
    {
        // Sections of ';', '=', '\' and letters, of every length around the 64-byte blocks.
        var random = new Random(seed.Get);
        byte[] section = Enumerable.Range(0, length.Get % 300).Select(_ => (byte)TagAlphabet[random.Next(TagAlphabet.Length)]).ToArray();

        var actual = new List<(string, string)>();
        foreach (IrcTag tag in new IrcTagEnumerator(section))
        {
            actual.Add((System.Text.Encoding.ASCII.GetString(tag.Key), System.Text.Encoding.ASCII.GetString(tag.EscapedValue)));
        }

        // The definition: split on ';', drop empty pieces, split each on its first '='.
        var expected = System.Text.Encoding.ASCII.GetString(section).Split(';')
            .Where(piece => piece.Length > 0)
            .Select(piece => piece.IndexOf('=', StringComparison.Ordinal) is int at and >= 0 ? (piece[..at], piece[(at + 1)..]) : (piece, string.Empty))
            .ToList();
        Assert.Equal(expected, actual);
    }
}
