variable "name" {
  description = "Name prefix of every resource."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cache."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets in at least two AZs (one replica per AZ, failover across them)."
  type        = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups allowed to connect (the EKS nodes')."
  type        = list(string)
}

variable "node_type" {
  description = "ElastiCache node type."
  type        = string
}

variable "port" {
  description = "Redis port."
  type        = number
  default     = 6379
}

variable "kms_key_arn" {
  description = "KMS key for encryption at rest, the secret and the slow-log group."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the slow-log group in days."
  type        = number
}
