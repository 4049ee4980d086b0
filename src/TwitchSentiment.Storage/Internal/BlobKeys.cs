using System.Text;

namespace TwitchSentiment.Storage.Internal;

/// <summary>The key and prefix rules of <see cref="IBlobStore"/>, and the order keys are listed in.</summary>
internal static class BlobKeys
{
    /// <summary>S3's limit on a key's length, in UTF-8 bytes; a store prefix counts towards it.</summary>
    public const int MaxKeyBytes = 1024;

    private const string Example = "raw/northernlion/2026/11/24/20261124T200000Z-ab12cd.log.gz";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the rule <paramref name="key"/> breaks.</summary>
    public static void ThrowIfInvalid(string key, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(key))] string? parameterName = null)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (Problem(key, isPrefix: false) is { } problem)
        {
            throw new ArgumentException(
                $"The blob key '{Escape(key)}' is not valid: {problem}. Keys are '/'-separated relative paths such as '{Example}'.",
                parameterName);
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the rule <paramref name="prefix"/> breaks.</summary>
    public static void ThrowIfInvalidPrefix(string prefix, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(prefix))] string? parameterName = null)
    {
        ArgumentNullException.ThrowIfNull(prefix, parameterName);
        if (Problem(prefix, isPrefix: true) is { } problem)
        {
            throw new ArgumentException(
                $"The blob key prefix '{Escape(prefix)}' is not valid: {problem}. A prefix is empty or the start of a key, such as 'raw/' or 'raw/north'.",
                parameterName);
        }
    }

    /// <summary>What is wrong with <paramref name="prefix"/>, or null if it is a valid prefix.</summary>
    public static string? PrefixProblem(string prefix) => Problem(prefix, isPrefix: true);

    /// <summary>Whether <paramref name="key"/> follows the key rules; listings skip names that do not.</summary>
    public static bool IsValid(string key) => Problem(key, isPrefix: false) is null;

    /// <summary>
    /// Orders keys by their UTF-8 bytes, which is code point order: S3's listing order. It differs from ordinal UTF-16
    /// order only where a surrogate pair meets a character from U+E000 to U+FFFF.
    /// </summary>
    public static int Compare(string left, string right)
    {
        int length = Math.Min(left.Length, right.Length);
        for (int i = 0; i < length; i++)
        {
            char a = left[i];
            char b = right[i];
            if (a == b)
            {
                continue;
            }

            bool aSurrogate = char.IsSurrogate(a);
            if (aSurrogate != char.IsSurrogate(b))
            {
                // A surrogate starts a code point beyond U+FFFF, above any single UTF-16 unit.
                return aSurrogate ? 1 : -1;
            }

            return a.CompareTo(b);
        }

        return left.Length.CompareTo(right.Length);
    }

    private static string? Problem(string value, bool isPrefix)
    {
        if (value.Length == 0)
        {
            return isPrefix ? null : "it is empty";
        }

        if (value[0] == '/')
        {
            return "it starts with '/'; keys are relative to the store's root";
        }

        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            return "it holds a lone UTF-16 surrogate, which UTF-8 cannot encode";
        }

        if (byteCount > MaxKeyBytes)
        {
            return $"it is {byteCount} UTF-8 bytes long, more than the {MaxKeyBytes} S3 allows";
        }

        int segmentStart = 0;
        for (int i = 0; i <= value.Length; i++)
        {
            char c = i < value.Length ? value[i] : '/';
            if (c == '\\')
            {
                return $"it holds a backslash at position {i}; use '/' between segments";
            }

            if (char.IsControl(c))
            {
                return $"it holds the control character U+{(int)c:X4} at position {i}";
            }

            if (c != '/')
            {
                continue;
            }

            bool isLast = i == value.Length;
            if (i == segmentStart)
            {
                if (isLast && isPrefix)
                {
                    break; // a prefix may end with '/'
                }

                return isLast ? "it ends with '/'" : $"it has an empty segment ('//') at position {i - 1}";
            }

            if (value[segmentStart] == '.')
            {
                string segment = value[segmentStart..i];
                return segment is "." or ".."
                    ? $"it has a '{segment}' segment; keys cannot step out of or around the store's root"
                    : $"its segment '{segment}' starts with '.', which is reserved for the stores' temporary files";
            }

            segmentStart = i + 1;
        }

        return null;
    }

    private static string Escape(string value)
    {
        const int MaxShown = 120; // enough to recognise a key, short enough for one line of a message
        var builder = new StringBuilder(Math.Min(value.Length, MaxShown) + 8);
        foreach (char c in value.Length > MaxShown ? value[..MaxShown] : value)
        {
            _ = char.IsControl(c)
                ? builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}")
                : builder.Append(c);
        }

        return value.Length > MaxShown ? builder.Append('…').ToString() : builder.ToString();
    }
}
