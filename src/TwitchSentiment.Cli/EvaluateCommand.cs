using System.CommandLine;
using System.Globalization;
using System.Text;
using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Cli;

/// <summary>
/// <c>twitch-sentiment evaluate FILE</c>: how well plain VADER's compound and <c>twitch_compound</c> agree with the
/// labels of a CSV file of chat messages: macro-F1, accuracy and a confusion matrix for each, with the standard cut.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>The standard cut: compound above this is positive, below its negation negative, else neutral.</summary>
    internal const double Cut = 0.05;

    private static readonly string[] ClassNames = ["negative", "neutral", "positive"];

    internal static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file")
        {
            Description = "A CSV file with a header naming a 'sentiment' (or 'label') column (-1, 0 or 1) and a 'message' (or 'text') " +
                "column, such as ../shared/data/twitch-labeled/dev.csv.",
        }.NotEmpty("a CSV file");
        Option<string?> lexicon = LexiconOption.Create();
        var command = new Command(
            "evaluate",
            "Compare plain VADER's compound and twitch_compound with the labels of a CSV file of chat messages: prints " +
            "macro-F1, accuracy and a confusion matrix for each, with the standard cut (compound > 0.05 positive, " +
            "< -0.05 negative, else neutral). A bad row is reported on standard error with its line and left out; " +
            "the exit code is then 1.")
        {
            file,
            lexicon,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(file)!, parseResult.GetValue(lexicon), console, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(string path, string? lexiconPath, CliConsole console, CancellationToken cancellationToken)
    {
        TwitchSentimentAnalyzer? twitch = await LexiconOption.AnalyzerAsync(lexiconPath, "evaluate", console, cancellationToken).ConfigureAwait(false);
        if (twitch is null)
        {
            return ExitCodes.UsageError;
        }

        string csv;
        bool hasInvalidBytes;
        try
        {
            csv = LabeledMessages.Decode(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), out hasInvalidBytes);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            await ReportAsync(console, $"cannot read '{path}': {error.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (LabeledMessages.Read(csv, hasInvalidBytes, out string? headerError) is not var (messages, badRows))
        {
            await ReportAsync(console, $"{path} {headerError}.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        foreach (BadRow row in badRows)
        {
            await ReportAsync(console, $"{path} line {row.Line}: {row.Error}; the row is left out.").ConfigureAwait(false);
        }

        var vader = new ConfusionMatrix();
        var twitchMatrix = new ConfusionMatrix();
        foreach (LabeledMessage message in messages)
        {
            vader.Add(message.Label, Classify(VaderAnalyzer.Default.Score(message.Text).Compound));
            twitchMatrix.Add(message.Label, Classify(twitch.Score(message.Text).Compound));
        }

        string report = Report(Path.GetFileName(path), messages, badRows.Count, vader, twitchMatrix);
        await console.Output.WriteAsync(Encoding.UTF8.GetBytes(report), cancellationToken).ConfigureAwait(false);
        await console.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (badRows.Count == 0)
        {
            return ExitCodes.Success;
        }

        await ReportAsync(console, $"{badRows.Count} of {badRows.Count + messages.Count} rows could not be used (see above).").ConfigureAwait(false);
        return ExitCodes.SomeInputFailed;
    }

    /// <summary>The standard cut: -1, 0 or 1.</summary>
    internal static int Classify(double compound) => compound > Cut ? 1 : compound < -Cut ? -1 : 0;

    private static Task ReportAsync(CliConsole console, string message) =>
        console.Error.WriteLineAsync($"{CliApp.Name} evaluate: {message}");

    private static string Report(string fileName, List<LabeledMessage> messages, int badRowCount, ConfusionMatrix vader, ConfusionMatrix twitch)
    {
        var text = new StringBuilder();
        CultureInfo invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"{fileName}: {messages.Count} messages ({messages.Count(m => m.Label == 1)} positive, ")
            .Append(invariant, $"{messages.Count(m => m.Label == 0)} neutral, {messages.Count(m => m.Label == -1)} negative)");
        text.Append(badRowCount == 0 ? string.Empty : string.Create(invariant, $", {badRowCount} bad rows left out")).Append('\n');
        text.Append(invariant, $"cut: compound > {Cut} positive, < -{Cut} negative, else neutral\n\n");
        text.Append("score            macro-F1  accuracy\n");
        text.Append(invariant, $"{"vader",-16} {vader.MacroF1,8:0.000}  {vader.Accuracy,8:0.000}\n");
        text.Append(invariant, $"{"twitch_compound",-16} {twitch.MacroF1,8:0.000}  {twitch.Accuracy,8:0.000}\n");
        AppendMatrix(text, "vader", vader);
        AppendMatrix(text, "twitch_compound", twitch);
        return text.ToString();
    }

    private static void AppendMatrix(StringBuilder text, string name, ConfusionMatrix matrix)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"\n{name}: confusion matrix (rows: label, columns: predicted)\n");
        text.Append(invariant, $"{string.Empty,-10}{ClassNames[0],10}{ClassNames[1],10}{ClassNames[2],10}{"F1",8}\n");
        for (int label = 0; label < 3; label++)
        {
            text.Append(invariant, $"{ClassNames[label],-10}");
            for (int predicted = 0; predicted < 3; predicted++)
            {
                text.Append(invariant, $"{matrix.Count(label - 1, predicted - 1),10}");
            }

            text.Append(invariant, $"{matrix.F1(label - 1),8:0.000}\n");
        }
    }
}

/// <summary>Counts of (label, predicted) over the classes -1, 0 and 1, and the scores derived from them.</summary>
internal sealed class ConfusionMatrix
{
    private readonly int[,] _counts = new int[3, 3];

    internal int Total { get; private set; }

    internal double Accuracy => Total == 0 ? 0 : (double)(Count(-1, -1) + Count(0, 0) + Count(1, 1)) / Total;

    /// <summary>The mean of the three classes' F1.</summary>
    internal double MacroF1 => (F1(-1) + F1(0) + F1(1)) / 3;

    internal void Add(int label, int predicted)
    {
        _counts[label + 1, predicted + 1]++;
        Total++;
    }

    internal int Count(int label, int predicted) => _counts[label + 1, predicted + 1];

    /// <summary>F1 of one class: 2PR/(P+R), 0 when the class is never labeled and never predicted correctly.</summary>
    internal double F1(int label)
    {
        int truePositives = Count(label, label);
        int predicted = Count(-1, label) + Count(0, label) + Count(1, label);
        int actual = Count(label, -1) + Count(label, 0) + Count(label, 1);
        return predicted + actual == 0 ? 0 : 2.0 * truePositives / (predicted + actual);
    }
}
