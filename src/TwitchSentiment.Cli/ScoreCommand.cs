using System.CommandLine;
using System.Text.Json;
using TwitchSentiment.Sentiment;
using TwitchSentiment.Sentiment.PythonCompat;

using TwitchSentiment.Pipeline;

namespace TwitchSentiment.Cli;

/// <summary>
/// <c>twitch-sentiment score</c>: VADER scores for each line of standard input, one JSON object per line, with the
/// numbers exactly as the reference vaderSentiment 3.3.2 prints them.
/// </summary>
internal static class ScoreCommand
{
    private const string TextField = "text";
    private static readonly string[] ScoreFields = ["neg", "neu", "pos", "compound"];

    internal static Command Create(CliConsole console)
    {
        var jsonl = new Option<bool>("--jsonl")
        {
            Description = "Read one JSON object per line with a string field \"text\"; write it back with neg, neu, pos " +
                "and compound added (other fields kept).",
        };
        var command = new Command(
            "score",
            "Score text from standard input with VADER 3.3.2. Default: one text per line; writes one JSON object per " +
            "line {\"text\",\"neg\",\"neu\",\"pos\",\"compound\"}. A bad line is reported on standard error and as " +
            "{\"line\":N,\"error\":\"...\"}; the rest are still scored, and the exit code is 1.")
        {
            jsonl,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult.GetValue(jsonl), console, cancellationToken));
        return command;
    }

    internal static Task<int> RunAsync(bool jsonl, CliConsole console, CancellationToken cancellationToken)
    {
        VaderAnalyzer analyzer = VaderAnalyzer.Default;
        return LineCommand.RunAsync(
            "score",
            "could not be scored",
            console,
            (writer, line) => jsonl ? WriteScoredObject(writer, line, analyzer) : WriteScoredText(writer, line, analyzer),
            cancellationToken);
    }

    private static string? WriteScoredText(JsonLineWriter writer, string text, VaderAnalyzer analyzer)
    {
        writer.StartObject();
        writer.String(TextField, text);
        WriteScores(writer, analyzer.Score(text), skip: null);
        return null;
    }

    /// <summary>
    /// Writes the input object with the scores set, as Python's <c>obj.update(scores)</c>: a field already there
    /// keeps its place and gets the new value, new fields go last; every other value is copied exactly as it came.
    /// Returns an error text for a bad line.
    /// </summary>
    private static string? WriteScoredObject(JsonLineWriter writer, string line, VaderAnalyzer analyzer)
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

            SentimentScores scores = analyzer.Score(text.GetString()!);
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

    private static void WriteScores(JsonLineWriter writer, SentimentScores scores, HashSet<string>? skip)
    {
        for (int i = 0; i < ScoreFields.Length; i++)
        {
            if (skip?.Contains(ScoreFields[i]) != true)
            {
                writer.Raw(ScoreFields[i], PythonFloat.Repr(ScoreValue(scores, i)));
            }
        }
    }

    private static double ScoreValue(SentimentScores scores, int index) => index switch
    {
        0 => scores.Neg,
        1 => scores.Neu,
        2 => scores.Pos,
        _ => scores.Compound,
    };

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
