# Portalis on AWS: network -> storage -> IAM + EKS (compute) -> Redis cache -> Dask and
# monitoring on EKS through Helm. Each part is a module under modules/; see README.md.

locals {
  name = "portalis-${var.environment}"
}

data "aws_caller_identity" "current" {}

data "aws_availability_zones" "available" {
  #checkov:skip=CKV_AWS_394:Only the first two zone names are used (slice below): a zone AWS adds later cannot widen the deployment
  state = "available"
}

module "network" {
  source = "./modules/network"

  name               = local.name
  cidr               = var.vpc_cidr
  azs                = slice(data.aws_availability_zones.available.names, 0, 2)
  cluster_name       = local.name
  kms_key_arn        = module.storage.kms_key_arn
  log_retention_days = var.log_retention_days
}

module "storage" {
  source = "./modules/storage"

  name       = local.name
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region
}

module "compute" {
  source = "./modules/compute"

  name                = local.name
  kubernetes_version  = var.kubernetes_version
  vpc_id              = module.network.vpc_id
  private_subnet_ids  = module.network.private_subnet_ids
  api_allowed_cidrs   = var.api_allowed_cidrs
  kms_key_arn         = module.storage.kms_key_arn
  log_retention_days  = var.log_retention_days
  cpu_instance_types  = var.cpu_instance_types
  cpu_nodes           = var.cpu_nodes
  gpu_instance_types  = var.gpu_instance_types
  gpu_nodes_max       = var.gpu_nodes_max
  dask_namespace      = var.dask_namespace
  worker_role_arn     = module.iam.worker_role_arn
  autoscaler_role_arn = module.iam.autoscaler_role_arn
  ebs_csi_role_arn    = module.iam.ebs_csi_role_arn
  redis_url           = module.cache.redis_url
  monitoring_dir      = var.monitoring_dir
  region              = var.region
}

module "iam" {
  source = "./modules/iam"

  name              = local.name
  oidc_provider_arn = module.compute.oidc_provider_arn
  oidc_issuer       = module.compute.oidc_issuer
  dask_namespace    = var.dask_namespace
  buckets           = module.storage.bucket_arns
  kms_key_arn       = module.storage.kms_key_arn
  redis_secret_arn  = module.cache.auth_secret_arn
  cluster_name      = local.name
}

module "cache" {
  source = "./modules/cache"

  name                      = local.name
  vpc_id                    = module.network.vpc_id
  subnet_ids                = module.network.private_subnet_ids
  client_security_group_ids = [module.compute.node_security_group_id]
  node_type                 = var.redis_node_type
  kms_key_arn               = module.storage.kms_key_arn
  log_retention_days        = var.log_retention_days
}
