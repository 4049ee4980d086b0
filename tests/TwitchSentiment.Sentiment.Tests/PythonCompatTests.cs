using System.Globalization;
using System.Text.Json;
using TwitchSentiment.Sentiment.PythonCompat;

namespace TwitchSentiment.Sentiment.Tests;

/// <summary>
/// The shims against what CPython 3.11 answers (Data/python-compat-cases.json, written by
/// tools/gen-python-compat-cases.py; a golden file, reviewed as a diff).
/// </summary>
public sealed class PythonCompatTests
{
    private static readonly JsonElement Cases = LoadCases();

    [Fact]
    public void Round_matches_python_on_every_case_including_exact_ties()
    {
        var failures = new List<string>();
        foreach (JsonElement row in Cases.GetProperty("round").EnumerateArray())
        {
            double x = ParsePython(row.GetProperty("x").GetString()!);
            int digits = row.GetProperty("n").GetInt32();
            double expected = ParsePython(row.GetProperty("round").GetString()!);
            double actual = PythonRound.Round(x, digits);
            if (BitConverter.DoubleToInt64Bits(actual) != BitConverter.DoubleToInt64Bits(expected))
            {
                failures.Add(FormattableString.Invariant($"round({row.GetProperty("x")}, {digits}): python {expected:R}, ours {actual:R}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    [Theory]
    [InlineData(2.675, 2, 2.67)] // stored as 2.67499999…: Math.Round gives 2.68
    [InlineData(0.0625, 3, 0.062)] // an exact tie goes to even
    [InlineData(0.375, 2, 0.38)]
    [InlineData(2.5, 0, 2.0)]
    [InlineData(-0.0625, 3, -0.062)]
    public void Round_named_cases(double x, int digits, double expected)
    {
        Assert.Equal(expected, PythonRound.Round(x, digits));
    }

    [Fact]
    public void Round_keeps_the_sign_of_a_negative_value_that_rounds_to_zero()
    {
        Assert.True(double.IsNegative(PythonRound.Round(-0.00001, 4)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(16)]
    public void Round_rejects_digits_outside_the_supported_range(int digits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PythonRound.Round(0.5, digits));
    }

    [Fact]
    public void Repr_matches_python_float_repr()
    {
        Assert.All(Cases.GetProperty("repr").EnumerateArray(), row =>
            Assert.Equal(row.GetProperty("repr").GetString(), PythonFloat.Repr(ParsePython(row.GetProperty("x").GetString()!))));
    }

    [Theory]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Repr_of_non_finite_values(double value, string expected)
    {
        Assert.Equal(expected, PythonFloat.Repr(value));
    }

    public static TheoryData<string> Strings() => new(Cases.GetProperty("str").EnumerateArray().Select(row => row.GetProperty("s").GetString()!));

    [Theory]
    [MemberData(nameof(Strings))]
    public void Lower_isupper_split_strip_and_len_match_python(string s)
    {
        JsonElement row = Cases.GetProperty("str").EnumerateArray().First(r => r.GetProperty("s").GetString() == s);

        Assert.Equal(row.GetProperty("lower").GetString(), PythonString.Lower(s));
        Assert.Equal(row.GetProperty("isupper").GetBoolean(), PythonString.IsUpper(s));
        Assert.Equal(row.GetProperty("split").EnumerateArray().Select(e => e.GetString()), Split(s));
        Assert.Equal(row.GetProperty("strip_punctuation").GetString(), PythonString.StripPunctuation(s).ToString());
        Assert.Equal(row.GetProperty("len").GetInt32(), PythonString.CodePointLength(s));
    }

    [Fact]
    public void Lower_of_dotted_capital_i_is_two_code_points()
    {
        Assert.Equal("i\u0307", PythonString.Lower("\u0130"));
    }

    [Fact]
    public void Lower_treats_a_lone_surrogate_as_one_unchanged_code_point()
    {
        Assert.Equal("a\ud800b", PythonString.Lower("A\ud800B"));
        Assert.False(PythonString.IsUpper("\ud800"));
        Assert.Equal(3, PythonString.CodePointLength("a\ud800b"));
    }

    [Theory]
    // checked with Python 3.11: the squared capitals (U+1F130-U+1F189, Other_Uppercase) are the last cased code points;
    // emoji above them are caseless and lower-case to themselves
    [InlineData("\U0001F170", true, "\U0001F170")]
    [InlineData("a\U0001F170", false, "a\U0001F170")]
    [InlineData("\U0001F189", true, "\U0001F189")]
    [InlineData("\U0001F525", false, "\U0001F525")]
    [InlineData("A\U0001F525", true, "a\U0001F525")]
    [InlineData("\U0001E921", true, "\U0001E943")]
    public void Isupper_and_lower_at_the_end_of_the_cased_code_points_match_python(string s, bool isUpper, string lower)
    {
        Assert.Equal(isUpper, PythonString.IsUpper(s));
        Assert.Equal(lower, PythonString.Lower(s));
    }

    [Fact]
    public void Lower_rejects_a_destination_shorter_than_twice_the_source()
    {
        Assert.Throws<ArgumentException>(() => PythonString.Lower("abc", new char[5]));
    }

    [Fact]
    public void Punctuation_bit_set_is_exactly_string_punctuation()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            Assert.Equal(PythonString.AsciiPunctuation.Contains((char)c, StringComparison.Ordinal), PythonString.IsAsciiPunctuation((char)c));
        }
    }

    [Fact]
    public void Whitespace_table_is_inside_the_bmp_so_the_tokenizer_may_test_utf16_units()
    {
        ReadOnlySpan<int> ranges = PythonUnicodeData.Whitespace;
        Assert.True(ranges[^1] < 0xD800);
    }

    [Fact]
    public void Lower_table_is_sorted_and_paired()
    {
        int[] keys = PythonUnicodeData.LowerKeys;
        Assert.Equal(keys.Length, PythonUnicodeData.LowerMappings.Length);
        Assert.Equal(keys.Order(), keys);
        Assert.All(PythonUnicodeData.LowerMappings, mapped => Assert.InRange(mapped.Length, 1, PythonString.MaxLowerExpansion * 2));
    }

    private static List<string> Split(string s)
    {
        var words = new List<string>();
        int position = 0;
        while (PythonString.TryNextWord(s, ref position, out Range word))
        {
            words.Add(s[word]);
        }

        return words;
    }

    private static double ParsePython(string repr) => repr switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.Parse(repr, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static JsonElement LoadCases()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("python-compat-cases.json")));
        return document.RootElement.Clone();
    }
}
