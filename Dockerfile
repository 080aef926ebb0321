# syntax=docker/dockerfile:1
# Build: the SDK image publishes the `wiguard` executable (framework-dependent) to /app.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/WiGuard -c Release -o /app

# Run: ASP.NET Core runtime only, "chiseled" (no shell, no package manager).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app ./
# A numeric user, so Kubernetes can prove runAsNonRoot without reading /etc/passwd.
USER 65532:65532
# HTTPS only, on 10250: the port GKE private-cluster control planes may already reach.
ENV ASPNETCORE_URLS=https://0.0.0.0:10250 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1
EXPOSE 10250
ENTRYPOINT ["/app/wiguard"]
CMD ["serve"]
