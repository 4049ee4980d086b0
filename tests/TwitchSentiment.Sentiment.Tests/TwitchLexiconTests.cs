namespace TwitchSentiment.Sentiment.Tests;

public sealed class TwitchLexiconTests
{
    [Fact]
    public void Embedded_lexicon_has_a_version_and_documents_every_entry()
    {
        TwitchLexicon lexicon = TwitchLexicon.Embedded;

        Assert.Matches(@"^\d+\.\d+\.\d+$", lexicon.Version);
        Assert.True(lexicon.Entries.Count(entry => entry.Kind == TwitchTokenKind.Emote) >= 150);
        Assert.True(lexicon.Entries.Count(entry => entry.Kind == TwitchTokenKind.Slang) >= 50);
        Assert.All(lexicon.Entries, entry =>
        {
            Assert.NotEqual(string.Empty, entry.Source);
            Assert.NotEqual(string.Empty, entry.Meaning);
            Assert.InRange(entry.Valence, TwitchLexicon.MinValence, TwitchLexicon.MaxValence);
        });
    }

    [Fact]
    public void Parse_reads_entries_comments_and_the_version()
    {
        TwitchLexicon lexicon = TwitchLexicon.Parse(
            "# my channel\n# version\t2.1\n\nsodaHype\t2.5\temote\tchannel\thype\r\nyeet\t1\tslang\n", "mine.tsv");

        Assert.Equal("2.1", lexicon.Version);
        Assert.Equal(
            [
                new TwitchLexiconEntry("sodaHype", 2.5, TwitchTokenKind.Emote, "channel", "hype"),
                new TwitchLexiconEntry("yeet", 1, TwitchTokenKind.Slang, string.Empty, string.Empty),
            ],
            lexicon.Entries);
    }

    [Theory]
    [InlineData("Pog\t2", "line 2: 'Pog 2': it has 2 tab-separated fields")]
    [InlineData("Pog\t2\temote\ta\tb\tc", "it has 6 tab-separated fields")]
    [InlineData("Pog\tgreat\temote", "the valence 'great' is not a number from -4 to 4")]
    [InlineData("Pog\t4.5\temote", "the valence '4.5' is not a number from -4 to 4")]
    [InlineData("Pog\tNaN\temote", "is not a number from -4 to 4")]
    [InlineData("Pog\t2\temoticon", "the kind 'emoticon' is not 'emote' (case-sensitive), 'slang'")]
    [InlineData("Pog\t2\temote:funny", "the role 'funny' is neither 'laughter' nor 'sarcasm'")]
    [InlineData("Pog\t2\temoji", "an emoji entry is a single code point")]
    [InlineData("Yeet\t2\tslang", "write it in lower case ('yeet')")]
    [InlineData("\t2\temote", "the token is empty or holds a space")]
    [InlineData("Pog Champ\t2\temote", "the token is empty or holds a space")]
    [InlineData("Clap\t2\temote\nClap\t1\temote", "line 3: 'Clap 1 emote': the emote 'Clap' is already on line 2")]
    public void Parse_names_the_file_the_line_and_the_fix(string lines, string expected)
    {
        TwitchLexiconException error = Assert.Throws<TwitchLexiconException>(() => TwitchLexicon.Parse("# mine\n" + lines + "\n", "mine.tsv"));

        Assert.StartsWith("mine.tsv line ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reads_emoji_and_roles_and_drops_an_emoji_presentation_selector()
    {
        TwitchLexicon lexicon = TwitchLexicon.Parse("LUL\t2\temote:laughter\n/s\t0\tslang:sarcasm\n\u2764\uFE0F\t2.5\temoji\n", "mine.tsv");

        Assert.Equal(
            [
                new TwitchLexiconEntry("LUL", 2, TwitchTokenKind.Emote, string.Empty, string.Empty, TwitchTokenRole.Laughter),
                new TwitchLexiconEntry("/s", 0, TwitchTokenKind.Slang, string.Empty, string.Empty, TwitchTokenRole.Sarcasm),
                new TwitchLexiconEntry("\u2764", 2.5, TwitchTokenKind.Emoji, string.Empty, string.Empty),
            ],
            lexicon.Entries);
    }

    [Fact]
    public void The_same_token_may_be_an_emote_and_a_slang_word()
    {
        TwitchLexicon lexicon = TwitchLexicon.Parse("LUL\t2\temote\nlul\t1\tslang\n", "mine.tsv");

        Assert.Equal(2, lexicon.Entries.Count);
    }

    [Fact]
    public void Extend_replaces_entries_of_the_same_token_and_kind_and_adds_new_ones()
    {
        TwitchLexicon user = TwitchLexicon.Parse("# version\tmine-1\nClap\t-1\temote\nclap\t1\tslang\nsodaHype\t2\temote\n", "mine.tsv");

        TwitchLexicon extended = TwitchLexicon.Embedded.Extend(user);

        Assert.Equal($"{TwitchLexicon.Embedded.Version}+mine-1", extended.Version);
        Assert.Equal(TwitchLexicon.Embedded.Entries.Count + 2, extended.Entries.Count);
        Assert.Equal(-1, extended.Entries.Single(e => e.Token == "Clap").Valence);
        var analyzer = new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { Lexicon = extended });
        Assert.True(analyzer.Score("Clap").Compound < 0);
        Assert.True(analyzer.Score("clap").Compound > 0);
        Assert.True(analyzer.Score("sodaHype").Compound > 0);
        Assert.True(analyzer.Score("Pog").Compound > 0); // the rest of the embedded lexicon stays
    }
}
