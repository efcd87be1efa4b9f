# Reads the web tier's outputs (the contract in modules/contract/outputs.ts) from its state:
# by default the local state file the environment was deployed with, or its S3 state.
locals {
  state_config = {
    local = {
      path = coalesce(var.state_path, "${path.module}/../../terraform.${var.environment}.tfstate")
    }
    s3 = merge({
      bucket = var.state_bucket
      key    = "webtier/${var.environment}/terraform.tfstate"
      region = var.region
    }, var.state_s3_options)
  }
}

data "terraform_remote_state" "web" {
  backend = var.state_backend
  config  = local.state_config[var.state_backend]
}

locals {
  web = data.terraform_remote_state.web.outputs
  # Only an environment with messaging publishes its topic.
  topic_arn = try(local.web.topic_arn, null)
  # Production serves HTTPS only (HTTP just redirects): an HTTPS listener means an https URL.
  web_scheme = local.web.https_listener_arn != "" ? "https" : "http"
}

# A database's security group in the web tier's VPC, open to the web tier's instances only.
resource "aws_security_group" "reporting_db" {
  name_prefix = "reporting-db-${var.environment}-"
  description = "Reporting database, reachable from the web tier's instances"
  vpc_id      = local.web.vpc_id

  lifecycle {
    create_before_destroy = true
  }
}

# The web tier's instances only send HTTPS by default: open the database port on their side too.
resource "aws_vpc_security_group_egress_rule" "web_instances_to_db" {
  security_group_id            = local.web.instance_security_group_id
  referenced_security_group_id = aws_security_group.reporting_db.id
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  description                  = "Reporting database from the web tier's instances"
}

resource "aws_vpc_security_group_ingress_rule" "from_web_instances" {
  security_group_id            = aws_security_group.reporting_db.id
  referenced_security_group_id = local.web.instance_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  description                  = "Database port from the web tier's instances"
}

# A second consumer of the order topic: an audit queue subscribed to it, where there is a topic.
resource "aws_sqs_queue" "order_audit" {
  count                   = local.topic_arn == null ? 0 : 1
  name                    = "order-audit-${var.environment}"
  sqs_managed_sse_enabled = true
}

resource "aws_sqs_queue_policy" "order_audit" {
  count     = length(aws_sqs_queue.order_audit)
  queue_url = aws_sqs_queue.order_audit[0].url
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.order_audit[0].arn
      Condition = { ArnEquals = { "aws:SourceArn" = local.topic_arn } }
    }]
  })
}

resource "aws_sns_topic_subscription" "order_audit" {
  count     = length(aws_sqs_queue.order_audit)
  topic_arn = local.topic_arn
  protocol  = "sqs"
  endpoint  = aws_sqs_queue.order_audit[0].arn
}
