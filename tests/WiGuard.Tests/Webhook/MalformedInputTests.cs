using System.Net;
using System.Text;
using System.Text.Json;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Webhook;

/// <summary>Every client mistake gets a precise JSON error over real HTTPS, and the server keeps serving.</summary>
public sealed class MalformedInputTests : IAsyncLifetime
{
    private WebhookServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { "not JSON", "hello, webhook", "not a valid AdmissionReview" },
        { "truncated JSON", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1""", "line 1" },
        { "JSON null", "null", "JSON null" },
        { "JSON array", "[]", "not a valid AdmissionReview" },
        { "v1beta1 review", """{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"1","kind":{"kind":"Pod"},"operation":"CREATE"}}""", "apiVersion must be admission.k8s.io/v1" },
        { "wrong kind", """{"apiVersion":"admission.k8s.io/v1","kind":"ConversionReview","request":{"uid":"1"}}""", "kind must be AdmissionReview" },
        { "no request", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "has no request" },
        { "no uid", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"kind":{"kind":"Pod"},"operation":"CREATE"}}""", "request.uid is missing" },
        { "no operation", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","kind":{"kind":"Pod"}}}""", "request.operation is missing" },
        { "uid of the wrong type", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":42}}""", "$.request.uid" },
        { "object missing on CREATE", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","kind":{"group":"","version":"v1","kind":"Pod"},"namespace":"apps","operation":"CREATE"}}""", "request.object is missing" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Validate_MalformedBody_Answers400WithProblemNamingIt(string _, string body, string expected)
    {
        using var response = await _server.PostAsync(body);

        await AssertProblem(response, HttpStatusCode.BadRequest, expected);
        await AssertStillServing();
    }

    [Fact]
    public async Task Validate_ObjectOfAnotherKind_Answers400()
    {
        var review = Reviews.For(Reviews.ServiceAccount("apps", "app-ksa")).Replace("\"kind\":\"ServiceAccount\",\"metadata\"", "\"kind\":\"Pod\",\"metadata\"", StringComparison.Ordinal);

        using var response = await _server.PostAsync(review);

        await AssertProblem(response, HttpStatusCode.BadRequest, "does not match request.kind ServiceAccount");
    }

    [Fact]
    public async Task Validate_ObjectWhoseFieldsHaveTheWrongShape_Answers400NamingTheField()
    {
        const string pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"apps"},"spec":{"containers":"nginx"}}""";

        using var response = await _server.PostAsync(Reviews.For(pod));

        await AssertProblem(response, HttpStatusCode.BadRequest, "spec.containers");
    }

    [Fact]
    public async Task Validate_JsonNestedAbsurdlyDeep_Answers400()
    {
        var deep = new StringBuilder("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","x":""");
        for (var i = 0; i < 5000; i++) deep.Append('[');
        for (var i = 0; i < 5000; i++) deep.Append(']');
        deep.Append("}}");

        using var response = await _server.PostAsync(deep.ToString());

        await AssertProblem(response, HttpStatusCode.BadRequest, "depth");
        await AssertStillServing();
    }

    [Fact]
    public async Task Validate_BodyOverEightMebibytes_Answers413BeforeReadingIt()
    {
        var padding = new string('a', 8 * 1024 * 1024 + 10);
        var body = $$$"""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","padding":"{{{padding}}}"}}""";
        using var client = _server.Client();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        // With Expect: 100-continue the client learns of the refusal before sending 8 MiB.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/validate") { Content = content };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "8 MiB");
        await AssertStillServing();
    }

    [Fact]
    public async Task Validate_ChunkedBodyOverEightMebibytes_Answers413()
    {
        using var client = _server.Client();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(
            $$$"""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","padding":"{{{new string('b', 9 * 1024 * 1024)}}}"}}""")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/validate") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "8 MiB");
    }

    [Fact]
    public async Task Validate_UpdateWithTwoThreeMebibyteObjects_IsAccepted()
    {
        var big = new string('x', 3 * 1024 * 1024 - 4096);
        var sa = """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"app-ksa","namespace":"apps","annotations":{"note":"BIG"}}}""".Replace("BIG", big, StringComparison.Ordinal);

        var response = await _server.ReviewAsync(Reviews.For(sa, "UPDATE", oldObjectJson: sa));

        Assert.True(response.GetProperty("allowed").GetBoolean());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/yaml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Validate_WrongContentType_Answers415(string contentType)
    {
        using var response = await _server.PostAsync(Reviews.For(Reviews.ServiceAccount("apps", "a")), contentType);

        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Fact]
    public async Task Validate_ContentTypeWithCharset_IsAccepted()
    {
        using var response = await _server.PostAsync(Reviews.For(Reviews.ServiceAccount("apps", "a")), "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Validate_ClientMistakes_AreNeverLoggedAtErrorLevel()
    {
        foreach (var (_, body, _) in BadBodies().Select(row => ((string)row[0], (string)row[1], (string)row[2])))
            (await _server.PostAsync(body)).Dispose();

        Assert.DoesNotContain(_server.LogLines, line => line.GetProperty("Level").GetString() is "Error" or "Fatal");
    }

    private async Task AssertStillServing()
    {
        using var client = _server.Client();
        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(expected, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
