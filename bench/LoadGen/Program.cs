// The benchmark's load generator (bench/README.md). bench/run.sh calls one command per measurement:
//
//   setup     --base URL --admin-id ID --admin-secret S              apps, reset switch, template account (admin API)
//   seed      --connection CS --accounts N                           accounts bench{i}@bench.test, the template's hash reused
//   signin    --base URL --concurrency C --seconds S ...             full sign-ins with distinct accounts
//   refresh   --base URL --concurrency C --seconds S ...             C refresh-token rotation chains
//   reset     --base URL --smtp-port P --concurrency C ...           the password-reset interrupt, codes from an SMTP sink
//   wrk       --url URL [--body FORM] --concurrency C ...            wrk with bench/wrk/bench.lua, its CPU measured
//   openloop  --path P --out results.jsonl [--share 0.5] --url URL | --base URL (refresh)
//                                                                    constant rate at a share of the run's peak for P
//             (or --rate R: a fixed rate, for the generator's self-test)
//   respond   --port P                                               a trivial HTTP responder (the generator's self-test)
//   hash      [--iterations I] [--seconds S]                         one password hash at the configured cost
//   lookups   --connection CS                                        the sign-in and reset lookups' time and plans
//   report    --in results.jsonl --out file.md --meta k=v;...        the markdown table
//   ports     [--count N]                                            free loopback ports
//   wait      --url URL [--timeout S]                                until the URL answers 200
using IdP.LoadGen;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: IdP.LoadGen <setup|seed|signin|refresh|reset|wrk|openloop|respond|hash|lookups|report|ports|wait> [--option value]...");
    return 2;
}

var options = new Arguments(args[1..]);
try
{
    return args[0] switch
    {
        "setup" => await Setup.RunAsync(options),
        "seed" => await Seeder.RunAsync(options),
        "signin" or "refresh" or "reset" => await FlowCommands.RunAsync(args[0], options),
        "wrk" => await WrkCommand.RunAsync(options),
        "openloop" => await OpenLoopCommand.RunAsync(options),
        "respond" => StaticResponder.Run(options),
        "hash" => HashCeiling.Run(options),
        "lookups" => await LookupTimer.RunAsync(options),
        "report" => Report.Run(options),
        "ports" => Utilities.FreePorts(options),
        "wait" => await Utilities.WaitAsync(options),
        _ => throw new ArgumentException($"Unknown command '{args[0]}'."),
    };
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}
