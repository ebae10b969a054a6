# The namespace Portalis's Dask clusters run in. Its default service account carries the
# workers' IRSA role, so every pod the Dask operator creates there reads sources and writes
# results with that role's rights and no others. The cache URL is a Secret for drivers and
# workers (PORTALIS_CACHE_URL).

resource "kubernetes_namespace" "dask" {
  metadata {
    name = var.dask_namespace
  }
}

resource "kubernetes_default_service_account" "dask" {
  metadata {
    namespace   = kubernetes_namespace.dask.metadata[0].name
    annotations = { "eks.amazonaws.com/role-arn" = var.worker_role_arn }
  }
}

resource "kubernetes_secret" "cache" {
  metadata {
    name      = "portalis-cache"
    namespace = kubernetes_namespace.dask.metadata[0].name
  }
  data = {
    PORTALIS_CACHE_URL = var.redis_url
  }
}
