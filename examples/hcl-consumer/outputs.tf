output "web_url" {
  description = "Where the web tier answers: https where it has an HTTPS listener (production serves HTTPS only), else http"
  value       = "${local.web_scheme}://${local.web.alb_dns_name}"
}

output "reporting_db_security_group_id" {
  description = "Security group for the reporting database"
  value       = aws_security_group.reporting_db.id
}

output "order_audit_queue_url" {
  description = "Queue receiving a copy of every order message; null where the environment has no messaging"
  value       = one(aws_sqs_queue.order_audit[*].url)
}

output "web_queue_urls" {
  description = "URL of every queue of the web tier, by its configured name; empty where the environment has no messaging"
  value       = { for name, queue in try(local.web.queues, {}) : name => queue.url }
}
