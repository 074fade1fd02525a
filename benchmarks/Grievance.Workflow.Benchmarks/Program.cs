using BenchmarkDotNet.Running;
using Grievance.Workflow.Benchmarks.Scale;

// "scale" runs the scale table on large stores (see ScaleRun); anything else goes to BenchmarkDotNet.
if (args is ["scale", ..])
{
    return await ScaleRun.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
