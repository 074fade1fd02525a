using System.Text.Json;

namespace Grievance.Workflow.Demo.Replay;

/// <summary>A scenario file: where the clock starts, how complaints are routed, and the commands to replay, each with its line.</summary>
/// <param name="File">The file name, for messages.</param>
/// <param name="Start">When the clock starts.</param>
/// <param name="Levels">How many officer levels (L1…Ln).</param>
/// <param name="Routes">Category → department, with the officer of each level (L1 first), optionally per district.</param>
/// <param name="Commands">The commands, in order.</param>
/// <param name="ReopenWindowDays">When set (<c>"reopenWindowDays"</c>), complainants may reopen resolved grievances for that many days after the closure.</param>
/// <param name="SpecialClosure">Whether officers may propose special closures (<c>"specialClosure": true</c>), decided from L2.</param>
/// <param name="Intake">When set (<c>"intake"</c>), the shipped intake policy's limits and duplicate window.</param>
/// <param name="AppealWindowDays">When set (<c>"appealWindowDays"</c>), complainants may appeal for that many days after a closure (decided at the top level).</param>
/// <param name="Departments">The departments whose ladders differ from the global one (<c>"departments": { "revenue": { "levels", "slaDays", "onBreach" } }</c>).</param>
public sealed record Scenario(string File, DateTimeOffset Start, int Levels, IReadOnlyList<ScenarioRoute> Routes, IReadOnlyList<ScenarioCommand> Commands, int? ReopenWindowDays = null, bool SpecialClosure = false, ScenarioIntake? Intake = null, int? AppealWindowDays = null, IReadOnlyDictionary<string, ScenarioLadder>? Departments = null);

/// <summary>A department's ladder in a scenario.</summary>
/// <param name="Levels">Its levels, or <see langword="null"/> for the scenario's.</param>
/// <param name="SlaDays">Its officers' time limit in working days, or <see langword="null"/> for the global one.</param>
/// <param name="EscalateOnBreach">Whether a passed time limit moves a grievance up (<c>"onBreach": "escalate"</c>) or flags it (<c>"flag"</c>); <see langword="null"/> for the global rule.</param>
public sealed record ScenarioLadder(int? Levels, int? SlaDays, bool? EscalateOnBreach);

/// <summary>A scenario's intake settings (<c>"intake": { "maxPerDay", "maxPerCategoryPerDay", "atLimit", "duplicateWindowDays" }</c>).</summary>
/// <param name="MaxPerDay">Complaints one complainant may file a day, or <see langword="null"/> for no limit.</param>
/// <param name="MaxPerCategoryPerDay">Complaints of one category one complainant may file a day, or <see langword="null"/> for no limit.</param>
/// <param name="Flag">Whether a registration past a limit is taken and flagged (<c>"atLimit": "flag"</c>) instead of refused.</param>
/// <param name="DuplicateWindowDays">How many days back likely duplicates are looked for (0: not at all).</param>
public sealed record ScenarioIntake(int? MaxPerDay, int? MaxPerCategoryPerDay, bool Flag, int DuplicateWindowDays);

/// <summary>One routing rule of a scenario.</summary>
/// <param name="Category">The category code.</param>
/// <param name="Department">The department.</param>
/// <param name="District">The district, or <see langword="null"/> for every district.</param>
/// <param name="Officers">The officers, L1 first.</param>
public sealed record ScenarioRoute(string Category, string Department, string? District, IReadOnlyList<string> Officers);

/// <summary>One command of a scenario, as written, with its line.</summary>
/// <param name="Line">The line the command starts on.</param>
/// <param name="Index">Its index in the list, from 0.</param>
/// <param name="Json">Its JSON object.</param>
public sealed record ScenarioCommand(long Line, int Index, JsonElement Json);
