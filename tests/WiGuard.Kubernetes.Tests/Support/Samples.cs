namespace WiGuard.Kubernetes.Tests.Support;

/// <summary>Objects as kubectl would apply them; <c>@NS</c>, <c>@NAME</c>… are filled in.</summary>
internal static class Samples
{
    public static string ServiceAccount(string ns, string name, string? gsa = null) => Fill(gsa is null
        ? """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"@NAME","namespace":"@NS"}}"""
        : """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"@NAME","namespace":"@NS","annotations":{"iam.gke.io/gcp-service-account":"@GSA"}}}""",
        ns, name, gsa);

    public static string Namespace(string name, string? mode = null) => Fill(mode is null
        ? """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"@NAME","labels":{"kubernetes.io/metadata.name":"@NAME"}},"spec":{"finalizers":["kubernetes"]}}"""
        : """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"@NAME","labels":{"kubernetes.io/metadata.name":"@NAME","wiguard.io/mode":"@MODE"}},"spec":{"finalizers":["kubernetes"]}}""",
        "", name, null, mode);

    public static string DenyAllEgress(string ns, string name) => Fill("""
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"@NAME","namespace":"@NS"},
         "spec":{"podSelector":{},"policyTypes":["Egress"]}}
        """, ns, name);

    public static string Pod(string ns, string name, string ksa) => Fill("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"@NAME","namespace":"@NS","labels":{"app":"web"}},
         "spec":{"serviceAccountName":"@KSA","containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}
        """, ns, name, ksa: ksa);

    public static string Deployment(string ns, string name, string ksa) => Fill("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"@NAME","namespace":"@NS"},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"@NAME"}},"template":{"metadata":{"labels":{"app":"@NAME"}},
           "spec":{"serviceAccountName":"@KSA","containers":[{"name":"app","image":"nginx:1.27"}]}}}}
        """, ns, name, ksa: ksa);

    public static string CronJob(string ns, string name, string ksa) => Fill("""
        {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"@NAME","namespace":"@NS"},
         "spec":{"schedule":"0 2 * * *","jobTemplate":{"spec":{"template":{"spec":{"serviceAccountName":"@KSA",
           "restartPolicy":"OnFailure","containers":[{"name":"job","image":"busybox:1.36","command":["true"]}]}}}}}}
        """, ns, name, ksa: ksa);

    public static string ConfigMap(string ns, string name, string key, string value) => Fill("""
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"@NAME","namespace":"@NS"},"data":{"@KEY":"@VALUE"}}
        """, ns, name).Replace("@KEY", key, StringComparison.Ordinal).Replace("@VALUE", value, StringComparison.Ordinal);

    private static string Fill(string template, string ns, string name, string? gsa = null, string? mode = null, string? ksa = null) =>
        template
            .Replace("@NS", ns, StringComparison.Ordinal)
            .Replace("@NAME", name, StringComparison.Ordinal)
            .Replace("@GSA", gsa ?? "", StringComparison.Ordinal)
            .Replace("@MODE", mode ?? "", StringComparison.Ordinal)
            .Replace("@KSA", ksa ?? "", StringComparison.Ordinal);
}
