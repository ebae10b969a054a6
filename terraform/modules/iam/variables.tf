variable "name" {
  description = "Name prefix of the roles."
  type        = string
}

variable "cluster_name" {
  description = "EKS cluster whose node groups the autoscaler may resize."
  type        = string
}

variable "oidc_provider_arn" {
  description = "IAM OIDC provider of the EKS cluster."
  type        = string
}

variable "oidc_issuer" {
  description = "OIDC issuer of the cluster without https:// (condition keys)."
  type        = string
}

variable "dask_namespace" {
  description = "Namespace whose default service account the Dask pods use."
  type        = string
}

variable "buckets" {
  description = "Bucket ARN per purpose: sources, models, cache, results."
  type        = map(string)
}

variable "kms_key_arn" {
  description = "KMS key of the buckets."
  type        = string
}

variable "redis_secret_arn" {
  description = "Secrets Manager secret of the Redis AUTH token."
  type        = string
}
