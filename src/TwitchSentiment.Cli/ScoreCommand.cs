using System.CommandLine;
using System.Text.Json;
using TwitchSentiment.Sentiment;
using TwitchSentiment.Sentiment.PythonCompat;

using TwitchSentiment.Pipeline;

namespace TwitchSentiment.Cli;

/// <summary>
/// <c>twitch-sentiment score</c>: VADER scores for each line of standard input, one JSON object per line, with the
/// numbers exactly as the reference vaderSentiment 3.3.2 prints them, followed by the Twitch-aware
/// <c>twitch_compound</c> (rounded and printed like compound).
/// </summary>
internal static class ScoreCommand
{
    private const string TextField = "text";
    private const string TwitchCompoundField = "twitch_compound";
    private static readonly string[] ScoreFields = ["neg", "neu", "pos", "compound", TwitchCompoundField];

    internal static Command Create(CliConsole console)
    {
        var jsonl = new Option<bool>("--jsonl")
        {
            Description = "Read one JSON object per line with a string field \"text\"; write it back with neg, neu, pos, " +
                "compound and twitch_compound added (other fields kept).",
        };
        Option<string?> lexicon = LexiconOption.Create();
        var command = new Command(
            "score",
            "Score text from standard input with VADER 3.3.2 and the Twitch-aware twitch_compound. Default: one text per " +
            "line; writes one JSON object per line {\"text\",\"neg\",\"neu\",\"pos\",\"compound\",\"twitch_compound\"}. " +
            "A bad line is reported on standard error and as {\"line\":N,\"error\":\"...\"}; the rest are still scored, " +
            "and the exit code is 1.")
        {
            jsonl,
            lexicon,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(jsonl), parseResult.GetValue(lexicon), console, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(bool jsonl, string? lexiconPath, CliConsole console, CancellationToken cancellationToken)
    {
        TwitchSentimentAnalyzer? twitch = await LexiconOption.AnalyzerAsync(lexiconPath, "score", console, cancellationToken).ConfigureAwait(false);
        if (twitch is null)
        {
            return ExitCodes.UsageError;
        }

        var analyzers = new Analyzers(VaderAnalyzer.Default, twitch);
        return await LineCommand.RunAsync(
            "score",
            "could not be scored",
            console,
            (writer, line) => jsonl ? WriteScoredObject(writer, line, analyzers) : WriteScoredText(writer, line, analyzers),
            cancellationToken).ConfigureAwait(false);
    }

    private static string? WriteScoredText(JsonLineWriter writer, string text, Analyzers analyzers)
    {
        writer.StartObject();
        writer.String(TextField, text);
        WriteScores(writer, analyzers.Score(text), skip: null);
        return null;
    }

    /// <summary>
    /// Writes the input object with the scores set, as Python's <c>obj.update(scores)</c>: a field already there
    /// keeps its place and gets the new value, new fields go last; every other value is copied exactly as it came.
    /// Returns an error text for a bad line.
    /// </summary>
    private static string? WriteScoredObject(JsonLineWriter writer, string line, Analyzers analyzers)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException error)
        {
            return $"not valid JSON (byte {error.BytePositionInLine + 1}); each line must be one JSON object, or drop --jsonl to score raw text";
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"expected a JSON object with a string field \"text\", got {Describe(root.ValueKind)}";
            }

            if (!root.TryGetProperty(TextField, out JsonElement text))
            {
                return "the object has no \"text\" field; add one, or drop --jsonl to score raw text";
            }

            if (text.ValueKind != JsonValueKind.String)
            {
                return $"\"text\" must be a string, got {Describe(text.ValueKind)}";
            }

            if (!TryGetString(text, out string? value) || !HasReadableNames(root))
            {
                return "the line escapes half of a surrogate pair without its other half (such as \\ud800), which is not text; fix the program that wrote it";
            }

            Scores scores = analyzers.Score(value);
            var written = new HashSet<string>(StringComparer.Ordinal);
            writer.StartObject();
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!written.Add(property.Name))
                {
                    continue; // a repeated name: Python keeps the first place and the last value
                }

                int scoreIndex = Array.IndexOf(ScoreFields, property.Name);
                writer.Raw(
                    property.Name,
                    scoreIndex >= 0
                        ? PythonFloat.Repr(ScoreValue(scores, scoreIndex))
                        : root.GetProperty(property.Name).GetRawText()); // GetProperty finds the last of repeated names
            }

            WriteScores(writer, scores, skip: written);
            return null;
        }
    }

    /// <summary>The string's value; false for one that escapes a lone surrogate, which .NET does not read as text.</summary>
    private static bool TryGetString(JsonElement text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        try
        {
            value = text.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>Whether every field name reads as text (see <see cref="TryGetString"/>).</summary>
    private static bool HasReadableNames(JsonElement root)
    {
        try
        {
            foreach (JsonProperty property in root.EnumerateObject())
            {
                _ = property.Name;
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void WriteScores(JsonLineWriter writer, Scores scores, HashSet<string>? skip)
    {
        for (int i = 0; i < ScoreFields.Length; i++)
        {
            if (skip?.Contains(ScoreFields[i]) != true)
            {
                writer.Raw(ScoreFields[i], PythonFloat.Repr(ScoreValue(scores, i)));
            }
        }
    }

    private static double ScoreValue(Scores scores, int index) => index switch
    {
        0 => scores.Vader.Neg,
        1 => scores.Vader.Neu,
        2 => scores.Vader.Pos,
        3 => scores.Vader.Compound,
        _ => scores.Twitch.Compound, // already rounded to 4 decimals, as compound
    };

    /// <summary>Plain VADER's four numbers and the Twitch-aware ones for one text.</summary>
    private readonly record struct Scores(SentimentScores Vader, SentimentScores Twitch);

    private sealed record Analyzers(VaderAnalyzer Vader, TwitchSentimentAnalyzer Twitch)
    {
        internal Scores Score(string text) => new(Vader.Score(text), Twitch.Score(text));
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
