# What runs on the cluster, installed with Helm:
# - the Dask Kubernetes operator: clusters/kubernetes.yaml (KubeCluster) creates DaskCluster
#   resources in var.dask_namespace and the operator runs them;
# - the NVIDIA device plugin (nvidia.com/gpu resources) and DCGM exporter (GPU metrics);
# - the cluster autoscaler (scales both node groups, the GPU one from zero);
# - kube-prometheus-stack (Prometheus, Alertmanager, Grafana) loading the project's dashboards
#   and alert rules from var.monitoring_dir, plus a Pushgateway for batch and scheduled runs.

locals {
  gpu_toleration = {
    key      = local.gpu_taint_key
    operator = "Exists"
    effect   = "NoSchedule"
  }
  alerts_file = "${var.monitoring_dir}/alerts.yml"
  alert_rules = fileexists(local.alerts_file) ? yamldecode(file(local.alerts_file)) : { groups = [] }
  dashboards  = fileset(var.monitoring_dir, "**/*.json") # config/monitoring/grafana/*.json
}

resource "kubernetes_namespace" "monitoring" {
  metadata {
    name = "monitoring"
  }
}

resource "helm_release" "dask_operator" {
  name             = "dask-kubernetes-operator"
  repository       = "https://helm.dask.org"
  chart            = "dask-kubernetes-operator"
  version          = var.chart_versions.dask_operator
  namespace        = "dask-operator"
  create_namespace = true
  atomic           = true

  values = [yamlencode({
    nodeSelector = { "portalis.dev/pool" = "cpu" }
  })]

  depends_on = [aws_eks_node_group.cpu]
}

resource "helm_release" "nvidia_device_plugin" {
  name             = "nvidia-device-plugin"
  repository       = "https://nvidia.github.io/k8s-device-plugin"
  chart            = "nvidia-device-plugin"
  version          = var.chart_versions.nvidia_device_plugin
  namespace        = "kube-system"
  create_namespace = false
  atomic           = true

  values = [yamlencode({
    nodeSelector = { "portalis.dev/pool" = "gpu" }
    tolerations  = [local.gpu_toleration]
  })]

  depends_on = [aws_eks_node_group.cpu]
}

resource "helm_release" "dcgm_exporter" {
  name       = "dcgm-exporter"
  repository = "https://nvidia.github.io/dcgm-exporter/helm-charts"
  chart      = "dcgm-exporter"
  version    = var.chart_versions.dcgm_exporter
  namespace  = kubernetes_namespace.monitoring.metadata[0].name
  atomic     = true

  values = [yamlencode({
    nodeSelector   = { "portalis.dev/pool" = "gpu" }
    tolerations    = [local.gpu_toleration]
    serviceMonitor = { enabled = true, interval = "15s" } # DCGM_FI_DEV_GPU_UTIL & co. for the dashboard
  })]

  depends_on = [helm_release.monitoring]
}

resource "helm_release" "cluster_autoscaler" {
  name       = "cluster-autoscaler"
  repository = "https://kubernetes.github.io/autoscaler"
  chart      = "cluster-autoscaler"
  version    = var.chart_versions.cluster_autoscaler
  namespace  = "kube-system"
  atomic     = true

  values = [yamlencode({
    cloudProvider = "aws"
    awsRegion     = var.region
    autoDiscovery = { clusterName = aws_eks_cluster.this.name }
    rbac = {
      serviceAccount = {
        name        = "cluster-autoscaler"
        annotations = { "eks.amazonaws.com/role-arn" = var.autoscaler_role_arn }
      }
    }
    extraArgs = {
      "balance-similar-node-groups"   = true
      "skip-nodes-with-local-storage" = false
      "expander"                      = "least-waste"
      "scale-down-unneeded-time"      = "5m" # idle GPU spot nodes go away quickly
    }
    nodeSelector = { "portalis.dev/pool" = "cpu" }
  })]

  depends_on = [aws_eks_node_group.cpu]
}

resource "random_password" "grafana" {
  length  = 32
  special = false
}

resource "kubernetes_secret" "grafana_admin" {
  metadata {
    name      = "grafana-admin"
    namespace = kubernetes_namespace.monitoring.metadata[0].name
  }
  data = {
    admin-user     = "admin"
    admin-password = random_password.grafana.result
  }
}

# One ConfigMap per dashboard of the project; Grafana's sidecar loads every ConfigMap labelled
# grafana_dashboard=1.
resource "kubernetes_config_map" "dashboards" {
  for_each = local.dashboards

  metadata {
    name      = "portalis-dashboard-${replace(trimsuffix(lower(basename(each.value)), ".json"), "_", "-")}"
    namespace = kubernetes_namespace.monitoring.metadata[0].name
    labels    = { grafana_dashboard = "1" }
  }
  data = {
    (basename(each.value)) = file("${var.monitoring_dir}/${each.value}")
  }
}

resource "helm_release" "monitoring" {
  name       = "kube-prometheus-stack"
  repository = "https://prometheus-community.github.io/helm-charts"
  chart      = "kube-prometheus-stack"
  version    = var.chart_versions.kube_prometheus_stack
  namespace  = kubernetes_namespace.monitoring.metadata[0].name
  atomic     = true
  timeout    = 900

  values = [yamlencode({
    grafana = {
      admin = { existingSecret = kubernetes_secret.grafana_admin.metadata[0].name }
      sidecar = {
        dashboards = { enabled = true, label = "grafana_dashboard", labelValue = "1", searchNamespace = "ALL" }
      }
      persistence = { enabled = true, size = "10Gi" }
    }
    prometheus = {
      prometheusSpec = {
        retention                               = "30d"
        ruleSelectorNilUsesHelmValues           = false
        serviceMonitorSelectorNilUsesHelmValues = false
        podMonitorSelectorNilUsesHelmValues     = false
        storageSpec = {
          volumeClaimTemplate = {
            spec = {
              accessModes = ["ReadWriteOnce"]
              resources   = { requests = { storage = "100Gi" } }
            }
          }
        }
        # Dask's own /metrics on the scheduler and worker pods the operator creates.
        additionalScrapeConfigs = [{
          job_name = "dask"
          kubernetes_sd_configs = [{
            role       = "pod"
            namespaces = { names = [var.dask_namespace] }
          }]
          relabel_configs = [
            {
              source_labels = ["__meta_kubernetes_pod_label_dask_org_component"]
              regex         = "scheduler|worker"
              action        = "keep"
            },
            {
              source_labels = ["__meta_kubernetes_pod_container_port_name"]
              regex         = "http-dashboard"
              action        = "keep"
            },
            {
              source_labels = ["__meta_kubernetes_pod_label_dask_org_component"]
              target_label  = "component"
            },
          ]
        }]
      }
    }
    # The project's alert rules (runbook_url annotations point at docs/OPERATIONS_RUNBOOK.md).
    additionalPrometheusRulesMap = {
      portalis = local.alert_rules
    }
  })]

  depends_on = [aws_eks_node_group.cpu, aws_eks_addon.this]
}

resource "helm_release" "pushgateway" {
  name       = "prometheus-pushgateway"
  repository = "https://prometheus-community.github.io/helm-charts"
  chart      = "prometheus-pushgateway"
  version    = var.chart_versions.pushgateway
  namespace  = kubernetes_namespace.monitoring.metadata[0].name
  atomic     = true

  values = [yamlencode({
    serviceMonitor = { enabled = true, honorLabels = true } # keep the pushed job/tenant labels
  })]

  depends_on = [helm_release.monitoring]
}
