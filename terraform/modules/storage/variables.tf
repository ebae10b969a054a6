variable "name" {
  description = "Name prefix of every resource."
  type        = string
}

variable "account_id" {
  description = "AWS account id (bucket names are suffixed with it to be globally unique)."
  type        = string
}

variable "region" {
  description = "AWS region (the CloudWatch Logs service principal of the KMS key policy)."
  type        = string
}
