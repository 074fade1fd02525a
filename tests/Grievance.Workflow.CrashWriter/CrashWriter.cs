using Grievance.Workflow.Routing;
using Grievance.Workflow.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.CrashWriter;

/// <summary>
/// The child process of the crash test: writers register grievances and act on them against one SQLite file, as fast as they can,
/// printing <c>ack &lt;command id&gt;</c> on standard output after each command the store acknowledged — until the test kills the
/// process with SIGKILL at a moment of its choosing.
/// </summary>
public static class CrashWriter
{
    /// <summary>Runs the writers.</summary>
    /// <param name="args">The SQLite file, a run id that makes command ids unique across runs, and the number of parallel writers.</param>
    /// <returns>Never returns normally while it has work; 64 on bad arguments.</returns>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 3 || !int.TryParse(args[2], out var writers))
        {
            await Console.Error.WriteLineAsync("Usage: <sqlite file> <run id> <writers>");
            return 64;
        }

        var services = new ServiceCollection();
        services.AddGrievanceWorkflow(o =>
        {
            o.Routing.CategoryDepartments["electricity"] = "uppcl";
            o.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 1, Officer = "uppcl-l1" });
            o.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 2, Officer = "uppcl-l2" });
        }).UseSqliteStore($"Data Source={args[0]}");
        await using var provider = services.BuildServiceProvider();
        var workflow = provider.GetRequiredService<IGrievanceWorkflow>();
        var gate = new object();
        var run = args[1];
        var agent = Actor.HelplineAgent("agent-7");
        var officer = Actor.Officer(new OfficerId("uppcl-l1"), new DepartmentId("uppcl"), 1);

        void Ack(CommandId id)
        {
            lock (gate)
            {
                Console.Out.WriteLine($"ack {id}");
                Console.Out.Flush();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                var key = $"{run}-{writer}-{i}";
                var register = new RegisterGrievance(agent, Channel.Helpline1076, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"),
                    new Complainant($"citizen-{i}", new ContactDetails("सीता देवी", "+91-9000000001")), "बिजली का बिल गलत आया है।") { CommandId = new CommandId($"{key}-register") };
                var registered = await workflow.RegisterAsync(register);
                Ack(register.CommandId!.Value);
                var note = new AddNote(registered.Grievance.Id, agent, "Complainant called again.") { CommandId = new CommandId($"{key}-note") };
                await workflow.ExecuteAsync(note);
                Ack(note.CommandId!.Value);
                var report = new ReportAction(registered.Grievance.Id, officer, "Bill revised.") { CommandId = new CommandId($"{key}-report") };
                await workflow.ExecuteAsync(report);
                Ack(report.CommandId!.Value);
            }
        })));
        return 0;
    }
}
