variable "name" {
  description = "EKS cluster name and name prefix."
  type        = string
}

variable "region" {
  description = "AWS region (for the cluster autoscaler)."
  type        = string
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the control plane ENIs and the nodes."
  type        = list(string)
}

variable "api_allowed_cidrs" {
  description = "CIDRs allowed to the public API endpoint; empty keeps it private."
  type        = list(string)

  validation {
    condition     = !contains(var.api_allowed_cidrs, "0.0.0.0/0")
    error_message = "api_allowed_cidrs: 0.0.0.0/0 would open the Kubernetes API to the internet."
  }
}

variable "kms_key_arn" {
  description = "KMS key for Kubernetes secrets and the control-plane log group."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the control-plane log group in days."
  type        = number
}

variable "cpu_instance_types" {
  description = "Instance types of the CPU node group."
  type        = list(string)
}

variable "cpu_nodes" {
  description = "min, desired and max size of the CPU node group."
  type = object({
    min     = number
    desired = number
    max     = number
  })
}

variable "gpu_instance_types" {
  description = "Instance types of the spot GPU node group."
  type        = list(string)
}

variable "gpu_nodes_max" {
  description = "Maximum size of the GPU node group (it scales from zero)."
  type        = number
}

variable "dask_namespace" {
  description = "Namespace of Portalis's Dask clusters."
  type        = string
}

variable "worker_role_arn" {
  description = "IRSA role of the Dask pods (default service account of dask_namespace)."
  type        = string
}

variable "autoscaler_role_arn" {
  description = "IRSA role of the cluster autoscaler."
  type        = string
}

variable "ebs_csi_role_arn" {
  description = "IRSA role of the EBS CSI driver (Prometheus and Grafana volumes)."
  type        = string
}

variable "redis_url" {
  description = "rediss:// URL of the translation cache, stored as a Secret in dask_namespace."
  type        = string
  sensitive   = true
}

variable "monitoring_dir" {
  description = "Directory with the project's Grafana dashboards (*.json) and alerts.yml."
  type        = string
}

variable "chart_versions" {
  description = "Pinned Helm chart versions; raise them deliberately, one at a time."
  type = object({
    dask_operator         = string
    nvidia_device_plugin  = string
    dcgm_exporter         = string
    cluster_autoscaler    = string
    kube_prometheus_stack = string
    pushgateway           = string
  })
  default = {
    dask_operator         = "2024.9.0"
    nvidia_device_plugin  = "0.17.0"
    dcgm_exporter         = "3.6.1"
    cluster_autoscaler    = "9.43.2"
    kube_prometheus_stack = "65.1.1"
    pushgateway           = "2.14.0"
  }
}
