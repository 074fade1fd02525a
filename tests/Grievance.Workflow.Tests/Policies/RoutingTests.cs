using FluentAssertions;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Policies;

public sealed class RoutingTests
{
    private static Seed WithRules() => new(o =>
    {
        o.Routing.Rules.Add(new RoutingRule { Category = "electricity", Department = "uppcl" });
        o.Routing.Rules.Add(new RoutingRule { Category = "electricity", District = "Lucknow", Department = "lesa" });
        o.Routing.Rules.Add(new RoutingRule { Category = "electricity", District = "Lucknow", Tehsil = "Sadar", Department = "lesa-sadar" });
        o.Routing.Rules.Add(new RoutingRule { Category = "electricity", SubCategory = "theft", District = "Lucknow", Department = "vigilance" });
        o.Routing.Rules.Add(new RoutingRule { Category = "electricity", Channel = "cm-office", District = "Lucknow", Tehsil = "Sadar", Ward = "Ward 12", Department = "cm-cell" });
        o.Routing.CategoryDepartments["water"] = "jal-nigam";
        o.Routing.Officers.Add(new OfficerAssignment { Department = "lesa-sadar", Level = 1, Officer = "lesa-sadar-desk" });
        o.Routing.Officers.Add(new OfficerAssignment { Department = "lesa-sadar", Level = 1, District = "Lucknow", Tehsil = "Sadar", Ward = "Ward 12", Officer = "je-ward-12" });
        o.Routing.Officers.Add(new OfficerAssignment { Department = "lesa", Level = 1, District = "Lucknow", Officer = "je-lucknow" });
    });

    private static RegisterGrievance Complaint(string category, string? sub, string district, string? tehsil, string? ward, Channel channel)
        => new(Seed.Agent, channel, new GrievanceCategory(category, sub), new GrievanceLocation(district, tehsil, ward), new Complainant("c-1"), "x");

    [Theory]
    [InlineData("electricity", null, "Agra", null, null, "helpline-1076", "uppcl")]
    [InlineData("electricity", null, "Lucknow", null, null, "helpline-1076", "lesa")]
    [InlineData("electricity", null, "Lucknow", "Sadar", "Ward 3", "helpline-1076", "lesa-sadar")]
    [InlineData("electricity", "theft", "Lucknow", "Mohanlalganj", null, "dm-portal", "vigilance")]
    [InlineData("electricity", null, "Lucknow", "Sadar", "Ward 12", "cm-office", "cm-cell")]
    [InlineData("electricity", null, "lucknow", "SADAR", null, "web", "lesa-sadar")]
    [InlineData("water", null, "Lucknow", null, null, "web", "jal-nigam")]
    public async Task The_most_specific_matching_rule_wins_then_the_categorys_default(string category, string? sub, string district, string? tehsil, string? ward, string channel, string expected)
    {
        using var seed = WithRules();

        var g = (await seed.Workflow.RegisterAsync(Complaint(category, sub, district, tehsil, ward, new Channel(channel)))).Grievance;

        g.Department.Should().Be(new DepartmentId(expected));
        g.Status.Should().Be(GrievanceStatus.PendingWithOfficer);
    }

    [Fact]
    public async Task The_officer_with_the_most_specific_area_gets_it_and_otherwise_the_department_wide_one()
    {
        using var seed = WithRules();

        var ward12 = (await seed.Workflow.RegisterAsync(Complaint("electricity", null, "Lucknow", "Sadar", "Ward 12", Channel.Web))).Grievance;
        var ward3 = (await seed.Workflow.RegisterAsync(Complaint("electricity", null, "Lucknow", "Sadar", "Ward 3", Channel.Web))).Grievance;
        var lucknow = (await seed.Workflow.RegisterAsync(Complaint("electricity", null, "Lucknow", "Bakshi Ka Talab", null, Channel.Web))).Grievance;
        var agra = (await seed.Workflow.RegisterAsync(Complaint("electricity", null, "Agra", null, null, Channel.Web))).Grievance;
        var water = (await seed.Workflow.RegisterAsync(Complaint("water", null, "Lucknow", null, null, Channel.Web))).Grievance;

        ward12.Officer.Should().Be(new OfficerId("je-ward-12"));
        ward3.Officer.Should().Be(new OfficerId("lesa-sadar-desk"));
        lucknow.Officer.Should().Be(new OfficerId("je-lucknow"));
        agra.Officer.Should().Be(Seed.UppclL1, "uppcl's L1 assignment has no area: it covers every district");
        water.Officer.Should().BeNull("jal-nigam has no officer listed: its desk holds it");
    }

    [Fact]
    public async Task With_no_rule_and_no_default_it_waits_in_triage_until_an_administrator_routes_it()
    {
        using var seed = WithRules();

        var g = (await seed.Workflow.RegisterAsync(Complaint("stray-dogs", null, "Lucknow", null, null, Channel.Web))).Grievance;
        g.Status.Should().Be(GrievanceStatus.Registered);
        var routed = await seed.Workflow.ExecuteAsync(new RouteGrievance(g.Id, Seed.Admin, new DepartmentId("nagar-nigam"), new OfficerId("zonal-officer-4")));

        routed.Grievance.Department.Should().Be(new DepartmentId("nagar-nigam"));
        routed.Grievance.Officer.Should().Be(new OfficerId("zonal-officer-4"), "an officer named by hand is kept");
    }

    [Fact]
    public async Task A_transfer_goes_to_the_new_departments_L1_officer_for_the_area()
    {
        using var seed = WithRules();
        var g = (await seed.Workflow.RegisterAsync(Complaint("water", null, "Lucknow", "Sadar", "Ward 12", Channel.Web))).Grievance;

        var moved = await seed.Workflow.ExecuteAsync(new TransferGrievance(g.Id, Seed.Agent, new DepartmentId("lesa-sadar"), "The complaint is about a transformer, not water."));

        moved.Grievance.Officer.Should().Be(new OfficerId("je-ward-12"));
        moved.Grievance.TransferCount.Should().Be(1);
    }
}
