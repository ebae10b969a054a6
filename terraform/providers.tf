provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, {
      Project     = "portalis"
      Environment = var.environment
      ManagedBy   = "terraform"
    })
  }
}

# Helm and Kubernetes talk to the EKS cluster created in this configuration, with a short-lived
# token from `aws eks get-token` (no static credentials in the state).
provider "kubernetes" {
  host                   = module.compute.cluster_endpoint
  cluster_ca_certificate = base64decode(module.compute.cluster_certificate_authority)

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--region", var.region, "--cluster-name", module.compute.cluster_name]
  }
}

provider "helm" {
  kubernetes {
    host                   = module.compute.cluster_endpoint
    cluster_ca_certificate = base64decode(module.compute.cluster_certificate_authority)

    exec {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args        = ["eks", "get-token", "--region", var.region, "--cluster-name", module.compute.cluster_name]
    }
  }
}
