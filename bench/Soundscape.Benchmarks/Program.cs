using BenchmarkDotNet.Running;
using Soundscape.Benchmarks;

// dotnet run -c Release --project bench/Soundscape.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Soundscape.Benchmarks -- mixing-rounds 200   (interleaved rounds, for a loaded machine)
if (args is ["mixing-rounds", ..])
{
    MixingRounds.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
