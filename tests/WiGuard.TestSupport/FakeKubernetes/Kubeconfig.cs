using System.Text;

namespace WiGuard.TestSupport.FakeKubernetes;

/// <summary>Writes kubeconfig files the way kubectl and gcloud do, for tests that load real files.</summary>
public static class Kubeconfig
{
    /// <summary>A kubeconfig whose current context reaches <paramref name="server"/> with a token or a client certificate.</summary>
    public static string Write(
        string directory,
        Uri server,
        string? caPem,
        string? token = null,
        string? clientCertificatePem = null,
        string? clientKeyPem = null,
        string fileName = "config")
    {
        var user = new StringBuilder();
        if (token is not null) user.Append("    token: ").AppendLine(token);
        if (clientCertificatePem is not null) user.Append("    client-certificate-data: ").AppendLine(Base64(clientCertificatePem));
        if (clientKeyPem is not null) user.Append("    client-key-data: ").AppendLine(Base64(clientKeyPem));
        if (user.Length == 0) user.AppendLine("    {}");

        var ca = caPem is null ? "" : $"    certificate-authority-data: {Base64(caPem)}\n";
        var text = $"""
            apiVersion: v1
            kind: Config
            preferences: {"{}"}
            clusters:
            - cluster:
            {ca}    server: {server.ToString().TrimEnd('/')}
              name: fake-cluster
            contexts:
            - context:
                cluster: fake-cluster
                user: wiguard
                namespace: default
              name: fake
            - context:
                cluster: other-cluster
                user: other
              name: unused
            current-context: fake
            users:
            - name: wiguard
              user:
            {user}
            """;
        return WriteText(directory, text, fileName);
    }

    public static string WriteText(string directory, string text, string fileName = "config")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
}
