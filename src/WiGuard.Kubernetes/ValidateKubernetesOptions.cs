using Microsoft.Extensions.Options;

namespace WiGuard.Kubernetes;

/// <summary>Reports every bad <c>WiGuard:Kubernetes</c> value at start-up, naming the key.</summary>
internal sealed class ValidateKubernetesOptions : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        var errors = new List<string>();
        if (options.ListPageSize <= 0)
            errors.Add($"{KubernetesOptions.Section}:ListPageSize must be a positive number (was {options.ListPageSize})");
        Positive(errors, nameof(options.RequestTimeout), options.RequestTimeout);
        Positive(errors, nameof(options.WatchTimeout), options.WatchTimeout);
        Positive(errors, nameof(options.InitialBackoff), options.InitialBackoff);
        if (options.MaxBackoff < options.InitialBackoff)
            errors.Add($"{KubernetesOptions.Section}:MaxBackoff ({options.MaxBackoff}) must not be shorter than InitialBackoff ({options.InitialBackoff})");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) errors.Add($"{KubernetesOptions.Section}:{key} must be longer than zero (was {value})");
    }
}
