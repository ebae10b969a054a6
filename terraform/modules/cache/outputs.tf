# Portalis's cache takes rediss://[user:password@]host:port/db (README "Cache, resume and
# storage"); ElastiCache AUTH has no user name, hence the empty user before the colon.

output "redis_url" {
  description = "The --cache URL for Portalis: rediss://:TOKEN@PRIMARY:6379/0 (contains the AUTH token)."
  value       = format("rediss://:%s@%s:%d/0", random_password.auth.result, aws_elasticache_replication_group.this.primary_endpoint_address, var.port)
  sensitive   = true
}

output "redis_url_redacted" {
  description = "The same URL with the token masked, for logs and documents."
  value       = format("rediss://:***@%s:%d/0", aws_elasticache_replication_group.this.primary_endpoint_address, var.port)
}

output "primary_endpoint" {
  description = "Primary endpoint address (writes and reads)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "auth_secret_arn" {
  description = "Secrets Manager secret holding the AUTH token."
  value       = aws_secretsmanager_secret.auth.arn
}

output "security_group_id" {
  description = "Security group of the cache."
  value       = aws_security_group.redis.id
}
