// Micro-benchmarks of the parts the load benchmark's paths are made of (bench/README.md):
//
//   dotnet run -c Release --project bench/IdP.Micro -- --filter '*'          all of them
//   dotnet run -c Release --project bench/IdP.Micro -- --filter '*Discovery*' one class
//
// Runs in process (no generated project per benchmark) with a short job: a shared 2-core machine gives noisy numbers
// either way, and the ratios between these parts are what the harness needs.
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;


namespace IdP.Micro;

// Not top-level statements: their Program class would clash with the server's public Program.
internal static class MicroBenchmarks
{
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly).Run(args, config);
    }
}
