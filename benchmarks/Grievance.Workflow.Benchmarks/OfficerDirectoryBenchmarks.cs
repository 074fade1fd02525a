using BenchmarkDotNet.Attributes;
using Grievance.Workflow.Routing;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Benchmarks;

/// <summary>
/// One officer look-up in the options-backed directory of a state desk: 8 departments, 75 districts and 2 levels, with a
/// ward-level officer in some districts, from a directory of 50 assignments to one of 3,800.
/// </summary>
[MemoryDiagnoser]
public class OfficerDirectoryBenchmarks
{
    private OptionsOfficerDirectory _directory = null!;
    private GrievanceLocation _location = null!;

    [Params(50, 3800)]
    public int Assignments { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new GrievanceWorkflowOptions();
        for (var i = 0; options.Routing.Officers.Count < Assignments; i++)
        {
            var department = $"dept-{i % 8}";
            var district = $"district-{i / 16 % 75}";
            options.Routing.Officers.Add(new OfficerAssignment { Department = department, Level = 1 + (i / 8 % 2), District = district, Officer = $"officer-{i}" });
            if (i % 5 == 0)
            {
                options.Routing.Officers.Add(new OfficerAssignment { Department = department, Level = 1, District = district, Tehsil = "Sadar", Ward = "Ward 12", Officer = $"ward-officer-{i}" });
            }
        }

        _directory = new OptionsOfficerDirectory(Options.Create(options));
        _location = new GrievanceLocation("district-1", "Sadar", "Ward 12");
    }

    /// <summary>Finds the L1 officer of a department for a ward.</summary>
    [Benchmark]
    public OfficerId? FindOfficer() => _directory.FindOfficerAsync(new DepartmentId("dept-3"), 1, _location, default).AsTask().GetAwaiter().GetResult();
}
