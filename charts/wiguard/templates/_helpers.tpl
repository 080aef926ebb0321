{{/* Release-scoped name, at most 63 characters (a DNS label). */}}
{{- define "wiguard.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "wiguard.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "wiguard.labels" -}}
{{ include "wiguard.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* metadata.labels plus the common annotations, for every object. */}}
{{- define "wiguard.metadata" -}}
labels:
  {{- include "wiguard.labels" . | nindent 2 }}
{{- with .Values.commonAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "wiguard.serviceAccountName" -}}
{{- default (include "wiguard.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "wiguard.tlsSecretName" -}}
{{- printf "%s-tls" (include "wiguard.fullname" .) -}}
{{- end -}}

{{/* The names the API server may use to reach the Service. */}}
{{- define "wiguard.dnsNames" -}}
{{- $svc := include "wiguard.fullname" . -}}
{{- $ns := .Release.Namespace -}}
{{- list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.cluster.local" $svc $ns) | toJson -}}
{{- end -}}

{{- define "wiguard.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/*
Namespaces the API server never sends to the webhook: system ones, configured ones and its
own. Prefix entries (`team-*`) cannot be written as a selector; the server still exempts them.
*/}}
{{- define "wiguard.excludedNamespaces" -}}
{{- $names := list -}}
{{- range concat .Values.systemNamespaces .Values.exemptNamespaces (list .Release.Namespace) -}}
{{- if not (hasSuffix "*" .) -}}
{{- $names = append $names . -}}
{{- end -}}
{{- end -}}
{{- $names | uniq | toJson -}}
{{- end -}}
