using System.Globalization;
using System.Net;
using System.Text;
using TwitchSentiment.Pipeline.Analysis;

namespace TwitchSentiment.Pipeline.Reports;

/// <summary>
/// The report as one self-contained HTML page: inline CSS and an inline SVG chart (mean sentiment per minute above,
/// messages per minute below; minutes no capture covered are hatched as gaps, distinct from quiet minutes). No
/// script, font or image is fetched, so it opens from disk or S3 with no network.
/// </summary>
public static class ReportHtml
{
    private const int Width = 960, SentimentHeight = 220, RateHeight = 110, Left = 48, Right = 12, Top = 10, Between = 28;

    private const string Style = """
            <style>
            body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#1d1d24;padding:0 1em}
            h1{font-size:1.5em;margin:0 0 .2em}table{border-collapse:collapse;margin:.6em 0 1.4em}td,th{padding:.25em .7em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
            .num{text-align:right;font-variant-numeric:tabular-nums}.pos{color:#16794a}.neg{color:#b3261e}.muted{color:#666}
            svg{display:block;margin:1em 0;background:#fafafc;border:1px solid #e4e4ea}
            </style></head><body>
        """;

    /// <summary>Writes <paramref name="report"/> as HTML to <paramref name="output"/>.</summary>
    public static void Write(ChannelDayReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        string title = $"#{report.Channel} on {report.Date:yyyy-MM-dd}";
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{E(title)}} — TwitchSentiment</title>
            {{Style}}
            <h1>{{E(title)}}</h1>
            <p class="muted">How chat felt, minute by minute (UTC). VADER 3.3.2 compound score: above 0.05 positive, below −0.05 negative.</p>
            <table>
            <tr><th>Messages</th><td class="num">{{report.Messages:N0}}</td><th>Mean compound</th><td class="num">{{Num(report.MeanCompound)}}</td></tr>
            <tr><th>Positive</th><td class="num pos">{{report.PositiveShare:P1}}</td><th>Neutral</th><td class="num">{{report.NeutralShare:P1}}</td></tr>
            <tr><th>Negative</th><td class="num neg">{{report.NegativeShare:P1}}</td><th>Covered</th><td class="num">{{Duration(report.CoveredSeconds)}} ({{report.CoveredShare:P1}} of the day)</td></tr>
            <tr><th>Twitch-aware mean</th><td class="num">{{Num(report.MeanTwitchCompound)}}</td><th></th><td></td></tr>
            <tr><th>Duplicates dropped</th><td class="num">{{report.Duplicates:N0}}</td><th>Gaps</th><td class="num">{{report.Gaps.Count}}</td></tr>
            </table>

            """);
        Chart(html, report.Timeline);
        Messages(html, "Most positive", report.MostPositive);
        Messages(html, "Most negative", report.MostNegative);
        Windows(html, "Capture windows", report.Windows);
        Windows(html, "Gaps (nobody listening)", report.Gaps);
        html.Append("<p class=\"muted\">Built by TwitchSentiment from ").Append(report.Sources.Count)
            .Append(" results file(s).</p>\n</body></html>\n");
        output.Write(Encoding.UTF8.GetBytes(html.ToString()));
    }

    private static void Chart(StringBuilder html, IReadOnlyList<MinutePoint> timeline)
    {
        if (timeline.Count == 0)
        {
            html.Append("<p>No messages and no capture windows for this day.</p>\n");
            return;
        }

        int height = Top + SentimentHeight + Between + RateHeight + 24;
        double step = (Width - Left - Right) / (double)timeline.Count;
        long maxRate = Math.Max(1, timeline.Max(m => m.Messages));
        double X(int i) => Left + (i * step);
        double SentimentY(double compound) => Top + ((1 - compound) / 2 * SentimentHeight);
        int rateTop = Top + SentimentHeight + Between;
        html.Append(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" viewBox="0 0 {Width} {height}" role="img" aria-label="Mean sentiment and messages per minute">
            <defs><pattern id="gap" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eee"/><line x1="0" y1="0" x2="0" y2="6" stroke="#bbb" stroke-width="3"/></pattern></defs>
            <text x="4" y="{Top + 12}" font-size="11">+1</text><text x="4" y="{SentimentY(0) + 4:F1}" font-size="11">0</text><text x="4" y="{Top + SentimentHeight}" font-size="11">−1</text>
            <text x="4" y="{rateTop + 12}" font-size="11">{maxRate}/min</text>
            <line x1="{Left}" x2="{Width - Right}" y1="{SentimentY(0):F1}" y2="{SentimentY(0):F1}" stroke="#999" stroke-dasharray="3 3"/>

            """);

        // Gaps first, so data draws over the hatching edges.
        for (int i = 0; i < timeline.Count; i++)
        {
            if (timeline[i].Covered)
            {
                continue;
            }

            int end = i;
            while (end + 1 < timeline.Count && !timeline[end + 1].Covered)
            {
                end++;
            }

            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"gap\" x=\"{X(i):F1}\" y=\"{Top}\" width=\"{(end - i + 1) * step:F1}\" height=\"{rateTop + RateHeight - Top}\" fill=\"url(#gap)\"><title>gap: no capture {timeline[i].Start:HH:mm}–{timeline[end].Start.AddMinutes(1):HH:mm} UTC</title></rect>\n");
            i = end;
        }

        for (int i = 0; i < timeline.Count; i++)
        {
            MinutePoint minute = timeline[i];
            if (minute.Messages > 0)
            {
                double h = minute.Messages * (double)RateHeight / maxRate;
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{X(i):F1}\" y=\"{rateTop + RateHeight - h:F1}\" width=\"{Math.Max(step - 0.5, 0.5):F1}\" height=\"{h:F1}\" fill=\"#6b6bd6\"><title>{minute.Start:HH:mm} UTC: {minute.Messages} messages</title></rect>\n");
            }
        }

        // The sentiment lines break wherever a minute has no messages, so neither a gap nor a quiet minute is drawn as 0.
        Line(html, timeline, m => m.MeanCompound, "#d2691e", i => X(i) + (step / 2), SentimentY);
        Line(html, timeline, m => m.MeanTwitchCompound, "#8e44ad", i => X(i) + (step / 2), SentimentY);

        html.Append(CultureInfo.InvariantCulture, $"""
            <text x="{Left}" y="{height - 6}" font-size="11">{timeline[0].Start:HH:mm} UTC</text>
            <text x="{Width - Right}" y="{height - 6}" font-size="11" text-anchor="end">{timeline[^1].Start.AddMinutes(1):HH:mm} UTC</text>
            </svg>
            <p class="muted">Orange: mean VADER compound per minute; purple: the Twitch-aware score (both break where a minute had no messages). Blue: messages per minute. Hatched: gaps, when no capture was listening.</p>

            """);
    }

    private static void Line(
        StringBuilder html, IReadOnlyList<MinutePoint> timeline, Func<MinutePoint, double?> value, string color, Func<int, double> x, Func<double, double> y)
    {
        var segment = new List<(double X, double Y)>();
        for (int i = 0; i <= timeline.Count; i++)
        {
            if (i < timeline.Count && value(timeline[i]) is double compound)
            {
                segment.Add((x(i), y(compound)));
                continue;
            }

            if (segment.Count == 1)
            {
                html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{segment[0].X:F1}\" cy=\"{segment[0].Y:F1}\" r=\"2\" fill=\"{color}\"/>\n");
            }
            else if (segment.Count > 1)
            {
                html.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\" points=\"")
                    .AppendJoin(' ', segment.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:F1},{p.Y:F1}")))
                    .Append("\"/>\n");
            }

            segment.Clear();
        }
    }

    private static void Messages(StringBuilder html, string title, IReadOnlyList<QuotedMessage> messages)
    {
        html.Append("<h2>").Append(E(title)).Append("</h2>\n");
        if (messages.Count == 0)
        {
            html.Append("<p class=\"muted\">None.</p>\n");
            return;
        }

        html.Append("<table><tr><th>UTC</th><th>User</th><th>Message</th><th class=\"num\">Compound</th></tr>\n");
        foreach (QuotedMessage message in messages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{message.ReceivedAt:HH:mm:ss}</td><td>{E(message.UserLogin)}</td><td>{E(message.Text)}</td><td class=\"num\">{message.Compound.ToString("0.0000", CultureInfo.InvariantCulture)}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Windows(StringBuilder html, string title, IReadOnlyList<CoveredWindow> windows)
    {
        html.Append("<h2>").Append(E(title)).Append("</h2>\n");
        if (windows.Count == 0)
        {
            html.Append("<p class=\"muted\">None.</p>\n");
            return;
        }

        html.Append("<table><tr><th>From (UTC)</th><th>To (UTC)</th><th class=\"num\">Length</th></tr>\n");
        foreach (CoveredWindow window in windows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{window.Start:HH:mm:ss.fff}</td><td>{window.End:HH:mm:ss.fff}</td><td class=\"num\">{Duration(window.Length.TotalSeconds)}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string Duration(double seconds) =>
        seconds >= 3600 ? $"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60)} min"
        : seconds >= 60 ? $"{(int)(seconds / 60)} min {(int)(seconds % 60)} s"
        : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s");

    private static string Num(double? value) => value is double number ? number.ToString("0.0000", CultureInfo.InvariantCulture) : "—";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
