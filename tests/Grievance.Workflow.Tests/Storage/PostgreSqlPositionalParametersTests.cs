using FluentAssertions;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Testing;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Storage;

/// <summary>The PostgreSQL store's row writes go with positional parameters, so that Npgsql sends them without parsing them.</summary>
[SkipUnlessEnvironmentVariable(PostgreSqlStoreConformanceTests.EnvironmentVariable, "a PostgreSQL connection string, for example Host=localhost;Username=grievance;Password=…;Database=grievance_tests")]
public sealed class PostgreSqlPositionalParametersTests : IAsyncLifetime
{
    private readonly PostgreSqlSchema _schema = new("positional");

    /// <inheritdoc />
    public Task InitializeAsync() => _schema.CreateAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => _schema.DropAsync();

    [StoreFact]
    public async Task A_registration_and_a_report_write_their_rows_with_positional_parameters_each_text_rewritten_once()
    {
        var store = new PostgreSqlGrievanceStore(_schema.Scoped);
        using (var seed = new Seed(build: b => b.UseStore(_ => store)))
        {
            var reported = await seed.ReportAsync(await seed.RegisterAsync());
            var afterOne = store.Positional.Count;

            await seed.ReportAsync(await seed.RegisterAsync());

            // The grievance row, its history row and outbox events, the report's conditional update: each text once.
            afterOne.Should().BeGreaterThanOrEqualTo(4);
            store.Positional.Count.Should().Be(afterOne, "a text is rewritten once, then reused");
            reported.Status.Should().Be(GrievanceStatus.AwaitingFeedback);
        }
    }
}
