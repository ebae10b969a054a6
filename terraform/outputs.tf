# Everything the runbook and clusters/ need. `terraform output` lists them;
# `terraform output -raw redis_url` prints the cache URL (it contains the AUTH token).

output "region" {
  description = "AWS region of the deployment."
  value       = var.region
}

output "vpc_id" {
  description = "VPC id."
  value       = module.network.vpc_id
}

output "public_subnet_ids" {
  description = "Public subnets (load balancers, NAT gateways)."
  value       = module.network.public_subnet_ids
}

output "private_subnet_ids" {
  description = "Private subnets (EKS nodes, Redis)."
  value       = module.network.private_subnet_ids
}

output "nat_public_ips" {
  description = "Egress IPs of the cluster, for allow-lists of private source hosts."
  value       = module.network.nat_public_ips
}

output "buckets" {
  description = "Bucket per purpose: sources (inputs), models, cache, results (--out)."
  value       = module.storage.bucket_names
}

output "results_url" {
  description = "An --out URL prefix for runs: s3://RESULTS-BUCKET/runs."
  value       = "s3://${module.storage.bucket_names["results"]}/runs"
}

output "access_logs_bucket" {
  description = "Bucket with the S3 server access logs of the data buckets."
  value       = module.storage.logs_bucket
}

output "kms_key_arn" {
  description = "Customer-managed KMS key of buckets, Redis, EKS secrets and log groups."
  value       = module.storage.kms_key_arn
}

output "redis_url" {
  description = "Portalis --cache URL: rediss://:TOKEN@PRIMARY:6379/0 (sensitive: terraform output -raw redis_url)."
  value       = module.cache.redis_url
  sensitive   = true
}

output "redis_url_redacted" {
  description = "The cache URL with the token masked."
  value       = module.cache.redis_url_redacted
}

output "redis_auth_secret_arn" {
  description = "Secrets Manager secret with the Redis AUTH token."
  value       = module.cache.auth_secret_arn
}

output "eks_cluster_name" {
  description = "EKS cluster name."
  value       = module.compute.cluster_name
}

output "eks_cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = module.compute.cluster_endpoint
}

output "kubeconfig_command" {
  description = "Command that writes a kubeconfig entry for the cluster."
  value       = "aws eks update-kubeconfig --region ${var.region} --name ${module.compute.cluster_name}"
}

output "dask_namespace" {
  description = "PORTALIS_K8S_NAMESPACE for clusters/kubernetes.yaml."
  value       = module.compute.dask_namespace
}

output "dask_scheduler_address" {
  description = "In-cluster scheduler address of the DaskCluster named portalis (--cluster for drivers running in the cluster)."
  value       = "tcp://portalis-scheduler.${module.compute.dask_namespace}.svc.cluster.local:8786"
}

output "worker_role_arn" {
  description = "IRSA role of the Dask pods."
  value       = module.iam.worker_role_arn
}

output "pushgateway_url" {
  description = "In-cluster Pushgateway for batch and scheduled runs (PORTALIS_PUSHGATEWAY)."
  value       = "http://prometheus-pushgateway.monitoring.svc.cluster.local:9091"
}

output "grafana_command" {
  description = "Port-forward to Grafana (admin password in the monitoring/grafana-admin Secret)."
  value       = "kubectl -n monitoring port-forward svc/kube-prometheus-stack-grafana 3000:80"
}

output "portalis_env" {
  description = "Environment for clusters/kubernetes.yaml and scheduled runs."
  value = {
    PORTALIS_K8S_NAMESPACE = module.compute.dask_namespace
    PORTALIS_K8S_CLUSTER   = "portalis"
    PORTALIS_PUSHGATEWAY   = "http://prometheus-pushgateway.monitoring.svc.cluster.local:9091"
    PORTALIS_OUT           = "s3://${module.storage.bucket_names["results"]}/runs"
  }
}
