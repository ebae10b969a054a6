# Least-privilege roles for pods, through IRSA (IAM roles for service accounts): each role
# trusts exactly one Kubernetes service account of the cluster's OIDC provider.
# - workers: read sources and models, read/write the cache and results buckets, nothing else;
# - cluster autoscaler: resize only this cluster's node groups;
# - EBS CSI driver: volumes for Prometheus and Grafana.

locals {
  service_accounts = {
    worker     = "system:serviceaccount:${var.dask_namespace}:default"
    autoscaler = "system:serviceaccount:kube-system:cluster-autoscaler"
    ebs_csi    = "system:serviceaccount:kube-system:ebs-csi-controller-sa"
  }
}

data "aws_iam_policy_document" "assume" {
  for_each = local.service_accounts

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values   = [each.value]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "irsa" {
  for_each = local.service_accounts

  name               = "${var.name}-${replace(each.key, "_", "-")}"
  assume_role_policy = data.aws_iam_policy_document.assume[each.key].json
}

# --- Dask workers and drivers ----------------------------------------------------------------

data "aws_iam_policy_document" "worker" {
  statement {
    sid       = "ListOwnBuckets"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = values(var.buckets)
  }

  statement {
    sid       = "ReadSourcesAndModels"
    actions   = ["s3:GetObject"]
    resources = [for purpose in ["sources", "models"] : "${var.buckets[purpose]}/*"]
  }

  statement {
    sid       = "ReadWriteCacheAndResults"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = [for purpose in ["cache", "results"] : "${var.buckets[purpose]}/*"]
  }

  statement {
    sid       = "UseBucketKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
  }

  statement {
    sid       = "ReadRedisToken"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.redis_secret_arn]
  }
}

resource "aws_iam_role_policy" "worker" {
  name   = "portalis-worker"
  role   = aws_iam_role.irsa["worker"].id
  policy = data.aws_iam_policy_document.worker.json
}

# --- cluster autoscaler ----------------------------------------------------------------------

data "aws_iam_policy_document" "autoscaler" {
  statement {
    sid = "Discover"
    actions = [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeAutoScalingInstances",
      "autoscaling:DescribeLaunchConfigurations",
      "autoscaling:DescribeScalingActivities",
      "autoscaling:DescribeTags",
      "ec2:DescribeImages",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:GetInstanceTypesFromInstanceRequirements",
    ]
    resources = ["*"] # Describe calls cannot be scoped to resources
  }

  statement {
    sid       = "ReadOwnNodeGroups"
    actions   = ["eks:DescribeNodegroup"]
    resources = ["arn:aws:eks:*:*:nodegroup/${var.cluster_name}/*"]
  }

  statement {
    sid       = "ResizeOwnNodeGroups"
    actions   = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/k8s.io/cluster-autoscaler/${var.cluster_name}"
      values   = ["owned"]
    }
  }
}

resource "aws_iam_role_policy" "autoscaler" {
  name   = "cluster-autoscaler"
  role   = aws_iam_role.irsa["autoscaler"].id
  policy = data.aws_iam_policy_document.autoscaler.json
}

# --- EBS CSI driver --------------------------------------------------------------------------

resource "aws_iam_role_policy_attachment" "ebs_csi" {
  role       = aws_iam_role.irsa["ebs_csi"].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
}
