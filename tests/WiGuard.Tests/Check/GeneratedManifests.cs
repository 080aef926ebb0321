using System.Text;

namespace WiGuard.Tests.Check;

/// <summary>A large, realistic multi-document manifest, as a big umbrella chart renders.</summary>
public static class GeneratedManifests
{
    /// <summary>
    /// <paramref name="count"/> objects cycling through: a KSA with a short GSA name (deny), a Deployment
    /// without serviceAccountName, a good KSA, a Deployment using it, and a ConfigMap.
    /// </summary>
    public static string Yaml(int count)
    {
        var builder = new StringBuilder(count * 400);
        for (var i = 0; i < count; i++)
        {
            var group = i / 5;
            builder.Append("---\n# Source: umbrella/templates/part-").Append(i).Append(".yaml\n");
            switch (i % 5)
            {
                case 0:
                    builder.Append($"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: bad-{group}\n  namespace: team-{group % 50}\n  annotations:\n    iam.gke.io/gcp-service-account: gsa-{group}\n");
                    break;
                case 1:
                    builder.Append($"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-{group}\n  namespace: team-{group % 50}\n  labels:\n    app: web-{group}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web-{group}\n  template:\n    metadata:\n      labels:\n        app: web-{group}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - containerPort: 8080\n");
                    break;
                case 2:
                    builder.Append($"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app-{group}\n  namespace: team-{group % 50}\n  annotations:\n    iam.gke.io/gcp-service-account: app-{group:D4}@my-proj.iam.gserviceaccount.com\n");
                    break;
                case 3:
                    builder.Append($"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{group}\n  namespace: team-{group % 50}\nspec:\n  template:\n    spec:\n      serviceAccountName: app-{group}\n      containers:\n        - name: app\n          image: ghcr.io/acme/app:{group}\n");
                    break;
                default:
                    builder.Append($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-{group}\n  namespace: team-{group % 50}\ndata:\n  LOG_LEVEL: info\n  RETRIES: 3\n");
                    break;
            }
        }

        return builder.ToString();
    }
}
