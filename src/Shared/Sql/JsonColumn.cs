namespace Grievance.Workflow.Storage.Sql;

/// <summary>The SQL type of a value read from a JSON row (<see cref="SqlDialect.JsonRows"/>). Source shared by the adapters, not a public API.</summary>
internal enum JsonColumn
{
    /// <summary>A 32-bit integer.</summary>
    Integer,

    /// <summary>A 64-bit integer.</summary>
    BigInteger,

    /// <summary>Text.</summary>
    Text,
}
