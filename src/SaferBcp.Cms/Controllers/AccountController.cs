using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using QRCoder;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Controllers;

/// <summary>
/// Staff sign-in with lockout and a per-address rate limit, authenticator-app two-factor (every account must set it
/// up), password change and sign-out. A failed sign-in says the same whether the user name is unknown, the password
/// wrong or the account locked, so the page never tells which user names exist.
/// </summary>
[Route("account")]
public sealed class AccountController : Controller
{
    public const string SignInFailedMessage = "The user name or password is not right, or the account is locked for 15 minutes after too many failed attempts";
    public const string CodeFailedMessage = "The code is not right, or the account is locked for 15 minutes after too many failed attempts. Enter the 6-digit code your app shows now";

    // Hashed once: checking an unknown user's password against it takes as long as checking a real one.
    private static readonly Lazy<string> UnknownUserHash = new(() => new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), Guid.NewGuid().ToString("N")));

    private readonly SignInManager<PortalUser> _signIn;
    private readonly UserManager<PortalUser> _users;
    private readonly AuditLog _audit;
    private readonly FirstAdministratorPasswordFile _firstAdminPassword;

    public AccountController(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, AuditLog audit, FirstAdministratorPasswordFile firstAdminPassword)
    {
        _signIn = signIn;
        _users = users;
        _audit = audit;
        _firstAdminPassword = firstAdminPassword;
    }

    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl = null)
    {
        ViewData["Title"] = "Sign in";
        return View(new SignInForm { ReturnUrl = returnUrl });
    }

    [HttpPost("sign-in")]
    [EnableRateLimiting(SignInRateLimiting.Policy)]
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        ViewData["Title"] = "Sign in";
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var user = await _users.FindByNameAsync(form.UserName!) ?? await _users.FindByEmailAsync(form.UserName!);
        if (user is null)
        {
            _users.PasswordHasher.VerifyHashedPassword(new PortalUser(), UnknownUserHash.Value, form.Password!);
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await _signIn.PasswordSignInAsync(user, form.Password!, isPersistent: false, lockoutOnFailure: true);

        if (result.Succeeded)
        {
            await _audit.WriteAsync("account.signed-in", "Account", user!.Id, null, user.UserName, user.Id);
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactorSignIn), new { returnUrl = form.ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            await _audit.WriteAsync("account.locked-out", "Account", user!.Id, "Too many failed sign-ins", user.UserName, user.Id);
        }
        else
        {
            await _audit.WriteAsync("account.signin-failed", "Account", user?.Id, user is null ? "Unknown user name" : "Wrong password", user?.UserName ?? "unknown", user?.Id);
        }

        ModelState.AddModelError(nameof(SignInForm.UserName), SignInFailedMessage);
        return View(form);
    }

    [HttpGet("two-factor-sign-in")]
    public async Task<IActionResult> TwoFactorSignIn(string? returnUrl = null)
    {
        if (await _signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        ViewData["Title"] = "Enter the code from your authenticator app";
        return View(new TwoFactorForm { ReturnUrl = returnUrl });
    }

    [HttpPost("two-factor-sign-in")]
    [EnableRateLimiting(SignInRateLimiting.Policy)]
    public async Task<IActionResult> TwoFactorSignIn(TwoFactorForm form)
    {
        ViewData["Title"] = "Enter the code from your authenticator app";
        var user = await _signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var code = Normalize(form.Code);
        var result = code.Length > 6
            ? await _signIn.TwoFactorRecoveryCodeSignInAsync(form.Code!.Trim())
            : await _signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await _audit.WriteAsync("account.signed-in", "Account", user.Id, "With two-factor authentication", user.UserName, user.Id);
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }

        await _audit.WriteAsync(result.IsLockedOut ? "account.locked-out" : "account.signin-failed", "Account", user.Id, "Wrong two-factor code", user.UserName, user.Id);
        ModelState.AddModelError(nameof(TwoFactorForm.Code), CodeFailedMessage);
        return View(form);
    }

    [Authorize]
    [HttpGet("change-password")]
    public IActionResult ChangePassword()
    {
        ViewData["Title"] = "Change your password";
        return View(new ChangePasswordForm());
    }

    [Authorize]
    [HttpPost("change-password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        ViewData["Title"] = "Change your password";
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var user = await _users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        var result = await _users.ChangePasswordAsync(user, form.CurrentPassword!, form.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword);
                ModelState.AddModelError(field, error.Code == "PasswordMismatch" ? "Your current password is not right" : error.Description);
            }

            return View(form);
        }

        user.MustChangePassword = false;
        await _users.UpdateAsync(user);
        if (_firstAdminPassword.UserName() == user.UserName)
        {
            _firstAdminPassword.Delete();
        }

        await _signIn.RefreshSignInAsync(user);
        await _audit.WriteAsync("account.password-changed", "Account", user.Id, null, user.UserName, user.Id);
        TempData["Notice"] = "Your password has been changed";
        return Redirect(user.TwoFactorEnabled ? "/admin" : AccountRequirementsMiddleware.TwoFactorSetupPath + "?required=true");
    }

    [Authorize]
    [HttpGet("two-factor")]
    public async Task<IActionResult> TwoFactor(bool required = false)
    {
        var user = await _users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        ViewData["Title"] = "Two-factor authentication";
        return View(await BuildSetupAsync(user, required));
    }

    [Authorize]
    [HttpPost("two-factor")]
    [EnableRateLimiting(SignInRateLimiting.Policy)]
    public async Task<IActionResult> TwoFactor(TwoFactorForm form, bool required = false)
    {
        var user = await _users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        ViewData["Title"] = "Two-factor authentication";
        var valid = ModelState.IsValid && await _users.VerifyTwoFactorTokenAsync(user, _users.Options.Tokens.AuthenticatorTokenProvider, Normalize(form.Code));
        if (!valid)
        {
            ModelState.AddModelError(nameof(TwoFactorForm.Code), "The code is not right. Enter the 6-digit code your app shows now");
            return View(await BuildSetupAsync(user, required));
        }

        await _users.SetTwoFactorEnabledAsync(user, true);
        var codes = await _users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await _signIn.RefreshSignInAsync(user);
        await _audit.WriteAsync("account.two-factor-enabled", "Account", user.Id, null, user.UserName, user.Id);
        ViewData["Title"] = "Two-factor authentication is on";
        return View("RecoveryCodes", codes?.ToList() ?? []);
    }

    [HttpPost("sign-out")]
    public async Task<IActionResult> SignOutNow()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await _audit.WriteAsync("account.signed-out", "Account", _users.GetUserId(User));
        }

        await _signIn.SignOutAsync();
        return Redirect("/account/sign-in");
    }

    [HttpGet("access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = 403;
        ViewData["Title"] = "You do not have permission to see this page";
        return View("~/Views/Site/Forbidden.cshtml");
    }

    private async Task<TwoFactorSetup> BuildSetupAsync(PortalUser user, bool required)
    {
        var key = await _users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await _users.ResetAuthenticatorKeyAsync(user);
            key = await _users.GetAuthenticatorKeyAsync(user);
        }

        var uri = $"otpauth://totp/{Uri.EscapeDataString("Safer BCP")}:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer={Uri.EscapeDataString("Safer BCP")}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(5);
        return new TwoFactorSetup
        {
            Enabled = user.TwoFactorEnabled,
            Required = required,
            SharedKey = FormatKey(key!),
            QrCodeDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg)),
        };
    }

    private static string FormatKey(string key)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            builder.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return builder.ToString().ToLowerInvariant().TrimEnd();
    }

    private static string Normalize(string? code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    private string SafeReturnUrl(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/admin";
}

public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your user name or email address")]
    [StringLength(256)]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Enter your password")]
    [StringLength(200)]
    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorForm
{
    [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app")]
    [StringLength(20)]
    public string? Code { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordForm
{
    [Required(ErrorMessage = "Enter your current password")]
    public string? CurrentPassword { get; set; }

    [Required(ErrorMessage = "Enter a new password")]
    [StringLength(200, MinimumLength = 12, ErrorMessage = "Your new password must be at least 12 characters")]
    public string? NewPassword { get; set; }

    [Required(ErrorMessage = "Enter your new password again")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords do not match")]
    public string? ConfirmPassword { get; set; }
}

public sealed class TwoFactorSetup
{
    public bool Enabled { get; set; }

    public bool Required { get; set; }

    public string SharedKey { get; set; } = "";

    public string QrCodeDataUri { get; set; } = "";
}
