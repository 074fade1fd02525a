using System.Text.Json.Nodes;
using Grievance.Workflow.WebApi.Requests;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Grievance.Workflow.WebApi;

/// <summary>
/// The OpenAPI document's additions to what the framework generates: the bearer scheme every endpoint but tracking and health
/// asks for, and examples of the request bodies a desk sends most.
/// </summary>
internal static class DeskOpenApi
{
    public const string Scheme = "Bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Grievance desk API";
            document.Info.Description = "Register, route, act on, track and report on public grievances. Errors are RFC 9457 problems with a stable `code`.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token whose claims name the caller: sub, role (complainant, helpline-agent, officer, administrator); officers also department and level.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var secured = context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any();
            if (secured)
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] }];
            }

            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
            {
                schema.Examples = [JsonNode.Parse(example)!];
            }

            return Task.CompletedTask;
        });
    }

    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(RegisterRequest)] = """{"channel":"helpline-1076","category":"electricity","district":"Lucknow","tehsil":"Sadar","complainantId":"c-5f2a","name":"Ram Prasad","phone":"+91-9800000042","description":"No power in Aliganj since Monday."}""",
        [typeof(ReportRequest)] = """{"report":"Transformer replaced on 14 Nov; supply restored."}""",
        [typeof(FeedbackRequest)] = """{"response":"Dissatisfied","reason":"Supply fails again every evening.","rating":2}""",
        [typeof(TransferRequest)] = """{"department":"jal-nigam","reason":"A water main, not an electricity fault."}""",
        [typeof(ExtendRequest)] = """{"newDueAt":"2026-12-10T18:00:00+05:30","reason":"Awaiting the transformer from the store."}""",
    };
}
