namespace Grievance.Workflow.Tests.Support;

/// <summary>The repository the tests run in: its root folder, found above the test's output folder.</summary>
internal static class Repository
{
    /// <summary>Gets the folder that holds Grievance.Workflow.sln and README.md.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Grievance.Workflow.sln")) && File.Exists(Path.Combine(directory.FullName, "README.md")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests run from within the repository: no folder above the test's holds Grievance.Workflow.sln.");
    }
}
