output "bucket_names" {
  description = "Bucket name per purpose: sources, models, cache, results."
  value       = { for purpose, bucket in module.bucket : purpose => bucket.name }
}

output "bucket_arns" {
  description = "Bucket ARN per purpose: sources, models, cache, results."
  value       = { for purpose, bucket in module.bucket : purpose => bucket.arn }
}

output "logs_bucket" {
  description = "Bucket receiving the S3 server access logs."
  value       = aws_s3_bucket.logs.id
}

output "kms_key_arn" {
  description = "Customer-managed KMS key of the buckets, Redis, EKS secrets and log groups."
  value       = aws_kms_key.this.arn
}
