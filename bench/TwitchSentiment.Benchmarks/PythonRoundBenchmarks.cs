using BenchmarkDotNet.Attributes;
using TwitchSentiment.Sentiment.PythonCompat;

namespace TwitchSentiment.Benchmarks;

/// <summary>
/// The <c>round(x, n)</c> shim on its own, over a fixed set of inputs; the time reported is per call.
/// polarity_scores rounds four numbers per text, so this bounds what rounding costs a score.
/// </summary>
[MemoryDiagnoser]
public class PythonRoundBenchmarks
{
    /// <summary>Inputs per <see cref="Round"/> invocation.</summary>
    private const int InputCount = 256;

    /// <summary>The digits polarity_scores rounds neg, neu and pos to (compound gets 4).</summary>
    private const int ShareDigits = 3;

    /// <summary>Fixed so every run rounds the same values.</summary>
    private const int RandomSeed = 20251124;

    private readonly double[] _inputs = new double[InputCount];

    [Params(RoundInput.Typical, RoundInput.NearTie)]
    public RoundInput Input { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(RandomSeed);
        for (int i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = Input switch
            {
                // Shares and compounds as VADER computes them: anything in [-1, 1].
                RoundInput.Typical => (random.NextDouble() * 2) - 1,

                // Halfway between two 3-digit decimals, give or take the binary error: the exact path.
                RoundInput.NearTie => (i + 0.5) / 1000,
                _ => throw new InvalidOperationException($"Unknown rounding input {Input}."),
            };
        }
    }

    [Benchmark(OperationsPerInvoke = InputCount)]
    public double Round()
    {
        double sum = 0;
        foreach (double value in _inputs)
        {
            sum += PythonRound.Round(value, ShareDigits);
        }

        return sum;
    }
}

/// <summary>Which values <see cref="PythonRoundBenchmarks"/> rounds.</summary>
public enum RoundInput
{
    /// <summary>Values in [-1, 1] far from a tie: the fast floating-point path.</summary>
    Typical,

    /// <summary>Values within the tie margin of a halfway point: the exact integer path.</summary>
    NearTie,
}
