using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Grievance.Workflow.Import;

namespace Grievance.Workflow.Demo.Import;

/// <summary>
/// The import file: JSON lines (UTF-8, one <see cref="ImportedGrievance"/> per line, web casing, enums by name, no nulls). A line
/// that is not a record stops the read with <see cref="InvalidDataException"/> naming the line; a record that is one but fails the
/// importer's checks is counted and listed by the importer instead.
/// </summary>
public static class ImportFile
{
    /// <summary>The serializer settings of the format.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads the records of a file, one line at a time.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records, in file order.</returns>
    /// <exception cref="InvalidDataException">A line is not a record.</exception>
    public static async IAsyncEnumerable<ImportedGrievance> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ImportedGrievance? record;
            try
            {
                record = JsonSerializer.Deserialize<ImportedGrievance>(line, Json);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException)
            {
                throw new InvalidDataException($"Line {number} of {Path.GetFileName(path)} is not an import record: {ex.GetType().Name} at {(ex as JsonException)?.Path ?? "?"}.", ex);
            }

            yield return record ?? throw new InvalidDataException($"Line {number} of {Path.GetFileName(path)} is null.");
        }
    }

    /// <summary>Writes records to a file, one line each.</summary>
    /// <param name="path">The file, replaced if it exists.</param>
    /// <param name="records">The records.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many were written.</returns>
    public static async Task<long> WriteAsync(string path, IEnumerable<ImportedGrievance> records, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        var written = 0L;
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(JsonSerializer.Serialize(record, Json));
            written++;
        }

        return written;
    }
}
