output "worker_role_arn" {
  description = "IRSA role of the Dask workers and drivers."
  value       = aws_iam_role.irsa["worker"].arn
}

output "autoscaler_role_arn" {
  description = "IRSA role of the cluster autoscaler."
  value       = aws_iam_role.irsa["autoscaler"].arn
}

output "ebs_csi_role_arn" {
  description = "IRSA role of the EBS CSI driver."
  value       = aws_iam_role.irsa["ebs_csi"].arn
}
