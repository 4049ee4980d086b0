using System.CommandLine;
using System.Text;
using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Cli;

/// <summary>
/// <c>--lexicon FILE</c>, shared by the commands that print <c>twitch_compound</c>: the user's own emotes and slang,
/// in the embedded lexicon's format, laid over it.
/// </summary>
internal static class LexiconOption
{
    internal static Option<string?> Create() => new Option<string?>("--lexicon")
    {
        Description = "Add your own emotes and slang to the Twitch lexicon for twitch_compound: a UTF-8 file of lines " +
            "'token<TAB>valence<TAB>emote|slang[<TAB>source[<TAB>meaning]]' (valence -4 to 4; # starts a comment). " +
            "Its entries replace the built-in ones for the same token.",
    }.NotEmpty("a lexicon file");

    /// <summary>
    /// The Twitch analyzer for <paramref name="lexiconPath"/> (the default one when null), or null after reporting on
    /// standard error why the file cannot be used.
    /// </summary>
    internal static async Task<TwitchSentimentAnalyzer?> AnalyzerAsync(
        string? lexiconPath, string commandName, CliConsole console, CancellationToken cancellationToken)
    {
        if (lexiconPath is null)
        {
            return TwitchSentimentAnalyzer.Default;
        }

        string? problem;
        try
        {
            string text = await File.ReadAllTextAsync(lexiconPath, new UTF8Encoding(false, true), cancellationToken).ConfigureAwait(false);
            TwitchLexicon user = TwitchLexicon.Parse(text, Path.GetFileName(lexiconPath));
            return new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { Lexicon = TwitchLexicon.Embedded.Extend(user) });
        }
        catch (TwitchLexiconException error)
        {
            problem = $"--lexicon: {error.Message}";
        }
        catch (DecoderFallbackException)
        {
            problem = $"--lexicon: '{lexiconPath}' is not valid UTF-8; save it as UTF-8.";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problem = $"--lexicon: cannot read '{lexiconPath}': {error.Message}";
        }

        await console.Error.WriteLineAsync($"{CliApp.Name} {commandName}: {problem}").ConfigureAwait(false);
        return null;
    }
}
