using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Grievance.Workflow.WebApi.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.WebApi.Pages;

/// <summary>
/// The development sign-in: pick who you are (a complainant by id, an officer of the directory, an agent, an administrator). It
/// exists only with <c>Authentication:Development</c> on; in production the pages sign in through your identity provider, and
/// <see cref="ActorClaims"/> maps its claims the same way.
/// </summary>
internal sealed class SignInModel(IOptions<GrievanceWorkflowOptions> options, IServiceProvider services) : PageModel
{
    [BindProperty]
    [Required]
    public string Role { get; set; } = "complainant";

    [BindProperty]
    [StringLength(64)]
    public string? ComplainantId { get; set; }

    [BindProperty]
    public string? Officer { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The officers of the directory, as <c>department/level/officer</c> choices.</summary>
    public IReadOnlyList<(string Value, string Label)> Officers { get; } = options.Value.Routing.Officers
        .Select(o => ($"{o.Department}/{o.Level}/{o.Officer}", $"{o.Officer} ({o.Department} L{o.Level})")).ToList();

    private bool Enabled => services.GetService<DevelopmentTokens>() is not null;

    public IActionResult OnGet() => Enabled ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Enabled)
        {
            return NotFound();
        }

        var actor = Role switch
        {
            "complainant" => ActorClaims.Create(Role, ComplainantId ?? "", null, null),
            "officer" when Officer?.Split('/') is [var department, var level, var officer] => ActorClaims.Create(Role, officer, department, level),
            "helpline-agent" => ActorClaims.Create(Role, "agent-web", null, null),
            "administrator" => ActorClaims.Create(Role, "cm-office", null, null),
            _ => null,
        };
        if (actor is null)
        {
            ModelState.AddModelError(Role == "officer" ? nameof(Officer) : nameof(ComplainantId), DeskText.T("This field is required."));
            return Page();
        }

        var identity = new ClaimsIdentity(ActorClaims.Of(actor), CookieAuthenticationDefaults.AuthenticationScheme, ActorClaims.Subject, ActorClaims.Role);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : actor.Role == ActorRole.Officer ? "/desk/queue" : "/");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/");
    }
}
