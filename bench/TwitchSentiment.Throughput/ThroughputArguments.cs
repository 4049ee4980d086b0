namespace TwitchSentiment.Throughput;

/// <summary>The harness's command line, parsed and validated once.</summary>
/// <param name="Mode">What to measure: <see cref="VaderMode"/> or <see cref="IrcMode"/>.</param>
/// <param name="TextsPath">The file of texts, UTF-8, one per line.</param>
/// <param name="ReferenceCheckoutPath">A vaderSentiment checkout to time as well, or null.</param>
/// <param name="PythonExecutable">The interpreter that runs the reference.</param>
/// <param name="Make">pipeline: write a raw log of this many messages to the file first.</param>
internal sealed record ThroughputArguments(
    string Mode,
    string TextsPath,
    string? ReferenceCheckoutPath,
    string PythonExecutable,
    int? Make = null)
{
    /// <summary>Score every text with <c>VaderAnalyzer.Default</c>.</summary>
    internal const string VaderMode = "vader";

    /// <summary>Parse every line as IRC: tags unescaped, emotes decoded, nothing allocated.</summary>
    internal const string IrcMode = "irc";

    /// <summary>Analyze a raw log end to end into results files.</summary>
    internal const string PipelineMode = "pipeline";

    /// <summary>The interpreter used when <c>--python</c> is not given.</summary>
    internal const string DefaultPythonExecutable = "python3";

    internal const string Usage =
        """
        Usage: TwitchSentiment.Throughput vader FILE [--reference DIR] [--python EXE]
               TwitchSentiment.Throughput irc FILE
               TwitchSentiment.Throughput pipeline FILE [--make N]

          vader FILE        Score every line of FILE (UTF-8, one text per line) once on one thread, after a
                            warm-up, and print the throughput as JSON on the last line.
          irc FILE          Parse every line of FILE (raw IRC lines) once on one thread: every tag unescaped,
                            emote ranges decoded to byte offsets in the text; JSON summary on the last line.
          pipeline FILE     Analyze the raw log FILE (.log.gz) end to end as 'analyze' does (gunzip, parse, score,
                            CSV and JSON Lines written to files): messages/s and the process's peak working set.
          --make N          First write FILE: a raw log of N chat messages made from the built-in sample chat.
          --reference DIR   Also time the Python reference analyzer in DIR, a checkout of cjhutto/vaderSentiment,
                            on the same file, and compare the two.
          --python EXE      The Python interpreter for --reference (default: python3).
        """;

    /// <summary>The file inside a vaderSentiment checkout that shows it is one.</summary>
    private static readonly string ReferenceModulePath = Path.Combine("vaderSentiment", "vaderSentiment.py");

    /// <summary>
    /// Parses <paramref name="args"/>. Returns the arguments, or null with <paramref name="error"/> naming the
    /// offending token and the fix.
    /// </summary>
    internal static ThroughputArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? mode = null;
        string? textsPath = null;
        string? referenceCheckoutPath = null;
        string pythonExecutable = DefaultPythonExecutable;
        int? make = null;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--make":
                    if (i + 1 == args.Count || !int.TryParse(args[i + 1], out int made) || made < 1)
                    {
                        error = "'--make' needs a number of messages, at least 1: --make 1000000.";
                        return null;
                    }

                    make = made;
                    i++;
                    break;
                case "--reference":
                case "--python":
                    if (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = $"'{arg}' needs a value: {(arg == "--reference" ? "--reference DIR" : "--python EXE")}.";
                        return null;
                    }

                    if (arg == "--reference")
                    {
                        referenceCheckoutPath = args[++i];
                    }
                    else
                    {
                        pythonExecutable = args[++i];
                    }

                    break;
                case not null when arg.StartsWith("--", StringComparison.Ordinal):
                    error = $"unknown option '{arg}'; the options are --reference DIR and --python EXE.";
                    return null;
                case not null when mode is null:
                    if (arg is not (VaderMode or IrcMode or PipelineMode))
                    {
                        error = $"unknown mode '{arg}'; the modes are '{VaderMode}', '{IrcMode}' and '{PipelineMode}'.";
                        return null;
                    }

                    mode = arg;
                    break;
                case not null when textsPath is null:
                    textsPath = arg;
                    break;
                default:
                    error = $"unexpected argument '{arg}'; give one FILE.";
                    return null;
            }
        }

        if (mode is null)
        {
            error = $"missing the mode; the modes are '{VaderMode}' and '{IrcMode}'.";
            return null;
        }

        if (textsPath is null)
        {
            error = $"missing FILE after '{mode}': give a UTF-8 file with one text per line.";
            return null;
        }

        if (make is not null && mode != PipelineMode)
        {
            error = $"--make writes a raw log and works only with '{PipelineMode}'.";
            return null;
        }

        if (!File.Exists(textsPath) && make is null)
        {
            error = $"FILE '{textsPath}' does not exist or is not a file.";
            return null;
        }

        if (referenceCheckoutPath is not null && mode != VaderMode)
        {
            error = $"--reference compares with the Python VADER and works only with '{VaderMode}'.";
            return null;
        }

        if (referenceCheckoutPath is not null
            && !File.Exists(Path.Combine(referenceCheckoutPath, ReferenceModulePath)))
        {
            error = $"--reference '{referenceCheckoutPath}' is not a vaderSentiment checkout: "
                + $"it has no {ReferenceModulePath}.";
            return null;
        }

        error = null;
        return new ThroughputArguments(mode, textsPath, referenceCheckoutPath, pythonExecutable, make);
    }
}
