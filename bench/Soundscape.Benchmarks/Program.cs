using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Soundscape.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
