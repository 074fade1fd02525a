using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Feedback;

/// <summary>
/// The default feedback policy: a satisfied or dissatisfied answer is accepted as given; an unreachable complainant is called
/// again until <see cref="FeedbackOptions.MaxUnreachableAttempts"/> calls failed, then the grievance closes with no feedback
/// (or keeps waiting, when <see cref="FeedbackOptions.CloseWhenUnreachable"/> is off). A feedback window that passes with no answer
/// is treated the same way. The same for every channel.
/// </summary>
/// <remarks>Thread-safe; reads its options once.</remarks>
public sealed class DefaultFeedbackPolicy : IFeedbackPolicy
{
    private readonly FeedbackOptions _options;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">The workflow options; <see cref="GrievanceWorkflowOptions.Feedback"/> is used.</param>
    public DefaultFeedbackPolicy(IOptions<GrievanceWorkflowOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Feedback;
    }

    /// <inheritdoc />
    public ValueTask<FeedbackDecision> DecideAsync(FeedbackRequest request, CancellationToken cancellationToken)
    {
        var grievance = request.Grievance ?? throw new ArgumentException("The request is the default value.", nameof(request));
        if (request.Response == FeedbackResponse.WindowExpired)
        {
            return new(_options.CloseWhenUnreachable ? FeedbackDecision.CloseWithoutFeedback : FeedbackDecision.KeepWaiting);
        }

        if (request.Response != FeedbackResponse.NotReachable)
        {
            return new(FeedbackDecision.Accept);
        }

        var attempts = grievance.UnreachableAttempts + 1;
        return new(_options.CloseWhenUnreachable && attempts >= _options.MaxUnreachableAttempts
            ? FeedbackDecision.CloseWithoutFeedback
            : FeedbackDecision.KeepWaiting);
    }
}
