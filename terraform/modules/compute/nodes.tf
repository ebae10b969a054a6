# Two managed node groups in the private subnets: CPU on demand (scheduler, CPU workers,
# monitoring) and GPU on spot, scaling from zero, tainted so only pods that tolerate
# nvidia.com/gpu (the Dask GPU worker group) land there. Scaling from zero works because the
# cluster autoscaler (>= 1.24, installed in helm.tf) reads a managed node group's labels and
# taints from the EKS API (eks:DescribeNodegroup) and knows each instance type's GPU count.

locals {
  gpu_taint_key = "nvidia.com/gpu"
}

resource "aws_launch_template" "node" {
  for_each = toset(["cpu", "gpu"])

  name_prefix            = "${var.name}-${each.key}-"
  update_default_version = true

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required" # IMDSv2 only
    http_put_response_hop_limit = 1          # pods cannot reach the node's credentials
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = each.key == "gpu" ? 200 : 100 # GPU images and model weights are large
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = { Name = "${var.name}-${each.key}" }
  }
}

resource "aws_eks_node_group" "cpu" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "cpu"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = var.private_subnet_ids
  capacity_type   = "ON_DEMAND"
  instance_types  = var.cpu_instance_types
  ami_type        = "AL2023_x86_64_STANDARD"

  scaling_config {
    min_size     = var.cpu_nodes.min
    desired_size = var.cpu_nodes.desired
    max_size     = var.cpu_nodes.max
  }

  launch_template {
    id      = aws_launch_template.node["cpu"].id
    version = aws_launch_template.node["cpu"].latest_version
  }

  labels = { "portalis.dev/pool" = "cpu" }

  lifecycle {
    ignore_changes = [scaling_config[0].desired_size] # the cluster autoscaler owns it
  }

  depends_on = [aws_iam_role_policy_attachment.node]
}

resource "aws_eks_node_group" "gpu" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "gpu-spot"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = var.private_subnet_ids
  capacity_type   = "SPOT"
  instance_types  = var.gpu_instance_types
  ami_type        = "AL2023_x86_64_NVIDIA" # driver and container toolkit preinstalled

  scaling_config {
    min_size     = 0
    desired_size = 0
    max_size     = var.gpu_nodes_max
  }

  launch_template {
    id      = aws_launch_template.node["gpu"].id
    version = aws_launch_template.node["gpu"].latest_version
  }

  labels = {
    "portalis.dev/pool"      = "gpu"
    "nvidia.com/gpu.present" = "true"
  }

  taint {
    key    = local.gpu_taint_key
    value  = "true"
    effect = "NO_SCHEDULE"
  }

  lifecycle {
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [aws_iam_role_policy_attachment.node]
}
