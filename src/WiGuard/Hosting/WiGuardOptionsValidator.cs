using Microsoft.Extensions.Options;
using WiGuard.Core.Configuration;
using WiGuard.Core.Identity;
using WiGuard.Core.Rules;
using WiGuard.Tls;

namespace WiGuard.Hosting;

/// <summary>Every configuration mistake at once, each naming its key, before the server takes traffic.</summary>
public sealed class WiGuardOptionsValidator : IValidateOptions<WiGuardOptions>
{
    public ValidateOptionsResult Validate(string? name, WiGuardOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode))
            errors.Add($"WiGuard:Mode must be Enforce, Warn or Off");
        if (options.WorkloadPool is { } pool && WorkloadPool.ProjectOf(pool) is null)
            errors.Add($"WiGuard:WorkloadPool must look like PROJECT_ID.svc.id.goog, got '{pool}'");
        if (options.ProjectNumber is { } number && (number.Length is < 6 or > 20 || !number.All(char.IsAsciiDigit)))
            errors.Add($"WiGuard:ProjectNumber must be the project's number (digits only), got '{number}'");
        foreach (var (id, action) in options.Rules)
        {
            if (RuleCatalog.Find(id) is null)
                errors.Add($"WiGuard:Rules:{id} is not a WiGuard rule (known: {string.Join(", ", RuleCatalog.All.Select(r => r.Id))})");
            if (!Enum.IsDefined(action))
                errors.Add($"WiGuard:Rules:{id} must be Deny, Warn or Off");
        }

        for (var i = 0; i < options.Exemptions.Count; i++)
        {
            var exemption = options.Exemptions[i];
            if (string.IsNullOrWhiteSpace(exemption.Namespace) || string.IsNullOrWhiteSpace(exemption.ServiceAccount) || string.IsNullOrWhiteSpace(exemption.Rule))
                errors.Add($"WiGuard:Exemptions:{i} needs Namespace, ServiceAccount and Rule (use * for any)");
            else if (exemption.Rule != "*" && RuleCatalog.Find(exemption.Rule) is null)
                errors.Add($"WiGuard:Exemptions:{i}:Rule '{exemption.Rule}' is not a WiGuard rule");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public sealed class TlsOptionsValidator : IValidateOptions<TlsOptions>
{
    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.CertPath) && !string.IsNullOrEmpty(options.KeyPath))
            errors.Add("WiGuard:Tls:KeyPath is set but WiGuard:Tls:CertPath is not");
        if (!string.IsNullOrEmpty(options.CertPath) && !File.Exists(options.CertPath))
            errors.Add($"WiGuard:Tls:CertPath: file not found: {options.CertPath}");
        if (!string.IsNullOrEmpty(options.KeyPath) && !File.Exists(options.KeyPath))
            errors.Add($"WiGuard:Tls:KeyPath: file not found: {options.KeyPath}");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
