using System.Globalization;

namespace TwitchSentiment.Deploy.Model.Internal;

/// <summary>Durations as the CLI reads them: <c>30s</c>, <c>15m</c>, <c>1h</c>, or plain minutes (<c>15</c>, <c>0.5</c>).</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        string value = text.Trim();
        decimal unitSeconds = 60;
        if (value.Length > 0 && char.IsAsciiLetter(value[^1]))
        {
            unitSeconds = char.ToLowerInvariant(value[^1]) switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
            value = value[..^1];
        }

        if (unitSeconds == 0 ||
            !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount) ||
            amount * unitSeconds > 366m * 24 * 3600)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds((double)(amount * unitSeconds));
        return true;
    }

    /// <summary><c>90s</c>, <c>13m</c>, <c>1h</c>, or <c>820.2s</c>.</summary>
    public static string Format(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerHour == 0 && duration > TimeSpan.Zero ? $"{duration.TotalHours:0}h"
        : duration.Ticks % TimeSpan.TicksPerMinute == 0 && duration > TimeSpan.Zero ? $"{duration.TotalMinutes:0}m"
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###}s");
}
