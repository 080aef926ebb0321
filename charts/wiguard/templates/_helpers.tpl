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

{{/* Seconds in a .NET TimeSpan string ([d.]hh:mm:ss[.fffffff]), as a float. */}}
{{- define "wiguard.timespanSeconds" -}}
{{- $parts := splitList ":" . -}}
{{- $hours := index $parts 0 -}}
{{- $days := 0 -}}
{{- if contains "." $hours -}}
{{- $days = splitList "." $hours | first | float64 -}}
{{- $hours = splitList "." $hours | last -}}
{{- end -}}
{{- add (mulf $days 86400) (mulf (float64 $hours) 3600) (mulf (float64 (index $parts 1)) 60) | addf (float64 (index $parts 2)) -}}
{{- end -}}

{{/* Combinations the schema cannot express, each failing with the keys to change. */}}
{{- define "wiguard.validate" -}}
{{- $iamSeconds := include "wiguard.timespanSeconds" .Values.iam.timeout | float64 -}}
{{- if ge $iamSeconds (float64 .Values.webhook.timeoutSeconds) -}}
{{- fail (printf "iam.timeout (%s) must be shorter than webhook.timeoutSeconds (%d): the API server would stop waiting before WiGuard gives up on IAM" .Values.iam.timeout (int .Values.webhook.timeoutSeconds)) -}}
{{- end -}}
{{- end -}}
