namespace TwitchSentiment.Throughput;

/// <summary>The harness's command line, parsed and validated once.</summary>
/// <param name="Mode">What to measure: <see cref="VaderMode"/>, <see cref="TwitchMode"/>, <see cref="IrcMode"/> or <see cref="PipelineMode"/>.</param>
/// <param name="TextsPath">The file of texts, UTF-8, one per line.</param>
/// <param name="ReferenceCheckoutPath">A vaderSentiment checkout to time as well, or null.</param>
/// <param name="PythonExecutable">The interpreter that runs the reference.</param>
/// <param name="Make">pipeline: write a raw log of this many messages to the file first.</param>
/// <param name="TmiPrefixPath">irc: an npm prefix holding tmi.js, whose parser is timed as well, or null.</param>
/// <param name="NodeExecutable">The Node.js that runs tmi.js.</param>
/// <param name="ShuffledCopies">vader, twitch: score this many copies of the texts, each in its own order, or null for the file once.</param>
internal sealed record ThroughputArguments(
    string Mode,
    string TextsPath,
    string? ReferenceCheckoutPath,
    string PythonExecutable,
    int? Make = null,
    string? TmiPrefixPath = null,
    string NodeExecutable = ThroughputArguments.DefaultNodeExecutable,
    int? ShuffledCopies = null)
{
    /// <summary>Score every text with <c>VaderAnalyzer.Default</c>.</summary>
    internal const string VaderMode = "vader";

    /// <summary>Score every text with <c>TwitchSentimentAnalyzer.Default</c> and with its peer, plain VADER, in paired rounds.</summary>
    internal const string TwitchMode = "twitch";

    /// <summary>Parse every line as IRC: tags unescaped, emotes decoded, nothing allocated.</summary>
    internal const string IrcMode = "irc";

    /// <summary>Analyze a raw log end to end into results files.</summary>
    internal const string PipelineMode = "pipeline";

    /// <summary>The interpreter used when <c>--python</c> is not given.</summary>
    internal const string DefaultPythonExecutable = "python3";

    /// <summary>The Node.js used when <c>--node</c> is not given.</summary>
    internal const string DefaultNodeExecutable = "node";

    /// <summary>The tmi.js release the IRC peer is measured with (the one the issue's figure names).</summary>
    internal const string TmiPackage = "tmi.js@1.8.5";

    internal const string Usage =
        """
        Usage: TwitchSentiment.Throughput vader FILE [--reference DIR] [--python EXE] [--shuffled N]
               TwitchSentiment.Throughput twitch FILE [--shuffled N]
               TwitchSentiment.Throughput irc FILE [--tmi DIR] [--node EXE]
               TwitchSentiment.Throughput pipeline FILE [--make N]

          vader FILE        Score every line of FILE (UTF-8, one text per line) once on one thread, after a
                            warm-up, and print the throughput as JSON on the last line.
          twitch FILE       Score every line of FILE both ways, the Twitch-aware score and plain VADER, in
                            alternating turns of at least 25 ms on one thread (so a slow spell of the machine
                            slows both), and print both rates and the median ratio of their times against the
                            budget (at most 25 % of VADER's throughput): the Twitch layer's cost.
          irc FILE          Parse every line of FILE (raw IRC lines) once on one thread: every tag unescaped,
                            emote ranges decoded to byte offsets in the text; JSON summary on the last line.
          pipeline FILE     Analyze the raw log FILE (.log.gz) end to end as 'analyze' does (gunzip, parse, score,
                            CSV and JSON Lines written to files): messages/s and the process's peak working set.
          --make N          First write FILE: a raw log of N chat messages made from the built-in sample chat.
          --shuffled N      vader, twitch: score N copies of FILE's lines, each copy in its own random order (a
                            fixed seed), as one pass: the processor cannot learn the order of a small file timed
                            pass after pass, as it cannot that of live chat. --shuffled 64 on dev.txt: 49,536 texts.
          --reference DIR   Also time the Python reference analyzer in DIR, a checkout of cjhutto/vaderSentiment,
                            on the same file, and compare the two.
          --python EXE      The Python interpreter for --reference (default: python3).
          --tmi DIR         irc: also time tmi.js's parser on the same lines (parse, tags unescaped, emotes
                            decoded, as tmi.js's client does) and compare; DIR is an npm prefix holding it:
                            npm install --prefix DIR tmi.js@1.8.5
          --node EXE        The Node.js for --tmi (default: node).
        """;

    /// <summary>The modes, as the errors list them.</summary>
    private const string Modes = $"'{VaderMode}', '{TwitchMode}', '{IrcMode}' and '{PipelineMode}'";

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
        int? shuffled = null;
        string? tmiPrefixPath = null;
        string nodeExecutable = DefaultNodeExecutable;

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
                case "--shuffled":
                    if (i + 1 == args.Count || !int.TryParse(args[i + 1], out int copies) || copies is < 1 or > 10_000)
                    {
                        error = "'--shuffled' needs a number of copies from 1 to 10000: --shuffled 64.";
                        return null;
                    }

                    shuffled = copies;
                    i++;
                    break;
                case "--reference" or "--python" or "--tmi" or "--node":
                    if (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = $"'{arg}' needs a value: {arg} {(arg is "--reference" or "--tmi" ? "DIR" : "EXE")}.";
                        return null;
                    }

                    string value = args[++i];
                    if (arg == "--reference")
                    {
                        referenceCheckoutPath = value;
                    }
                    else if (arg == "--python")
                    {
                        pythonExecutable = value;
                    }
                    else if (arg == "--tmi")
                    {
                        tmiPrefixPath = value;
                    }
                    else
                    {
                        nodeExecutable = value;
                    }

                    break;
                case not null when arg.StartsWith("--", StringComparison.Ordinal):
                    error = $"unknown option '{arg}'; the options are --reference DIR, --python EXE, --tmi DIR, --node EXE, --make N and --shuffled N.";
                    return null;
                case not null when mode is null:
                    if (arg is not (VaderMode or TwitchMode or IrcMode or PipelineMode))
                    {
                        error = $"unknown mode '{arg}'; the modes are {Modes}.";
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
            error = $"missing the mode; the modes are {Modes}.";
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

        if (shuffled is not null && mode is not (VaderMode or TwitchMode))
        {
            error = $"--shuffled reorders texts to score and works only with '{VaderMode}' and '{TwitchMode}'.";
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

        if (referenceCheckoutPath is not null && shuffled is not null)
        {
            error = "--shuffled and --reference do not go together: the reference scores the file as it is.";
            return null;
        }

        if (referenceCheckoutPath is not null
            && !File.Exists(Path.Combine(referenceCheckoutPath, ReferenceModulePath)))
        {
            error = $"--reference '{referenceCheckoutPath}' is not a vaderSentiment checkout: "
                + $"it has no {ReferenceModulePath}.";
            return null;
        }

        if (tmiPrefixPath is not null && mode != IrcMode)
        {
            error = $"--tmi compares with tmi.js's IRC parser and works only with '{IrcMode}'.";
            return null;
        }

        if (tmiPrefixPath is not null && !File.Exists(Path.Combine(tmiPrefixPath, "node_modules", "tmi.js", "lib", "parser.js")))
        {
            error = $"--tmi '{tmiPrefixPath}' holds no tmi.js (no node_modules/tmi.js/lib/parser.js); install it there with: "
                + $"npm install --prefix {tmiPrefixPath} {TmiPackage}";
            return null;
        }

        error = null;
        return new ThroughputArguments(mode, textsPath, referenceCheckoutPath, pythonExecutable, make, tmiPrefixPath, nodeExecutable, shuffled);
    }
}
