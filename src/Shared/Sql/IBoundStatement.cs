using System;
using System.Collections.Generic;

namespace Grievance.Workflow.Storage.Sql;

/// <summary>
/// A statement compiled once on a connection and run again with new values, bound by position: for an engine whose driver looks
/// every parameter up by name at each execution (see <see cref="SqlDialect.Compile"/>). Source shared by the adapters, not a
/// public API. Not thread-safe: one transaction's.
/// </summary>
internal interface IBoundStatement : IDisposable
{
    /// <summary>Runs the statement with <paramref name="values"/> bound to the parameters <paramref name="names"/> and returns the rows it changed.</summary>
    /// <param name="names">The parameters' names, without <c>@</c>: the same names, in the same order, at every run.</param>
    /// <param name="values">Their values: <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="bool"/> or <see langword="null"/>.</param>
    /// <returns>The rows changed.</returns>
    int Execute(IReadOnlyList<string> names, IReadOnlyList<object?> values);
}
