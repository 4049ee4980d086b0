using System.Globalization;

namespace TwitchSentiment.Pipeline;

/// <summary>Durations as people type them: <c>30s</c>, <c>15m</c>, <c>1h</c>, <c>1.5h</c>, or plain minutes (<c>15</c>, <c>0.5</c>).</summary>
public static class Durations
{
    /// <summary>Parses <paramref name="text"/>; false (with <paramref name="error"/> saying what is accepted) when it is not a positive duration.</summary>
    public static bool TryParse(string? text, out TimeSpan duration, out string? error)
    {
        duration = default;
        string value = (text ?? string.Empty).Trim();
        double unit = 60;
        if (value.Length > 0 && char.IsAsciiLetter(value[^1]))
        {
            unit = char.ToLowerInvariant(value[^1]) switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
            value = value[..^1];
        }

        if (unit == 0 || !double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount) ||
            !(amount > 0) || amount * unit > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            error = $"'{text}' is not a duration: use seconds, minutes or hours such as 30s, 15m, 1h, 1.5h, or plain minutes such as 15 or 0.5.";
            return false;
        }

        duration = TimeSpan.FromSeconds(amount * unit);
        error = null;
        return true;
    }

    /// <summary>Formats a duration the way <see cref="TryParse"/> reads it back (<c>90s</c>, <c>15m</c>, <c>2h</c>).</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalSeconds % 3600 == 0 ? $"{duration.TotalHours:0}h"
        : duration.TotalSeconds % 60 == 0 ? $"{duration.TotalMinutes:0}m"
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###}s");
}
