namespace Grievance.Workflow.Storage.Sql;

/// <summary>The SQL type of a column of rows bound as one parameter (<see cref="SqlDialect.RowsOf"/>). Source shared by the adapters, not a public API.</summary>
internal enum RowColumn
{
    /// <summary>A 32-bit integer: the column's values are an <see cref="int"/> array.</summary>
    Integer,

    /// <summary>A 64-bit integer: the column's values are a <see cref="long"/> array.</summary>
    BigInteger,

    /// <summary>Text: the column's values are a <see cref="string"/> array.</summary>
    Text,
}
