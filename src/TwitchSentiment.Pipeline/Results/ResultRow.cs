using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Pipeline.Results;

/// <summary>One chat message with its scores: a row of the results (CSV and JSON Lines share these names).</summary>
/// <param name="Channel">The channel's login (without '#').</param>
/// <param name="MessageId">Twitch's message <c>id</c>, or null when the line had none.</param>
/// <param name="SentAt">When Twitch says it was sent (<c>tmi-sent-ts</c>), or null.</param>
/// <param name="ReceivedAt">When the capture received it.</param>
/// <param name="UserId">The sender's user id, or null.</param>
/// <param name="UserLogin">The sender's login.</param>
/// <param name="DisplayName">The sender's display name, or null.</param>
/// <param name="Text">The message (a <c>/me</c> action unwrapped).</param>
/// <param name="Scores">VADER's scores of <paramref name="Text"/>.</param>
/// <param name="TwitchCompound">The Twitch-aware compound score (emotes and chat slang read; the line's emote positions used).</param>
public sealed record ResultRow(
    string Channel,
    string? MessageId,
    DateTimeOffset? SentAt,
    DateTimeOffset ReceivedAt,
    string? UserId,
    string UserLogin,
    string? DisplayName,
    string Text,
    SentimentScores Scores,
    double TwitchCompound)
{
    /// <summary>The columns, in order: the CSV header row and the JSON Lines field names.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["channel", "message_id", "sent_at", "received_at", "user_id", "user_login", "display_name", "text", "neg", "neu", "pos", "compound", "twitch_compound"];

    /// <summary>Scores a chat message both ways: VADER's four numbers, and the Twitch-aware compound with the message's emotes.</summary>
    public static (SentimentScores Scores, double TwitchCompound) Score(string text, IReadOnlyList<Irc.Emote> emotes, VaderAnalyzer vader, TwitchSentimentAnalyzer twitch)
    {
        ArgumentNullException.ThrowIfNull(emotes);
        ArgumentNullException.ThrowIfNull(vader);
        ArgumentNullException.ThrowIfNull(twitch);
        Span<Range> ranges = emotes.Count <= 64 ? stackalloc Range[emotes.Count] : new Range[emotes.Count];
        for (int i = 0; i < emotes.Count; i++)
        {
            ranges[i] = new Range(emotes[i].Index, emotes[i].Index + emotes[i].Length);
        }

        return (vader.Score(text), twitch.Score(text, ranges).Compound);
    }

    /// <summary>Formats a time as results do: ISO 8601 UTC with milliseconds.</summary>
    public static string FormatTime(DateTimeOffset time) => string.Create(24, time.UtcDateTime, static (chars, utc) =>
    {
        // Written by hand: two per row, and the general formatter is the slowest step of writing one.
        Digits(chars[..4], utc.Year);
        chars[4] = '-';
        Digits(chars[5..7], utc.Month);
        chars[7] = '-';
        Digits(chars[8..10], utc.Day);
        chars[10] = 'T';
        Digits(chars[11..13], utc.Hour);
        chars[13] = ':';
        Digits(chars[14..16], utc.Minute);
        chars[16] = ':';
        Digits(chars[17..19], utc.Second);
        chars[19] = '.';
        Digits(chars[20..23], utc.Millisecond);
        chars[23] = 'Z';
    });

    private static void Digits(Span<char> destination, int value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
