using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.DependencyInjection;

/// <summary>
/// Fails the options, and so the host's start (the options are validated on start), when no store was chosen — with the message
/// that names the choices — instead of a desk silently running on memory. Thread-safe.
/// </summary>
internal sealed class StoreChosenValidator(IServiceProvider services) : IValidateOptions<GrievanceWorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, GrievanceWorkflowOptions options)
    {
        try
        {
            _ = services.GetService<Storage.IGrievanceStore>();
            return ValidateOptionsResult.Success;
        }
        catch (StoreNotChosenException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
