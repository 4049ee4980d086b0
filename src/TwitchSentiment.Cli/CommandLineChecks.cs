using System.CommandLine;
using System.CommandLine.Parsing;

namespace TwitchSentiment.Cli;

/// <summary>Checks the commands share, made while the command line is parsed (a failed one is a usage error, exit code 2).</summary>
internal static class CommandLineChecks
{
    /// <summary>Rejects an empty or blank value for <paramref name="option"/>, which names <paramref name="what"/>.</summary>
    internal static Option<string?> NotEmpty(this Option<string?> option, string what)
    {
        option.Validators.Add(result => CheckTokens(result, result.Tokens, option.Name, what));
        return option;
    }

    /// <summary>
    /// Rejects an empty or blank value for <paramref name="argument"/> (each value, for several), which names
    /// <paramref name="what"/>, and a mistyped option that the argument would otherwise take as its value.
    /// </summary>
    internal static Argument<T> NotEmpty<T>(this Argument<T> argument, string what)
    {
        argument.Validators.Add(result =>
        {
            CheckTokens(result, result.Tokens, $"The {argument.Name} argument", what);
            foreach (Token token in result.Tokens.Where(token => LooksLikeAnOption(token.Value) && !Path.Exists(token.Value)))
            {
                result.AddError($"Unrecognized option '{token.Value}'.");
            }
        });
        return argument;
    }

    /// <summary>"--name" or "-x": not "-" alone, nor "-5".</summary>
    private static bool LooksLikeAnOption(string value) => value.Length > 1 && value[0] == '-' && (value[1] == '-' || char.IsAsciiLetter(value[1]));

    /// <summary>A parse error's message with .NET's type names said in words ("as expected type 'System.Int32'").</summary>
    internal static string InWords(string message) => message
        .Replace("as expected type 'System.Int32'", "as a whole number", StringComparison.Ordinal)
        .Replace("as expected type 'System.Nullable`1[System.Int32]'", "as a whole number", StringComparison.Ordinal)
        .Replace("as expected type 'System.Double'", "as a number", StringComparison.Ordinal)
        .Replace("as expected type 'System.Nullable`1[System.Double]'", "as a number", StringComparison.Ordinal);

    /// <summary>
    /// The value of <paramref name="option"/> for a check of its range, or the default when its text is not a value of
    /// the type at all: the parser reports that error itself, and asking for the value then would throw.
    /// </summary>
    internal static T? ValueOrDefault<T>(this CommandResult result, Option<T> option)
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    private static void CheckTokens(SymbolResult result, IReadOnlyList<Token> tokens, string name, string what)
    {
        if (tokens.Any(token => string.IsNullOrWhiteSpace(token.Value)))
        {
            result.AddError($"{name} needs {what}; it was given an empty value.");
        }
    }
}
