namespace Grievance.Workflow;

/// <summary>The fixed size limits that every store and every command honours.</summary>
public static class GrievanceLimits
{
    /// <summary>The most characters a description, report, reason or remark may have: 4,000, as in Open311 GeoReport v2.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The most characters an identifier (department, officer, actor, category, command id…) may have: 128.</summary>
    public const int MaxIdentifierLength = 128;

    /// <summary>The most officer levels a ladder may have: 10.</summary>
    public const int MaxLevels = 10;

    /// <summary>The most commands or changes one batch may hold (<see cref="IGrievanceWorkflow.ExecuteManyAsync"/>, <see cref="Storage.IGrievanceBatchStore"/>): 1,000.</summary>
    public const int MaxBatchSize = 1000;
}
