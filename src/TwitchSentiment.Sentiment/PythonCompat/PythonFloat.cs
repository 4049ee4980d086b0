using System.Globalization;

namespace TwitchSentiment.Sentiment.PythonCompat;

/// <summary>
/// Python's <c>repr(float)</c>, which <c>json.dumps</c> and <c>print</c> use: the shortest digits that read back
/// to the same double, in fixed notation with at least one decimal (<c>1.0</c>, <c>-0.0</c>, <c>0.0001</c>) when the
/// decimal exponent is in [-4, 16), otherwise scientific (<c>1e-05</c>, <c>1e+16</c>).
/// </summary>
public static class PythonFloat
{
    /// <summary>Formats <paramref name="value"/> as Python's <c>repr</c> does.</summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        // "E16" is not shortest; "R" is, in either fixed or E notation. Read its digits and exponent.
        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int exponentAt = shortest.IndexOf('E', StringComparison.Ordinal);
        string mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        int exponent = exponentAt < 0 ? 0 : int.Parse(shortest.AsSpan(exponentAt + 1), CultureInfo.InvariantCulture);
        int point = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = point < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, point), mantissa.AsSpan(point + 1));
        int decimalPoint = (point < 0 ? mantissa.Length : point) + exponent; // value = 0.digits × 10^decimalPoint
        int leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..];
        decimalPoint -= leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
            decimalPoint = 1;
        }

        string sign = double.IsNegative(value) ? "-" : string.Empty;
        int scientificExponent = decimalPoint - 1;
        if (digits != "0" && (scientificExponent < -4 || scientificExponent >= 16))
        {
            string fraction = digits.Length > 1 ? "." + digits[1..] : string.Empty;
            string exponentSign = scientificExponent < 0 ? "-" : "+";
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{sign}{digits[0]}{fraction}e{exponentSign}{Math.Abs(scientificExponent):00}");
        }

        if (decimalPoint <= 0)
        {
            return sign + "0." + new string('0', -decimalPoint) + digits;
        }

        if (decimalPoint >= digits.Length)
        {
            return sign + digits + new string('0', decimalPoint - digits.Length) + ".0";
        }

        return sign + digits[..decimalPoint] + "." + digits[decimalPoint..];
    }
}
