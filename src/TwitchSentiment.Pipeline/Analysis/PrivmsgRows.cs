using System.Globalization;
using System.Text;
using TwitchSentiment.Irc;
using TwitchSentiment.Pipeline.Results;
using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Pipeline.Analysis;

/// <summary>
/// The result row of a well-formed PRIVMSG straight from its bytes: the zero-copy parser, one pass over the tags, and
/// strings only for the row's fields. Gives exactly what <see cref="TwitchMessage.From"/> would (a test compares the
/// two); anything else (USERNOTICE, odd command case, a PRIVMSG without channel or text) is left to that slow path.
/// </summary>
internal sealed class PrivmsgRows
{
    private readonly byte[] _scratch = new byte[IrcLineParser.MaxTagBytes + 1];
    private byte[] _channelBytes = [];
    private string _channel = string.Empty;
    private readonly List<Range> _ranges = [];

    /// <summary>True when <paramref name="line"/> (valid UTF-8) is a PRIVMSG handled here; <paramref name="row"/> is its row.</summary>
    internal bool TryRow(ReadOnlySpan<byte> line, DateTimeOffset receivedAt, VaderAnalyzer analyzer, TwitchSentimentAnalyzer twitch, out ResultRow? row)
    {
        row = null;
        if (!IrcLineParser.TryParse(line, out IrcLineParts parts, out _) || !line[parts.Command].SequenceEqual("PRIVMSG"u8) || parts.ParamCount < 2)
        {
            return false;
        }

        ReadOnlySpan<byte> target = line[parts.Param(0)];
        if (target.Length < 2 || target[0] != '#')
        {
            return false;
        }

        ReadOnlySpan<byte> id = default, userId = default, displayName = default, loginTag = default, sentTs = default, emotes = default;
        bool hasId = false, hasUserId = false, hasDisplayName = false, hasLogin = false, hasSentTs = false, hasEmotes = false;
        if (parts.HasTags)
        {
            foreach (IrcTag tag in parts.EnumerateTags(line))
            {
                // The last of a repeated key wins, as in IrcMessage.Tags.
                ReadOnlySpan<byte> key = tag.Key;
                if (key.SequenceEqual("id"u8))
                {
                    id = tag.EscapedValue;
                    hasId = true;
                }
                else if (key.SequenceEqual("user-id"u8))
                {
                    userId = tag.EscapedValue;
                    hasUserId = true;
                }
                else if (key.SequenceEqual("display-name"u8))
                {
                    displayName = tag.EscapedValue;
                    hasDisplayName = true;
                }
                else if (key.SequenceEqual("login"u8))
                {
                    loginTag = tag.EscapedValue;
                    hasLogin = true;
                }
                else if (key.SequenceEqual("tmi-sent-ts"u8))
                {
                    sentTs = tag.EscapedValue;
                    hasSentTs = true;
                }
                else if (key.SequenceEqual("emotes"u8))
                {
                    emotes = tag.EscapedValue;
                    hasEmotes = true;
                }
            }
        }

        string? nick = null;
        if (parts.HasPrefix)
        {
            ReadOnlySpan<byte> prefix = line[parts.Prefix];
            int end = prefix.IndexOfAny((byte)'!', (byte)'@');
            nick = end > 0 ? Encoding.UTF8.GetString(prefix[..end]) : null;
        }

        string text = Encoding.UTF8.GetString(Emote.UnwrapActionUtf8(line[parts.Param(parts.ParamCount - 1)]));
        (SentimentScores scores, double twitchCompound) = hasEmotes && !emotes.IsEmpty
            ? (analyzer.Score(text), twitch.Score(text, EmoteRanges(IrcTags.Unescaped(emotes, _scratch), text)).Compound)
            : (analyzer.Score(text), twitch.Score(text).Compound);
        row = new ResultRow(
            Channel(target[1..]),
            hasId ? Tag(id) : null,
            hasSentTs ? SentAt(sentTs) : null,
            receivedAt,
            hasUserId ? Tag(userId) : null,
            nick ?? (hasLogin ? Tag(loginTag) : string.Empty),
            hasDisplayName ? Tag(displayName) : null,
            text,
            scores,
            twitchCompound);
        return true;
    }

    /// <summary>The emote ranges of the line in <paramref name="text"/>; the list is reused from line to line.</summary>
    private ReadOnlySpan<Range> EmoteRanges(ReadOnlySpan<byte> tagValue, string text)
    {
        _ranges.Clear();
        Emote.AddRanges(tagValue, text, _ranges);
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ranges);
    }

    /// <summary>One string per channel while it does not change (a log holds one channel).</summary>
    private string Channel(ReadOnlySpan<byte> name)
    {
        if (!name.SequenceEqual(_channelBytes))
        {
            _channelBytes = name.ToArray();
            _channel = Encoding.UTF8.GetString(name);
        }

        return _channel;
    }

    private string Tag(ReadOnlySpan<byte> escaped) => Encoding.UTF8.GetString(IrcTags.Unescaped(escaped, _scratch));

    private DateTimeOffset? SentAt(ReadOnlySpan<byte> escaped) =>
        long.TryParse(Tag(escaped), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long milliseconds)
        && milliseconds is >= -62_135_596_800_000 and <= 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;
}
