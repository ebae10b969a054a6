variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Environment name, used in resource names (prod, staging, ...)."
  type        = string
  default     = "prod"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment: 2-16 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "tags" {
  description = "Extra tags for every resource."
  type        = map(string)
  default     = {}
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC (two public and two private subnets are carved from it)."
  type        = string
  default     = "10.0.0.0/16"
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version."
  type        = string
  default     = "1.31"
}

variable "api_allowed_cidrs" {
  description = "CIDRs allowed to reach the EKS API over the internet; empty keeps the endpoint private (VPN or bastion only)."
  type        = list(string)
  default     = []
}

variable "cpu_instance_types" {
  description = "Instance types of the CPU node group (scheduler, CPU workers, monitoring)."
  type        = list(string)
  default     = ["m6i.2xlarge"]
}

variable "cpu_nodes" {
  description = "Size of the CPU node group."
  type = object({
    min     = number
    desired = number
    max     = number
  })
  default = { min = 2, desired = 2, max = 20 }
}

variable "gpu_instance_types" {
  description = "Instance types of the GPU node group (spot; several types widen the spot pools)."
  type        = list(string)
  default     = ["g5.xlarge", "g5.2xlarge", "g6.xlarge"]
}

variable "gpu_nodes_max" {
  description = "Upper bound of the GPU node group; it scales from zero."
  type        = number
  default     = 8
}

variable "redis_node_type" {
  description = "ElastiCache node type of the translation cache."
  type        = string
  default     = "cache.r7g.large"
}

variable "log_retention_days" {
  description = "Retention of CloudWatch log groups (flow logs, EKS control plane, Redis)."
  type        = number
  default     = 365
}

variable "dask_namespace" {
  description = "Kubernetes namespace where Portalis's Dask clusters run (PORTALIS_K8S_NAMESPACE)."
  type        = string
  default     = "portalis"
}

variable "monitoring_dir" {
  description = "Directory holding the project's Grafana dashboards (**/*.json) and alert rules (alerts.yml)."
  type        = string
  default     = "../config/monitoring"
}
