using CsCheck;
using FluentAssertions;
using Grievance.Workflow.Routing;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Tests.Policies;

public sealed class OfficerDirectoryTests
{
    private static readonly string[] Departments = ["uppcl", "UPPCL", "revenue", "jal-nigam"];
    private static readonly string?[] Districts = [null, "Lucknow", "lucknow", "Agra", "Kanpur"];
    private static readonly string?[] Tehsils = [null, "Sadar", "sadar", "Bakshi Ka Talab"];
    private static readonly string?[] Wards = [null, "Ward 12", "ward 12", "Ward 3"];

    private static readonly Gen<OfficerAssignment> Assignment = Gen.Select(
        Gen.Int[0, Departments.Length - 1], Gen.Int[1, 3], Gen.Int[0, Districts.Length - 1], Gen.Int[0, Tehsils.Length - 1], Gen.Int[0, Wards.Length - 1], Gen.Int[0, 999],
        (d, level, district, tehsil, ward, officer) => new OfficerAssignment
        {
            Department = Departments[d], Level = level, District = Districts[district], Tehsil = Tehsils[tehsil], Ward = Wards[ward], Officer = $"officer-{officer}",
        });

    private static readonly Gen<(string Department, int Level, GrievanceLocation Location)> Lookup = Gen.Select(
        Gen.Int[0, Departments.Length - 1], Gen.Int[1, 3], Gen.Int[1, Districts.Length - 1], Gen.Int[0, Tehsils.Length - 1], Gen.Int[0, Wards.Length - 1],
        (d, level, district, tehsil, ward) => (Departments[d], level, new GrievanceLocation(Districts[district]!, Tehsils[tehsil], Wards[ward])));

    [Fact]
    public void The_indexed_directory_finds_what_a_scan_of_every_assignment_finds()
    {
        Gen.Select(Assignment.Array[0, 60], Lookup.Array[1, 20]).Sample((assignments, lookups) =>
        {
            var options = new GrievanceWorkflowOptions();
            foreach (var assignment in assignments)
            {
                options.Routing.Officers.Add(assignment);
            }

            var directory = new OptionsOfficerDirectory(Options.Create(options));
            foreach (var (department, level, location) in lookups)
            {
                var pending = directory.FindOfficerAsync(new DepartmentId(department), level, location, default);
                pending.IsCompletedSuccessfully.Should().BeTrue("the directory answers from memory");
                string? found = pending.Result?.Value;
                found.Should().Be(Scan(assignments, department, level, location), $"{department} L{level} {location}");
            }
        }, seed: "0000000410S0", iter: 2000, threads: 1);
    }

    [Fact]
    public async Task A_ward_officer_beats_a_district_officer_who_beats_the_department_desk()
    {
        var options = new GrievanceWorkflowOptions();
        options.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 1, Officer = "desk" });
        options.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 1, District = "Lucknow", Officer = "je-lucknow" });
        options.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 1, District = "Lucknow", Tehsil = "Sadar", Ward = "Ward 12", Officer = "je-ward-12" });
        var directory = new OptionsOfficerDirectory(Options.Create(options));

        (await directory.FindOfficerAsync(new DepartmentId("uppcl"), 1, new GrievanceLocation("Lucknow", "Sadar", "Ward 12"), default))!.Value.Value.Should().Be("je-ward-12");
        (await directory.FindOfficerAsync(new DepartmentId("UPPCL"), 1, new GrievanceLocation("lucknow", "Sadar", "Ward 3"), default))!.Value.Value.Should().Be("je-lucknow");
        (await directory.FindOfficerAsync(new DepartmentId("uppcl"), 1, new GrievanceLocation("Agra"), default))!.Value.Value.Should().Be("desk");
        (await directory.FindOfficerAsync(new DepartmentId("uppcl"), 2, new GrievanceLocation("Agra"), default)).Should().BeNull();
    }

    // The directory's rule, the simple way: the most specific matching assignment (ward, tehsil, district, department-wide); the
    // first listed among equals.
    private static string? Scan(OfficerAssignment[] assignments, string department, int level, GrievanceLocation location)
    {
        string? best = null;
        var bestScore = -1;
        foreach (var a in assignments)
        {
            if (a.Level != level || !Same(a.Department, department))
            {
                continue;
            }

            var matches = (a.District is null || Same(a.District, location.District)) && (a.Tehsil is null || Same(a.Tehsil, location.Tehsil)) && (a.Ward is null || Same(a.Ward, location.Ward));
            var score = !matches ? -1 : a.Ward is not null ? 3 : a.Tehsil is not null ? 2 : a.District is not null ? 1 : 0;
            if (score > bestScore)
            {
                (best, bestScore) = (a.Officer, score);
            }
        }

        return best;
    }

    private static bool Same(string a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
