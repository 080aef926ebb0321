using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace WiGuard.Kubernetes.Connection;

/// <summary>
/// Reads a kubeconfig file's current context into a <see cref="ClusterConnection"/>. Every
/// error names the file and what is wrong, because it is shown once at start-up and in /readyz.
/// </summary>
public static class KubeconfigLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <exception cref="KubernetesConfigException">The file is missing, not YAML, or its current context cannot be used.</exception>
    public static ClusterConnection Load(string path, TimeProvider time)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Error(fullPath, $"cannot be read: {ex.Message}");
        }

        KubeconfigDocument? document;
        try
        {
            document = Deserializer.Deserialize<KubeconfigDocument>(text);
        }
        catch (YamlException ex)
        {
            throw Error(fullPath, $"is not a valid kubeconfig (line {ex.Start.Line}, column {ex.Start.Column}): {YamlReason(ex)}");
        }

        if (document is null) throw Error(fullPath, "is empty");
        return new Reader(fullPath, time).Read(document);
    }

    private static string YamlReason(YamlException ex)
    {
        // Syntax errors carry a readable reason; deserialisation errors name .NET types, which help nobody.
        if (ex is not (SyntaxErrorException or SemanticErrorException))
            return "a value has the wrong shape (a list or mapping where a single value belongs, or the other way round)";

        var message = (ex.InnerException as YamlException ?? ex).Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut < 0 ? message : message[(cut + 3)..];
    }

    private static KubernetesConfigException Error(string path, string what) => new($"kubeconfig {path} {what}");

    private sealed class Reader(string path, TimeProvider time)
    {
        private readonly string _directory = System.IO.Path.GetDirectoryName(path) ?? ".";

        public ClusterConnection Read(KubeconfigDocument document)
        {
            if (string.IsNullOrEmpty(document.CurrentContext)) throw Fail("has no current-context");

            var contextName = document.CurrentContext;
            var context = document.Contexts?.FirstOrDefault(c => c.Name == contextName)?.Context
                ?? throw Fail($"names current-context \"{contextName}\" but has no context of that name");

            if (string.IsNullOrEmpty(context.Cluster)) throw Fail($"context \"{contextName}\" names no cluster");
            var cluster = document.Clusters?.FirstOrDefault(c => c.Name == context.Cluster)?.Cluster
                ?? throw Fail($"context \"{contextName}\" names cluster \"{context.Cluster}\" but there is no cluster of that name");

            KubeconfigUser? user = null;
            if (!string.IsNullOrEmpty(context.User))
            {
                user = document.Users?.FirstOrDefault(u => u.Name == context.User)?.User
                    ?? throw Fail($"context \"{contextName}\" names user \"{context.User}\" but there is no user of that name");
            }

            var server = ParseServer(context.Cluster, cluster.Server);
            return new ClusterConnection
            {
                Server = server,
                Source = $"kubeconfig {path}, context {contextName}",
                CertificateAuthorities = CertificateAuthorities(context.Cluster, cluster),
                SkipTlsVerify = cluster.InsecureSkipTlsVerify,
                ClientCertificate = user is null ? null : ClientCertificate(context.User!, user),
                Token = user is null ? null : Token(context.User!, user),
            };
        }

        private Uri ParseServer(string clusterName, string? server)
        {
            if (string.IsNullOrWhiteSpace(server)) throw Fail($"cluster \"{clusterName}\" has no server");
            if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw Fail($"cluster \"{clusterName}\" server \"{server}\" is not an https:// URL");
            return uri;
        }

        private X509Certificate2Collection? CertificateAuthorities(string clusterName, KubeconfigCluster cluster)
        {
            string pem;
            string where;
            if (!string.IsNullOrWhiteSpace(cluster.CertificateAuthorityData))
            {
                where = $"cluster \"{clusterName}\" certificate-authority-data";
                pem = Base64(where, cluster.CertificateAuthorityData);
            }
            else if (!string.IsNullOrWhiteSpace(cluster.CertificateAuthority))
            {
                where = $"cluster \"{clusterName}\" certificate-authority {cluster.CertificateAuthority}";
                pem = ReadFile(where, cluster.CertificateAuthority);
            }
            else
            {
                return null;
            }

            var collection = new X509Certificate2Collection();
            try
            {
                collection.ImportFromPem(pem);
            }
            catch (CryptographicException ex)
            {
                throw Fail($"{where} is not a PEM certificate: {ex.Message}");
            }

            if (collection.Count == 0) throw Fail($"{where} holds no PEM certificate");
            return collection;
        }

        private X509Certificate2? ClientCertificate(string userName, KubeconfigUser user)
        {
            var certPem = Material(userName, "client-certificate", user.ClientCertificateData, user.ClientCertificate);
            var keyPem = Material(userName, "client-key", user.ClientKeyData, user.ClientKey);
            if (certPem is null && keyPem is null) return null;
            if (certPem is null) throw Fail($"user \"{userName}\" has a client-key but no client-certificate");
            if (keyPem is null) throw Fail($"user \"{userName}\" has a client-certificate but no client-key");

            try
            {
                using var ephemeral = X509Certificate2.CreateFromPem(certPem, keyPem);
                // SslStream needs a key it can use for the handshake; a PKCS#12 round trip gives one on every platform.
                return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
            }
            catch (CryptographicException ex)
            {
                throw Fail($"user \"{userName}\" client certificate and key cannot be used: {ex.Message}");
            }
        }

        private ITokenSource? Token(string userName, KubeconfigUser user)
        {
            if (user.Exec is not null)
                throw Fail($"user \"{userName}\" uses an exec credential plugin ({user.Exec.Command ?? "no command"}), which WiGuard does not support; use a token, tokenFile or client certificate");
            if (user.AuthProvider is not null)
                throw Fail($"user \"{userName}\" uses auth-provider \"{user.AuthProvider.Name}\", which WiGuard does not support; use a token, tokenFile or client certificate");
            if (!string.IsNullOrEmpty(user.Username))
                throw Fail($"user \"{userName}\" uses basic authentication (username/password), which WiGuard does not support");

            if (!string.IsNullOrWhiteSpace(user.Token)) return new StaticTokenSource(user.Token.Trim());
            if (!string.IsNullOrWhiteSpace(user.TokenFile))
            {
                var file = Resolve(user.TokenFile);
                if (!File.Exists(file)) throw Fail($"user \"{userName}\" tokenFile {file} does not exist");
                return new FileTokenSource(file, time);
            }

            return null;
        }

        private string? Material(string userName, string key, string? data, string? file)
        {
            if (!string.IsNullOrWhiteSpace(data)) return Base64($"user \"{userName}\" {key}-data", data);
            if (!string.IsNullOrWhiteSpace(file)) return ReadFile($"user \"{userName}\" {key} {file}", file);
            return null;
        }

        private string Base64(string where, string data)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data.Trim()));
            }
            catch (FormatException)
            {
                throw Fail($"{where} is not valid base64");
            }
        }

        private string ReadFile(string where, string file)
        {
            var resolved = Resolve(file);
            try
            {
                return File.ReadAllText(resolved);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Fail($"{where} cannot be read: {ex.Message}");
            }
        }

        // kubectl resolves relative paths against the kubeconfig's own folder.
        private string Resolve(string file) => System.IO.Path.GetFullPath(file, _directory);

        private KubernetesConfigException Fail(string what) => Error(path, what);
    }
}
