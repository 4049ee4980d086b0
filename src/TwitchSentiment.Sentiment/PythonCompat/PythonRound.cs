namespace TwitchSentiment.Sentiment.PythonCompat;

/// <summary>
/// Python's <c>round(x, ndigits)</c> on a float: the decimal with <c>ndigits</c> digits nearest to the exact
/// binary value of <c>x</c> (ties to even), converted back to the nearest double. .NET's
/// <see cref="Math.Round(double, int)"/> works on the already-rounded product and differs (2.675 → 2.68,
/// where Python gives 2.67 because 2.675 is stored as 2.67499999…).
/// </summary>
internal static class PythonRound
{
    /// <summary>Digits this shim supports; every power of ten up to here is an exact double.</summary>
    internal const int MaxDigits = 15;

    // |x·10^d| below this has an error under 2^-32 when computed in doubles, far inside TieMargin.
    private const double FastPathLimit = 1 << 20;
    private const double TieMargin = 1e-6;

    private static readonly double[] PowersOfTen =
        [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    private static readonly ulong[] IntegerPowersOfTen =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000,
    ];

    /// <summary>Python's <c>round(x, digits)</c> for 0 ≤ <paramref name="digits"/> ≤ <see cref="MaxDigits"/>.</summary>
    internal static double Round(double x, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MaxDigits);
        if (x == 0 || !double.IsFinite(x))
        {
            return x;
        }

        double magnitude = Math.Abs(x);
        double scale = PowersOfTen[digits];
        double scaled = magnitude * scale;
        if (scaled < FastPathLimit)
        {
            double floor = Math.Floor(scaled);
            double fraction = scaled - floor;
            if (Math.Abs(fraction - 0.5) > TieMargin)
            {
                double rounded = fraction > 0.5 ? floor + 1 : floor;
                return Math.CopySign(rounded / scale, x);
            }
        }

        return Math.CopySign(RoundExactly(magnitude, digits), x);
    }

    /// <summary>The exact path, for near-ties and large values: integer arithmetic on the binary value.</summary>
    private static double RoundExactly(double magnitude, int digits)
    {
        long bits = BitConverter.DoubleToInt64Bits(magnitude);
        int exponentBits = (int)((bits >> 52) & 0x7FF);
        ulong mantissa = (ulong)bits & 0xF_FFFF_FFFF_FFFFUL;
        int exponent;
        if (exponentBits == 0)
        {
            exponent = -1074;
        }
        else
        {
            mantissa |= 1UL << 52;
            exponent = exponentBits - 1075;
        }

        if (exponent >= 0)
        {
            return magnitude; // an integer: nothing after the decimal point to round
        }

        // magnitude·10^d = mantissa·10^d / 2^shift, with mantissa·10^d < 2^103.
        UInt128 numerator = (UInt128)mantissa * IntegerPowersOfTen[digits];
        int shift = -exponent;
        if (shift >= 127)
        {
            return 0; // below 2^-24 of one unit in the last digit: rounds to zero
        }

        UInt128 quotient = numerator >> shift;
        UInt128 remainder = numerator - (quotient << shift);
        UInt128 half = UInt128.One << (shift - 1);
        if (remainder > half || (remainder == half && (quotient & UInt128.One) == UInt128.One))
        {
            quotient++;
        }

        // quotient/10^d as the nearest double: exact operands give a correctly rounded quotient.
        return quotient < ((UInt128)1 << 53)
            ? (double)quotient / PowersOfTen[digits]
            : double.Parse(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{quotient}E-{digits}"),
                System.Globalization.CultureInfo.InvariantCulture);
    }
}
