variable "name" {
  description = "Bucket name (globally unique)."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key of the default encryption."
  type        = string
}

variable "log_bucket" {
  description = "Bucket receiving this bucket's server access logs."
  type        = string
}

variable "log_prefix" {
  description = "Prefix of this bucket's access logs."
  type        = string
}

variable "expire_days" {
  description = "Days before current objects expire (null: never)."
  type        = number
  default     = null
}

variable "glacier_days" {
  description = "Days before objects move to Glacier (null: never)."
  type        = number
  default     = null
}

variable "noncurrent_days" {
  description = "Days a replaced or deleted version is kept."
  type        = number
}
