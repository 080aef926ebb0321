using WiGuard.Kubernetes.Connection;
using WiGuard.TestSupport.FakeKubernetes;

namespace WiGuard.Kubernetes.Tests.Connection;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wiguard-kubeconfig-" + Guid.NewGuid().ToString("N"));
    private readonly TestPki _pki = TestPki.Create();

    [Fact]
    public async Task Load_TokenAndCaData_UsesCurrentContext()
    {
        var path = Kubeconfig.Write(_directory, new Uri("https://10.20.0.2:6443"), _pki.AuthorityPem, token: "abc.def");

        var connection = KubeconfigLoader.Load(path, TimeProvider.System);

        Assert.Equal(new Uri("https://10.20.0.2:6443"), connection.Server);
        Assert.Equal($"kubeconfig {path}, context fake", connection.Source);
        Assert.Equal(_pki.Authority.Thumbprint, Assert.Single(connection.CertificateAuthorities!).Thumbprint);
        Assert.False(connection.SkipTlsVerify);
        Assert.Null(connection.ClientCertificate);
        Assert.Equal("abc.def", await connection.Token!.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public void Load_ClientCertificateData_LoadsCertificateWithKey()
    {
        var path = Kubeconfig.Write(_directory, new Uri("https://10.20.0.2"), _pki.AuthorityPem,
            clientCertificatePem: _pki.ClientCertificatePem, clientKeyPem: _pki.ClientKeyPem);

        var connection = KubeconfigLoader.Load(path, TimeProvider.System);

        Assert.NotNull(connection.ClientCertificate);
        Assert.True(connection.ClientCertificate.HasPrivateKey);
        Assert.Equal(_pki.Client.Thumbprint, connection.ClientCertificate.Thumbprint);
        Assert.Null(connection.Token);
    }

    [Fact]
    public async Task Load_RelativeCaFileAndTokenFile_ResolvedAgainstKubeconfigFolder()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "certs"));
        File.WriteAllText(Path.Combine(_directory, "certs", "ca.pem"), _pki.AuthorityPem);
        File.WriteAllText(Path.Combine(_directory, "token"), "from-file\n");
        var path = Kubeconfig.WriteText(_directory, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority: certs/ca.pem
            users:
            - name: u
              user:
                tokenFile: token
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """);

        var connection = KubeconfigLoader.Load(path, TimeProvider.System);

        Assert.Single(connection.CertificateAuthorities!);
        Assert.Equal("from-file", await connection.Token!.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public void Load_ClientCertificateAndKeyFiles_LoadsThem()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "client.crt"), _pki.ClientCertificatePem);
        File.WriteAllText(Path.Combine(_directory, "client.key"), _pki.ClientKeyPem);
        var path = Write(Config(user: "client-certificate: client.crt\n    client-key: client.key"));

        var connection = KubeconfigLoader.Load(path, TimeProvider.System);

        Assert.Equal(_pki.Client.Thumbprint, connection.ClientCertificate!.Thumbprint);
        Assert.True(connection.ClientCertificate.HasPrivateKey);
    }

    [Fact]
    public void Load_ClientKeyFileMissing_NamesTheFile()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "client.crt"), _pki.ClientCertificatePem);
        var path = Write(Config(user: "client-certificate: client.crt\n    client-key: client.key"));

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.StartsWith($"kubeconfig {path} user \"u\" client-key client.key cannot be read: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TokenFileMissing_NamesTheResolvedPath()
    {
        var path = Write(Config(user: "tokenFile: secrets/token"));

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.Equal($"kubeconfig {path} user \"u\" tokenFile {Path.Combine(_directory, "secrets", "token")} does not exist", error.Message);
    }

    [Fact]
    public void Load_InsecureSkipTlsVerify_IsHonoured()
    {
        var path = Write(Config(cluster: "server: https://127.0.0.1:6443\n    insecure-skip-tls-verify: true"));

        var connection = KubeconfigLoader.Load(path, TimeProvider.System);

        Assert.True(connection.SkipTlsVerify);
        Assert.Null(connection.CertificateAuthorities);
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        var path = Path.Combine(_directory, "nope", "config");

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.StartsWith($"kubeconfig {path} cannot be read: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotYaml_NamesFileAndLine()
    {
        var path = Write("apiVersion: v1\nclusters:\n- name: c\n  cluster:\n    server: \"https://10.0.0.1\n");

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.StartsWith($"kubeconfig {path} is not a valid kubeconfig (line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ClustersIsAString_SaysNotAValidKubeconfig()
    {
        var path = Write("apiVersion: v1\nclusters: oops\n");

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.Equal(
            $"kubeconfig {path} is not a valid kubeconfig (line 2, column 11): a value has the wrong shape (a list or mapping where a single value belongs, or the other way round)",
            error.Message);
    }

    [Fact]
    public void Load_EmptyFile_SaysEmpty()
    {
        var path = Write("");

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.Equal($"kubeconfig {path} is empty", error.Message);
    }

    [Theory]
    [InlineData("current-context: \"\"", "has no current-context")]
    [InlineData("current-context: prod", "names current-context \"prod\" but has no context of that name")]
    public void Load_BadCurrentContext_SaysWhatIsWrong(string currentContext, string expected)
    {
        var path = Write(Config(currentContext: currentContext));

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.Equal($"kubeconfig {path} {expected}", error.Message);
    }

    [Fact]
    public void Load_ContextNamesUnknownCluster_SaysWhichCluster()
    {
        var path = Write(Config(contextCluster: "gke_proj_europe-west1_prod"));

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.Equal($"kubeconfig {path} context \"x\" names cluster \"gke_proj_europe-west1_prod\" but there is no cluster of that name", error.Message);
    }

    [Fact]
    public void Load_ContextNamesUnknownUser_SaysWhichUser()
    {
        var path = Write(Config(contextUser: "admin"));

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.Equal($"kubeconfig {path} context \"x\" names user \"admin\" but there is no user of that name", error.Message);
    }

    [Fact]
    public void Load_ExecPlugin_NamesThePluginAsUnsupported()
    {
        var path = Write(Config(user: """
            exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: gke-gcloud-auth-plugin
                  provideClusterInfo: true
            """));

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.Equal(
            $"kubeconfig {path} user \"u\" uses an exec credential plugin (gke-gcloud-auth-plugin), which WiGuard does not support; use a token, tokenFile or client certificate",
            error.Message);
    }

    [Fact]
    public void Load_AuthProvider_NamesTheProviderAsUnsupported()
    {
        var path = Write(Config(user: """
            auth-provider:
                  name: gcp
                  config: {cmd-path: /usr/bin/gcloud}
            """));

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.Contains("user \"u\" uses auth-provider \"gcp\", which WiGuard does not support", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CaDataNotBase64_SaysWhichField()
    {
        var path = Write(Config(cluster: "server: https://127.0.0.1:6443\n    certificate-authority-data: not*base64!"));

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.Equal($"kubeconfig {path} cluster \"c\" certificate-authority-data is not valid base64", error.Message);
    }

    [Fact]
    public void Load_CaDataNotPem_SaysNoCertificate()
    {
        var path = Write(Config(cluster: "server: https://127.0.0.1:6443\n    certificate-authority-data: aGVsbG8gd29ybGQ="));

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.Equal($"kubeconfig {path} cluster \"c\" certificate-authority-data holds no PEM certificate", error.Message);
    }

    [Fact]
    public void Load_ClientCertificateWithoutKey_SaysKeyMissing()
    {
        var data = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(_pki.ClientCertificatePem));
        var path = Write(Config(user: $"client-certificate-data: {data}"));

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.Equal($"kubeconfig {path} user \"u\" has a client-certificate but no client-key", error.Message);
    }

    [Theory]
    [InlineData("server: \"\"", "cluster \"c\" has no server")]
    [InlineData("server: 10.0.0.1:443", "cluster \"c\" server \"10.0.0.1:443\" is not an https:// URL")]
    public void Load_BadServer_SaysWhatIsWrong(string cluster, string expected)
    {
        var path = Write(Config(cluster: cluster));

        var error = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(path, TimeProvider.System));

        Assert.Equal($"kubeconfig {path} {expected}", error.Message);
    }

    public void Dispose()
    {
        _pki.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private string Write(string text) => Kubeconfig.WriteText(_directory, text);

    private static string Config(
        string cluster = "server: https://127.0.0.1:6443",
        string user = "token: abc",
        string contextCluster = "c",
        string contextUser = "u",
        string currentContext = "current-context: x") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            {cluster}
        users:
        - name: u
          user:
            {user}
        contexts:
        - name: x
          context:
            cluster: {contextCluster}
            user: {contextUser}
        {currentContext}
        """;
}
