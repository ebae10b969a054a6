# S3 buckets for sources, models, cache and results; all KMS-encrypted with one customer key,
# public access blocked, TLS-only, versioned, with server access logs in a log bucket.

locals {
  # purpose -> lifecycle: days before objects expire (null: never), days before results move
  # to Glacier (null: never), days a replaced version is kept.
  buckets = {
    sources = { expire_days = null, glacier_days = null, noncurrent_days = 30 }
    models  = { expire_days = null, glacier_days = null, noncurrent_days = 90 }
    cache   = { expire_days = 7, glacier_days = null, noncurrent_days = 1 }
    results = { expire_days = 90, glacier_days = 30, noncurrent_days = 7 }
  }
}

data "aws_iam_policy_document" "kms" {
  #checkov:skip=CKV_AWS_111:Key policy: "*" is this key; the account statement delegates to IAM as AWS's default key policy does, the logs statement is bounded by the encryption-context condition
  #checkov:skip=CKV_AWS_356:Key policy: "*" as resource means this key only
  #checkov:skip=CKV_AWS_109:Key policy: the account root administers its own key (AWS's default key policy), IAM policies then grant use
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:root"]
    }
  }

  statement {
    sid = "CloudWatchLogsEncrypt"
    actions = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:aws:logs:${var.region}:${var.account_id}:log-group:*"]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "${var.name}: S3 buckets, Redis, EKS secrets, log groups"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.kms.json
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

# --- data buckets: one hardened bucket each (modules/bucket) ---------------------------------

module "bucket" {
  source   = "../bucket"
  for_each = local.buckets

  name            = "${var.name}-${each.key}-${var.account_id}"
  kms_key_arn     = aws_kms_key.this.arn
  log_bucket      = aws_s3_bucket.logs.id
  log_prefix      = "s3/${each.key}/"
  expire_days     = each.value.expire_days
  glacier_days    = each.value.glacier_days
  noncurrent_days = each.value.noncurrent_days
}

# --- access-log bucket -----------------------------------------------------------------------

resource "aws_s3_bucket" "logs" {
  #checkov:skip=CKV_AWS_18:This is the access-log target; logging it into itself would loop
  #checkov:skip=CKV_AWS_144:Access logs are kept in-region for a year; replication adds no recovery value
  #checkov:skip=CKV2_AWS_62:No consumer of event notifications for access logs
  #checkov:skip=CKV_AWS_145:S3 server access logging delivers only to buckets encrypted with SSE-S3, not SSE-KMS
  bucket = "${var.name}-access-logs-${var.account_id}"
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    id     = "expire-access-logs"
    status = "Enabled"
    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
    expiration {
      days = 365
    }
    noncurrent_version_expiration {
      noncurrent_days = 7
    }
  }
}

data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "S3ServerAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.logs.arn}/s3/*"]
    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.logs.arn, "${aws_s3_bucket.logs.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json

  depends_on = [aws_s3_bucket_public_access_block.logs]
}
