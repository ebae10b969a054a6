variable "name" {
  description = "Name prefix of every resource."
  type        = string
}

variable "cidr" {
  description = "CIDR block of the VPC."
  type        = string
}

variable "azs" {
  description = "Availability zones, one public and one private subnet each (two expected)."
  type        = list(string)

  validation {
    condition     = length(var.azs) >= 2
    error_message = "azs: give at least two availability zones (multi-AZ Redis and EKS need them)."
  }
}

variable "cluster_name" {
  description = "EKS cluster name, for the subnet tags its load balancers look for."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key encrypting the flow-log group."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the flow-log group in days."
  type        = number
}
