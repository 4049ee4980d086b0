using System.Text;

namespace TwitchSentiment.Irc.Tests;

/// <summary>One million random and mutated lines: no exception escapes, each is either parsed or rejected with a reason.</summary>
public sealed class ParserFuzzTests
{
    private static readonly string[] Seeds =
    [
        "@badge-info=;badges=broadcaster/1;color=#0000FF;display-name=Ronni;emotes=25:0-4,12-16/1902:6-10;id=b34ccfc7;mod=0;" +
            "room-id=1337;subscriber=0;tmi-sent-ts=1507246572675;turbo=1;user-id=1337;user-type= " +
            ":ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo Kappa",
        "@msg-id=resub;msg-param-cumulative-months=6;system-msg=ronni\\shas\\ssubscribed\\sfor\\s6\\smonths! :tmi.twitch.tv USERNOTICE #dallas :Great stream",
        ":tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands",
        "PING :tmi.twitch.tv",
        ":tmi.twitch.tv NOTICE * :Login authentication failed",
        "@emote-only=0;followers-only=-1;r9k=0;room-id=1;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #dallas",
        "@emotes=25:6-10 :a!a@a.tmi.twitch.tv PRIVMSG #c :\u0001ACTION hello Kappa\u0001",
    ];

    private static readonly byte[] Interesting = "@:; =\\!#/,-\u0001 \r\n\0"u8.ToArray();

    /// <summary>The parse's "no escapes here" shortcut must give exactly the tags the plain enumerator gives.</summary>
    private static void AssertTagsReadAlike(ReadOnlySpan<byte> line, in IrcLineParts parts)
    {
        if (!parts.HasTags)
        {
            return;
        }

        Span<byte> scratch = stackalloc byte[IrcLineParser.MaxTagBytes];
        Span<byte> otherScratch = stackalloc byte[IrcLineParser.MaxTagBytes];
        IrcTagEnumerator plain = new(line[parts.Tags]);
        foreach (IrcTag tag in parts.EnumerateTags(line))
        {
            Assert.True(plain.MoveNext());
            Assert.True(tag.Key.SequenceEqual(plain.Current.Key));
            Assert.True(tag.Unescaped(scratch).SequenceEqual(plain.Current.Unescaped(otherScratch)));
        }

        Assert.False(plain.MoveNext());
    }

    [Fact]
    public void A_million_random_and_mutated_lines_are_each_parsed_or_rejected()
    {
        var random = new Random(20261124);
        byte[][] seeds = Seeds.Select(Encoding.UTF8.GetBytes).ToArray();
        byte[] buffer = new byte[1024];
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            int length = i % 4 == 0 ? RandomLine(random, buffer) : MutatedLine(random, seeds[random.Next(seeds.Length)], buffer);
            ReadOnlySpan<byte> line = buffer.AsSpan(0, length);
            if (IrcLineParser.TryParse(line, out IrcLineParts parts, out IrcParseError error))
            {
                parsed++;
                AssertTagsReadAlike(line, parts);
                if (i % 16 == 0)
                {
                    // The materialized model too, on a sample (it allocates).
                    Assert.True(IrcMessage.TryParse(line, out IrcMessage? message, out _));
                    Assert.NotNull(TwitchMessage.From(message!));
                }
            }
            else
            {
                Assert.NotEqual(IrcParseErrorKind.None, error.Kind);
                rejected++;
            }
        }

        Assert.Equal(1_000_000, parsed + rejected);
        Assert.True(parsed > 100_000 && rejected > 100_000, $"parsed {parsed}, rejected {rejected}: the generator should exercise both paths");
    }

    private static int RandomLine(Random random, byte[] buffer)
    {
        int length = random.Next(0, 200);
        for (int i = 0; i < length; i++)
        {
            buffer[i] = random.Next(3) == 0 ? Interesting[random.Next(Interesting.Length)] : (byte)random.Next(256);
        }

        return length;
    }

    private static int MutatedLine(Random random, byte[] seed, byte[] buffer)
    {
        int length = Math.Min(seed.Length, buffer.Length);
        seed.AsSpan(0, length).CopyTo(buffer);
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations && length > 0; m++)
        {
            int at = random.Next(length);
            switch (random.Next(3))
            {
                case 0:
                    buffer[at] = random.Next(2) == 0 ? Interesting[random.Next(Interesting.Length)] : (byte)random.Next(256);
                    break;
                case 1:
                    length = at; // truncate
                    break;
                default:
                    int cut = random.Next(at, length);
                    Array.Copy(buffer, cut, buffer, at, length - cut); // delete a span
                    length -= cut - at;
                    break;
            }
        }

        return length;
    }
}
