using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Rules.Pods;

/// <summary>WI013: a container points GOOGLE_APPLICATION_CREDENTIALS at an exported GSA key.</summary>
public sealed class ExportedKeyRule : IRule
{
    public const string CredentialsVariable = "GOOGLE_APPLICATION_CREDENTIALS";

    public string Id => "WI013";

    public RuleAction DefaultAction => RuleAction.Warn;

    public string Summary => $"An exported GSA key is used: {CredentialsVariable} env, or a secret volume or secretKeyRef feeding it";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        if (context.Subject.PodTemplate is not { } template) yield break;

        foreach (var (container, path) in template.AllContainers())
        {
            // An empty value with no source leaves ADC on the metadata server, as if unset.
            var variable = container.Env?.FirstOrDefault(e => e.Name == CredentialsVariable);
            if (variable is null || (string.IsNullOrEmpty(variable.Value) && variable.ValueFrom is null)) continue;

            var use = Describe(template, container, variable);
            yield return context.Finding(
                this,
                use.Message,
                "A GSA key file is a long-lived secret that can leak and must be rotated by hand, and it overrides " +
                "Workload Identity: the container acts as the key's GSA whatever its KSA says.",
                ExportedKeyFix.For(context, template, path, use.Secret, use.SecretKey));
        }
    }

    private static (string Message, string? Secret, string? SecretKey) Describe(PodTemplate template, Container container, EnvVar variable)
    {
        var name = container.Name ?? "(unnamed)";
        if (variable.ValueFrom?.SecretKeyRef is { } secretRef)
            return ($"container '{name}' reads {CredentialsVariable} from secret '{secretRef.Name}': an exported key", secretRef.Name, secretRef.Key);

        if (variable.ValueFrom?.ConfigMapKeyRef is { } configMapRef)
            return ($"container '{name}' takes {CredentialsVariable} from configMap '{configMapRef.Name}'", null, null);

        var file = variable.Value ?? "";
        if (SecretMountedAt(template, container, file) is { } secret)
            return ($"container '{name}' uses a key file from secret '{secret}' via {CredentialsVariable}", secret, FileName(file));

        return ($"container '{name}' points {CredentialsVariable} at key file {file}", null, null);
    }

    /// <summary>The secret behind the deepest volume mount that holds <paramref name="file"/>, if it is a secret.</summary>
    private static string? SecretMountedAt(PodTemplate template, Container container, string file)
    {
        var mount = container.VolumeMounts?
            .Where(m => m.MountPath is { Length: > 0 } dir && Holds(dir, m.SubPath, file))
            .OrderByDescending(m => m.MountPath!.Length)
            .FirstOrDefault();
        var volume = template.Spec.Volumes?.FirstOrDefault(v => mount is not null && v.Name == mount.Name);
        return volume?.Secret?.SecretName
            ?? volume?.Projected?.Sources?.Select(s => s.Secret?.Name).FirstOrDefault(n => !string.IsNullOrEmpty(n));
    }

    // A subPath mount is the file itself; otherwise the mount is a directory that may contain the file.
    private static bool Holds(string mountPath, string? subPath, string file) =>
        !string.IsNullOrEmpty(subPath)
            ? string.Equals(mountPath, file, StringComparison.Ordinal)
            : file.StartsWith(mountPath.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static string? FileName(string file) => file.Length == 0 ? null : file[(file.LastIndexOf('/') + 1)..];
}
