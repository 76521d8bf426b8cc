using System.Diagnostics;

namespace Soundscape.Benchmarks;

/// <summary>
/// The mixing benchmark as interleaved rounds, for a loaded shared machine: every round times one second of audio
/// through each of the four mixers in turn (the order rotates per round), so all of them see the same load, and the
/// medians and per-round ratios are reported.
/// <c>dotnet run -c Release --project bench/Soundscape.Benchmarks -- mixing-rounds [rounds]</c>
/// </summary>
internal static class MixingRounds
{
    public static void Run(int rounds)
    {
        var bench = new MixingBenchmarks();
        bench.Setup();
        (string Name, Func<float> Op)[] ops =
        [
            ("Scalar loop", bench.ScalarLoop),
            ("LayerMixer (SIMD)", bench.SimdMixer),
            ("NAudio MixingSampleProvider + VolumeSampleProvider", bench.NAudioMixer),
            ("LayerMixer + Limiter", bench.SimdMixerWithLimiter),
        ];
        for (var w = 0; w < 20; w++)
            foreach (var op in ops)
                op.Op();
        var times = ops.Select(_ => new List<double>()).ToArray();
        var naudioOverSimd = new List<double>();
        var checksum = 0f;
        for (var r = 0; r < rounds; r++)
        {
            var round = new double[ops.Length];
            for (var k = 0; k < ops.Length; k++)
            {
                var i = (k + r) % ops.Length;
                var clock = Stopwatch.StartNew();
                checksum += ops[i].Op();
                round[i] = clock.Elapsed.TotalMilliseconds;
                times[i].Add(round[i]);
            }
            naudioOverSimd.Add(round[2] / round[1]);
        }
        Console.WriteLine($"{rounds} rounds, 1 s of 16-layer stereo 48 kHz audio per op (checksum {checksum})");
        Console.WriteLine("| mixer | median ms | p10–p90 ms | × real time (median) | median / scalar |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var scalar = Median(times[0]);
        for (var i = 0; i < ops.Length; i++)
        {
            var median = Median(times[i]);
            Console.WriteLine($"| {ops[i].Name} | {median:0.000} | {Percentile(times[i], 0.1):0.000}–{Percentile(times[i], 0.9):0.000} | {1000 / median:N0}× | {median / scalar:0.00} |");
        }
        Console.WriteLine($"NAudio / LayerMixer, per round: median {Median(naudioOverSimd):0.00}, p10 {Percentile(naudioOverSimd, 0.1):0.00}, p90 {Percentile(naudioOverSimd, 0.9):0.00}");
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Round(p * (sorted.Length - 1))];
    }
}
