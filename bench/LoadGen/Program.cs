// The benchmark's load generator (bench/README.md). bench/run.sh calls one command per measurement:
//
//   seed      --connection CS --accounts N [--iterations I]          accounts bench{i}@bench.test, one real hash reused
//   signin    --base URL --concurrency C --seconds S ...             full sign-ins with distinct accounts
//   refresh   --base URL --concurrency C --seconds S ...             C refresh-token rotation chains
//   reset     --base URL --smtp-port P --concurrency C ...           the password-reset interrupt, codes from an SMTP sink
//   wrk       --url URL [--body FORM] --concurrency C ...            wrk with bench/wrk/bench.lua, its CPU measured
//   hash      [--iterations I] [--seconds S]                         one password hash at the configured cost
//   lookups   --connection CS                                        the sign-in and reset lookups' time and plans
//   soak      --base URL --server-pid P --seconds S ...              memory of the server under steady load
//   report    --in results.jsonl --out file.md --meta k=v;...        the markdown table
using IdP.LoadGen;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: IdP.LoadGen <seed|signin|refresh|reset|wrk|hash|lookups|soak|report> [--option value]...");
    return 2;
}

var options = new Arguments(args[1..]);
try
{
    return args[0] switch
    {
        "seed" => await Seeder.RunAsync(options),
        "signin" or "refresh" or "reset" => await FlowCommands.RunAsync(args[0], options),
        "wrk" => await WrkCommand.RunAsync(options),
        "hash" => HashCeiling.Run(options),
        "lookups" => await LookupTimer.RunAsync(options),
        "soak" => await Soak.RunAsync(options),
        "report" => Report.Run(options),
        _ => throw new ArgumentException($"Unknown command '{args[0]}'."),
    };
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}
