using System.Runtime.CompilerServices;

namespace TwitchSentiment.Sentiment.PythonCompat;

/// <summary>
/// CPython's <c>str</c> behaviours that the VADER reference depends on, by code point and from CPython's own
/// Unicode tables (<see cref="PythonUnicodeData"/>): <c>isspace</c> (what <c>split()</c> splits on),
/// <c>isupper</c>, <c>lower</c> (full mapping, final sigma) and <c>strip(string.punctuation)</c>.
/// A lone surrogate is one code point, as in a Python <c>str</c>. The helpers that read every token (<c>IsSpace</c>,
/// <c>TryNextWord</c>, <c>IsAsciiPunctuation</c>, <c>StripPunctuation</c>) are marked for inlining: native AOT (the
/// Lambda functions) has no runtime profile to find them hot and left them as calls (see the README's "Native AOT").
/// </summary>
internal static class PythonString
{
    /// <summary><c>string.punctuation</c>: the 32 ASCII punctuation characters.</summary>
    internal const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>str.lower() never makes more than this many UTF-16 units of one unit (U+0130 → "i\u0307").</summary>
    internal const int MaxLowerExpansion = 2;

    private const int CapitalSigma = 0x3A3;
    private const char SmallSigma = '\u03C3';
    private const char SmallFinalSigma = '\u03C2';

    /// <summary>True when Python's <c>str.isspace()</c> holds for the code point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsSpace(int codePoint) => codePoint < 0x80
        ? codePoint is (>= 0x9 and <= 0xD) or (>= 0x1C and <= 0x20)
        : InRanges(PythonUnicodeData.Whitespace, codePoint);

    /// <summary>
    /// One step of Python's <c>str.split()</c> (no arguments): finds the next run of non-whitespace at or after
    /// <paramref name="position"/> and moves <paramref name="position"/> past it. False when no word is left.
    /// Every whitespace code point is in the BMP, so testing UTF-16 units is exact (a surrogate is never space).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryNextWord(ReadOnlySpan<char> s, ref int position, out Range word)
    {
        int i = position;
        while (i < s.Length && IsSpace(s[i]))
        {
            i++;
        }

        if (i == s.Length)
        {
            position = i;
            word = default;
            return false;
        }

        int start = i;
        while (i < s.Length && !IsSpace(s[i]))
        {
            i++;
        }

        position = i;
        word = start..i;
        return true;
    }

    // AsciiPunctuation as a 128-bit set: bit c of (PunctuationLow, PunctuationHigh).
    private const ulong PunctuationLow = 0xFC00_FFFE_0000_0000; // ! " # $ % & ' ( ) * + , - . / : ; < = > ? (0x21-0x2F, 0x3A-0x3F)
    private const ulong PunctuationHigh = 0x7800_0001_F800_0001; // @ [ \ ] ^ _ ` { | } ~ (0x40, 0x5B-0x60, 0x7B-0x7E)

    /// <summary>True when <paramref name="c"/> is one of <see cref="AsciiPunctuation"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsAsciiPunctuation(char c) => c < 0x40
        ? ((PunctuationLow >> c) & 1) != 0
        : c < 0x80 && ((PunctuationHigh >> (c - 0x40)) & 1) != 0;

    /// <summary>Python's <c>s.strip(string.punctuation)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ReadOnlySpan<char> StripPunctuation(ReadOnlySpan<char> s)
    {
        int start = 0;
        int end = s.Length;
        while (start < end && IsAsciiPunctuation(s[start]))
        {
            start++;
        }

        while (end > start && IsAsciiPunctuation(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    /// <summary>Python's <c>len(s)</c>: code points, not UTF-16 units.</summary>
    internal static int CodePointLength(ReadOnlySpan<char> s)
    {
        int length = s.Length;
        for (int i = 0; i + 1 < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1]))
            {
                length--;
                i++;
            }
        }

        return length;
    }

    // Above this code point no character is cased or lower-cases to another (emoji and most symbols): their reading
    // skips the searches of the Unicode tables.
    private static readonly int LastCasedCodePoint = new[]
    {
        PythonUnicodeData.Lowercase[^1], PythonUnicodeData.Uppercase[^1], PythonUnicodeData.Titlecase[^1], PythonUnicodeData.LowerKeys[^1],
    }.Max();

    /// <summary>
    /// Python's <c>s.isupper()</c>: at least one cased character and no lowercase or titlecase one.
    /// </summary>
    internal static bool IsUpper(ReadOnlySpan<char> s)
    {
        bool cased = false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c < 0x80)
            {
                if (char.IsAsciiLetterLower(c))
                {
                    return false;
                }

                cased |= char.IsAsciiLetterUpper(c);
                continue;
            }

            int codePoint = ReadCodePoint(s, ref i);
            if (codePoint > LastCasedCodePoint)
            {
                continue;
            }

            if (InRanges(PythonUnicodeData.Lowercase, codePoint) || InRanges(PythonUnicodeData.Titlecase, codePoint))
            {
                return false;
            }

            cased |= InRanges(PythonUnicodeData.Uppercase, codePoint);
        }

        return cased;
    }

    /// <summary>Python's <c>s.lower()</c> as a new string.</summary>
    internal static string Lower(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        char[] buffer = new char[s.Length * MaxLowerExpansion];
        int written = Lower(s, buffer);
        return new string(buffer, 0, written);
    }

    /// <summary>
    /// Python's <c>s.lower()</c> written into <paramref name="destination"/>, which must hold
    /// <see cref="MaxLowerExpansion"/> units per unit of <paramref name="s"/>. Returns the units written.
    /// </summary>
    internal static int Lower(ReadOnlySpan<char> s, Span<char> destination)
    {
        if (destination.Length < s.Length * MaxLowerExpansion)
        {
            throw new ArgumentException("The destination must hold twice the source length.", nameof(destination));
        }

        int written = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c < 0x80)
            {
                destination[written++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
                continue;
            }

            int start = i;
            int codePoint = ReadCodePoint(s, ref i);
            if (codePoint == CapitalSigma)
            {
                destination[written++] = IsFinalSigma(s, start) ? SmallFinalSigma : SmallSigma;
                continue;
            }

            int index = codePoint > LastCasedCodePoint ? -1 : Array.BinarySearch(PythonUnicodeData.LowerKeys, codePoint);
            if (index >= 0)
            {
                string mapped = PythonUnicodeData.LowerMappings[index];
                mapped.CopyTo(destination[written..]);
                written += mapped.Length;
            }
            else
            {
                s[start..(i + 1)].CopyTo(destination[written..]);
                written += i + 1 - start;
            }
        }

        return written;
    }

    /// <summary>
    /// CPython's Final_Sigma context: a cased letter (skipping case-ignorables) before the Σ at
    /// <paramref name="sigmaIndex"/>, and no cased letter (skipping case-ignorables) after it.
    /// </summary>
    private static bool IsFinalSigma(ReadOnlySpan<char> s, int sigmaIndex)
    {
        int before = PreviousNonIgnorable(s, sigmaIndex);
        if (before < 0 || !InRanges(PythonUnicodeData.Cased, before))
        {
            return false;
        }

        int after = NextNonIgnorable(s, sigmaIndex + 1);
        return after < 0 || !InRanges(PythonUnicodeData.Cased, after);
    }

    private static int PreviousNonIgnorable(ReadOnlySpan<char> s, int end)
    {
        int i = end - 1;
        while (i >= 0)
        {
            int codePoint = s[i];
            if (char.IsLowSurrogate(s[i]) && i > 0 && char.IsHighSurrogate(s[i - 1]))
            {
                codePoint = char.ConvertToUtf32(s[i - 1], s[i]);
                i--;
            }

            if (!InRanges(PythonUnicodeData.CaseIgnorable, codePoint))
            {
                return codePoint;
            }

            i--;
        }

        return -1;
    }

    private static int NextNonIgnorable(ReadOnlySpan<char> s, int start)
    {
        for (int i = start; i < s.Length; i++)
        {
            int codePoint = ReadCodePoint(s, ref i);
            if (!InRanges(PythonUnicodeData.CaseIgnorable, codePoint))
            {
                return codePoint;
            }
        }

        return -1;
    }

    /// <summary>Reads the code point at <paramref name="i"/>, moving <paramref name="i"/> to its last unit.</summary>
    internal static int ReadCodePoint(ReadOnlySpan<char> s, ref int i)
    {
        char c = s[i];
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            i++;
            return char.ConvertToUtf32(c, s[i]);
        }

        return c;
    }

    /// <summary>Binary search over sorted inclusive [first, last] pairs.</summary>
    internal static bool InRanges(ReadOnlySpan<int> pairs, int codePoint)
    {
        int low = 0;
        int high = (pairs.Length / 2) - 1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            if (codePoint < pairs[2 * mid])
            {
                high = mid - 1;
            }
            else if (codePoint > pairs[2 * mid + 1])
            {
                low = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
